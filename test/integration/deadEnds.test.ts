/**
 * The dead ends a first-time user met: rotating a profile whose key is inactive, Activate Key, the
 * MFA row (Enter MFA code…, a wrong code asks again, the facts and the status bar follow), and
 * Delete Deactivated Key listing the keys it would delete.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NodeSnapshot } from '../../src/extension/profiles';
import type { RotationResult } from '../../src/core/rotation';
import { activeApi } from './activation.test';
import { answering, confirmationsIn, emulatorControl, messagesIn } from './helpers';

// Demo-seed keys (tools/emulator/seeds/demo.json): fake, valid only against the emulator.
const GRACE_INACTIVE = ['AKIARZPUZDIKBDFVJEWS', 'z/y59sC/ypBUf4dIKuq2jBvXckKakcJWf/RSrOr+'];
const GRACE_ACTIVE = ['AKIARZPUZDIKAO4JYGTX', 'cIBeWyViWYAyYXWxUuSagrp3CGUZ0JdAlCAxBqrK'];
const ERIN = ['AKIARZPUZDIKKD3ANGGN', 'IvEnQIAygt7ueGTxK4BLWFo5otgcneL23QnTEFrM'];
const ALICE = ['AKIARZPUZDIKESSO2CVY', 'sYkFfr/xYSyDro3DcDWkDUkP0dP8fAf4UmaguF3/'];
const ERIN_MFA = 'arn:aws:iam::123456789012:mfa/erin';

const awsDir = path.join(os.homedir(), '.aws');
const credentialsFile = path.join(awsDir, 'credentials');

interface Tree {
  loading: boolean;
  statusBar?: string;
  nodes: NodeSnapshot[];
}

function section(name: string, [id, secret]: string[]): string {
  return `[${name}]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`;
}

async function treeWhere(done: (tree: Tree) => boolean, what: string): Promise<Tree> {
  const deadline = Date.now() + 20_000;
  let last: Tree | undefined;
  while (Date.now() < deadline) {
    last = (await vscode.commands.executeCommand('awsKeyGuard._test.profileNodes')) as Tree;
    if (!last.loading && done(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`timed out waiting for ${what}; last tree: ${JSON.stringify(last?.nodes.map((n) => [n.label, n.description, n.contextValue]))}`);
}

const node = (tree: Tree, name: string) => tree.nodes.find((n) => n.label === name);

async function keysOf(user: string): Promise<string[]> {
  const state = (await emulatorControl('state')) as { users: Array<{ userName: string; accessKeys: Array<{ accessKeyId: string; status: string }> }> };
  return (state.users.find((u) => u.userName === user)?.accessKeys ?? []).map((k) => `${k.accessKeyId}:${k.status}`);
}

async function writeAndLoad(credentials: string, until: (tree: Tree) => boolean, what: string): Promise<Tree> {
  fs.mkdirSync(awsDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(credentialsFile, credentials, { mode: 0o600 });
  fs.writeFileSync(path.join(awsDir, 'config'), '');
  await vscode.commands.executeCommand('awsKeyGuard.refreshProfiles');
  return treeWhere(until, what);
}

describe('dead ends', function () {
  this.timeout(60_000);
  before(() => activeApi());
  beforeEach(() => emulatorControl('reset', {}));
  afterEach(() => answering({}));
  after(() => fs.rmSync(awsDir, { recursive: true, force: true }));

  it('Rotate a profile whose key is inactive: the new key is made through the user\'s other profile', async () => {
    await writeAndLoad(section('grace-old', GRACE_INACTIVE) + '\n' + section('grace', GRACE_ACTIVE), (t) => node(t, 'grace-old')?.description?.includes('inactive') === true && node(t, 'grace')?.contextValue?.startsWith('keyProfile.') === true, 'grace-old inactive');
    const asked = await answering({ confirm: true });
    const result = (await vscode.commands.executeCommand('awsKeyGuard.rotateKey', { profileName: 'grace-old' })) as RotationResult | undefined;
    assert.ok(result, `rotated; asked: ${JSON.stringify(messagesIn(asked))}`);
    assert.ok(fs.readFileSync(credentialsFile, 'utf8').includes(`[grace-old]\naws_access_key_id = ${result.newAccessKeyId}\n`));
    assert.deepEqual((await keysOf('grace')).sort(), [`${GRACE_ACTIVE[0]}:Active`, `${result.newAccessKeyId}:Active`].sort(), 'the inactive key made room (after asking)');
    assert.ok(confirmationsIn(asked).some((q) => /Delete the inactive key AKIA\*+JEWS/.test(q.message)));
  });

  it('Rotate a profile whose key AWS refuses, with no other profile of the user: says exactly what to do', async () => {
    await writeAndLoad(section('grace-old', GRACE_INACTIVE), (t) => node(t, 'grace-old')?.contextValue === 'keyProfile.error', 'grace-old failing');
    const asked = await answering({ confirm: true });
    assert.equal(await vscode.commands.executeCommand('awsKeyGuard.rotateKey', { profileName: 'grace-old' }), undefined);
    const said = messagesIn(asked).map((m) => m.text).join('\n');
    assert.match(said, /cannot sign the call to create its new key/);
    assert.match(said, /IAM console/);
    assert.ok(!/check your network/i.test(said), said);
  });

  it('Activate Key: asks, then activates an inactive key through the user\'s other profile', async () => {
    await writeAndLoad(section('grace-old', GRACE_INACTIVE) + '\n' + section('grace', GRACE_ACTIVE), (t) => node(t, 'grace-old')?.contextValue === 'keyProfile.inactive', 'grace-old inactive');
    const asked = await answering({ confirm: true });
    assert.equal(await vscode.commands.executeCommand('awsKeyGuard.activateKey', { profileName: 'grace-old' }), true);
    assert.match(confirmationsIn(asked)[0]?.message ?? '', /Activate access key AKIA\*+JEWS of profile "grace-old"\?/);
    assert.ok((await keysOf('grace')).includes(`${GRACE_INACTIVE[0]}:Active`));
  });

  it('MFA row: Enter MFA code… gets a session, a wrong code asks again, facts and status bar follow', async () => {
    let tree = await writeAndLoad(section('erin', ERIN), (t) => node(t, 'erin')?.contextValue === 'keyProfile.mfa', 'erin needing MFA');
    const mfaRow = node(tree, 'erin')?.children?.[0];
    assert.equal(mfaRow?.label, 'Enter MFA code…');
    assert.equal(mfaRow?.contextValue, 'profileMfa');
    assert.equal(tree.statusBar, undefined, 'not counted while unknown');
    const asked = await answering({
      mfaCode: async (prompt) => {
        const { code } = (await emulatorControl(`mfa-code?serial=${encodeURIComponent(prompt.serialNumber)}`)) as { code: string };
        // The first answer is a wrong code: the user is asked again instead of the flow ending.
        return prompt.attempt === 1 ? String((Number(code) + 1) % 1_000_000).padStart(6, '0') : code;
      },
    });
    assert.equal(await vscode.commands.executeCommand('awsKeyGuard.enterMfaCode', { profileName: 'erin' }), true);
    const prompts = asked.filter((a) => typeof a.attempt === 'number');
    assert.deepEqual(prompts.map((p) => [p.attempt, p.serialNumber, p.previousError]), [[1, ERIN_MFA, undefined], [2, ERIN_MFA, 'AWS refused the code']]);
    tree = await treeWhere((t) => node(t, 'erin')?.contextValue === 'keyProfile.due', 'erin loaded with the session');
    assert.equal(node(tree, 'erin')?.description, 'AKIA…NGGN · 100 days');
    assert.equal(tree.statusBar, '$(key) 1 due');
  });

  it('Delete Deactivated Key lists the deactivated keys themselves, and no profile with nothing to delete', async () => {
    await writeAndLoad(section('default', ALICE) + '\n' + section('grace', GRACE_ACTIVE), (t) => node(t, 'grace')?.contextValue?.startsWith('keyProfile.') === true && node(t, 'default')?.contextValue === 'keyProfile.fine', 'both loaded');
    const asked = await answering({ pick: () => undefined });
    assert.deepEqual(await vscode.commands.executeCommand('awsKeyGuard.deleteDeactivatedKey'), []);
    const pick = asked.find((a) => Array.isArray(a.items)) as { items: Array<{ label: string; description?: string }> } | undefined;
    assert.ok(pick, 'a pick was offered');
    assert.deepEqual(pick.items.map((i) => [i.label, i.description]), [['AKIA************JEWS', 'user of profile "grace"']]);
    assert.deepEqual((await keysOf('grace')).sort(), [`${GRACE_ACTIVE[0]}:Active`, `${GRACE_INACTIVE[0]}:Inactive`].sort(), 'dismissed: nothing deleted');
  });
});
