/**
 * The Profiles view in a real VS Code against the emulator (demo seed): the tree's items,
 * descriptions, icons and tooltips; refresh on file edits and settings changes; error nodes next to
 * loaded profiles; the view's commands. The tree is read through a non-contributed test command
 * that returns the same TreeItems VS Code renders.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NodeSnapshot } from '../../src/extension/profiles';
import { activeApi } from './activation.test';

interface TreeSnapshot {
  loading: boolean;
  statusBar?: string;
  nodes: NodeSnapshot[];
}

// Demo-seed keys (tools/emulator/seeds/demo.json): fake, valid only against the emulator.
const KEYS = {
  alice: ['AKIARZPUZDIKESSO2CVY', 'sYkFfr/xYSyDro3DcDWkDUkP0dP8fAf4UmaguF3/'],
  bob: ['AKIARZPUZDIKFAQVV4NF', 'ZhGHKfU+BMdVqUQnsm9CN+xrbxS1anMDXieFBrxX'],
  carol: ['AKIARZPUZDIKMKC74V2M', 'Hhwxk1m2LHcfth5yHILhjoDNJ4stQNJmyl0d5zvc'],
  dave: ['AKIARZPUZDIKBEVYNTGS', 'MQj8jSFgODEwJ4rXJv7aG/F1Ix8VJC0VS2BoHgqQ'],
  erin: ['AKIARZPUZDIKKD3ANGGN', 'IvEnQIAygt7ueGTxK4BLWFo5otgcneL23QnTEFrM'],
  frank: ['AKIARZPUZDIKBMUUKH6G', 'nRBetY7qFl3wwMkvCC8FSxRjKVSdwcEU40ZdvJw3'],
} as const;
const ACCOUNT = '123456789012';

const awsDir = path.join(os.homedir(), '.aws');
const credentialsFile = path.join(awsDir, 'credentials');
const configFile = path.join(awsDir, 'config');

function section(name: string, user: keyof typeof KEYS): string {
  return `[${name}]\naws_access_key_id = ${KEYS[user][0]}\naws_secret_access_key = ${KEYS[user][1]}\n`;
}

function writeFiles(credentials: string, config = ''): void {
  fs.mkdirSync(awsDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(credentialsFile, credentials, { mode: 0o600 });
  fs.writeFileSync(configFile, config);
}

async function snapshot(): Promise<TreeSnapshot> {
  return (await vscode.commands.executeCommand('awsKeyGuard._test.profileNodes')) as TreeSnapshot;
}

/** Polls the tree until `done` holds and no load is running. */
async function treeWhere(done: (tree: TreeSnapshot) => boolean, what: string, timeoutMs = 20_000): Promise<TreeSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let last: TreeSnapshot | undefined;
  while (Date.now() < deadline) {
    last = await snapshot();
    if (!last.loading && done(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`timed out waiting for ${what}; last tree: ${JSON.stringify(last, null, 1)}`);
}

function node(tree: TreeSnapshot, name: string): NodeSnapshot {
  const found = tree.nodes.find((n) => n.label === name);
  assert.ok(found, `node ${name} in ${tree.nodes.map((n) => n.label).join(', ')}`);
  return found;
}

function child(parent: NodeSnapshot, label: string): NodeSnapshot {
  const found = parent.children?.find((c) => c.label === label);
  assert.ok(found, `child ${label} of ${parent.label}: ${JSON.stringify(parent.children?.map((c) => c.label))}`);
  return found;
}

async function emulator(route: string, body?: unknown): Promise<void> {
  const url = process.env.AKG_EMULATOR_URL;
  assert.ok(url, 'the harness passes AKG_EMULATOR_URL');
  const response = await fetch(`${url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  assert.ok(response.ok, `${route}: HTTP ${response.status}`);
}

const DEMO_CREDENTIALS = [section('default', 'alice'), section('bob', 'bob'), section('carol', 'carol'), section('dave', 'dave'), section('erin', 'erin')].join('\n');
const DEMO_CONFIG = `[profile sso-dev]\nsso_session = corp\nsso_account_id = ${ACCOUNT}\nsso_role_name = Developer\n\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n`;

describe('profiles view (real VS Code, emulator)', () => {
  before(async () => {
    await activeApi();
    await emulator('/_emulator/reset');
    // The Security group and its row summary have their own suite (security.test.ts).
    await vscode.workspace.getConfiguration('awsKeyGuard.security').update('audit', false, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    fs.rmSync(awsDir, { recursive: true, force: true });
    await vscode.workspace.getConfiguration('awsKeyGuard.security').update('audit', undefined, vscode.ConfigurationTarget.Global);
  });

  it('shows nothing (so the welcome view shows) when there is no credentials file', async () => {
    fs.rmSync(awsDir, { recursive: true, force: true });
    await vscode.commands.executeCommand('awsKeyGuard.refreshProfiles');
    const tree = await treeWhere((t) => t.nodes.length === 0, 'an empty tree');
    assert.equal(tree.statusBar, undefined);
  });

  it('lists every profile with masked key and age, band icons, facts and tooltips matching the seed', async () => {
    writeFiles(DEMO_CREDENTIALS, DEMO_CONFIG);
    const tree = await treeWhere((t) => t.nodes.length === 6 && t.nodes.every((n) => !n.description?.includes('loading')), 'six loaded profiles');

    const active = tree.nodes[0];
    assert.equal(active.label, 'default', 'the active profile comes first');
    assert.equal(active.description, 'AKIA…2CVY · 12 days · default profile');
    assert.equal(active.contextValue, 'keyProfile.fine');
    assert.equal(active.profileName, 'default');
    assert.equal(active.icon, 'pass');

    const bob = node(tree, 'bob');
    assert.equal(bob.description, 'AKIA…V4NF · 95 days');
    assert.equal(bob.contextValue, 'keyProfile.due');
    assert.deepEqual([bob.icon, bob.iconColor], ['warning', 'list.warningForeground']);

    const carol = node(tree, 'carol');
    assert.equal(carol.description, 'AKIA…4V2M · 400 days');
    assert.equal(carol.contextValue, 'keyProfile.overdue');
    assert.deepEqual([carol.icon, carol.iconColor], ['error', 'list.errorForeground']);
    assert.match(carol.tooltip ?? '', new RegExp(`\\*\\*Account:\\*\\* ${ACCOUNT}`));
    assert.match(carol.tooltip ?? '', new RegExp(`arn:aws:iam::${ACCOUNT}:user/carol`));
    assert.match(carol.tooltip ?? '', /\*\*Status:\*\* Active/);
    assert.ok(carol.tooltip?.includes(`${credentialsFile}:9`), `file and line in ${carol.tooltip}`);
    assert.ok(!carol.tooltip?.includes(KEYS.carol[1]) && !carol.tooltip?.includes(KEYS.carol[0]), 'no secret and no whole key id in the tooltip');

    const dave = node(tree, 'dave');
    assert.equal(dave.description, 'AKIA…NTGS · 200 days');
    assert.equal(child(dave, 'Other key').description, 'AKIA…W52A · Active · 20 days · last used never');
    assert.match(child(dave, 'Created').description ?? '', /^\d{4}-\d{2}-\d{2} \(200 days ago\)$/);
    assert.equal(child(dave, 'User').description, `arn:aws:iam::${ACCOUNT}:user/dave`);

    const erin = node(tree, 'erin');
    assert.equal(erin.contextValue, 'keyProfile.mfa', 'rotate/copy menus stay available on a failing key profile, and Enter MFA code… is offered');
    assert.equal(erin.description, 'AKIA…NGGN · MFA required');
    const mfa = erin.children?.[0];
    assert.equal(mfa?.contextValue, 'profileMfa');
    assert.equal(mfa?.label, 'Enter MFA code…');
    assert.equal(mfa?.profileName, 'erin');

    const sso = node(tree, 'sso-dev');
    assert.equal(sso.contextValue, 'otherProfile');
    assert.equal(sso.description, 'sso · no long-term key');

    assert.equal(tree.statusBar, '$(key) 2 overdue, 1 due');
  });

  it('refreshes when the credentials file changes on disk', async () => {
    writeFiles(DEMO_CREDENTIALS + '\n' + section('frank', 'frank'), DEMO_CONFIG);
    let tree = await treeWhere((t) => t.nodes.some((n) => n.label === 'frank' && n.description === 'AKIA…KH6G · 60 days'), 'frank to appear');
    assert.equal(tree.nodes.length, 7);
    writeFiles([section('default', 'alice'), section('frank', 'frank')].join('\n'), '');
    tree = await treeWhere((t) => t.nodes.length === 2, 'the removed profiles to disappear');
    assert.deepEqual(tree.nodes.map((n) => n.label), ['default', 'frank']);
    assert.equal(tree.statusBar, undefined, 'no key due any more');
  });

  it('shows a failing profile\'s error node while the others load, and Retry reloads it', async () => {
    writeFiles([section('default', 'alice'), '[broken]\naws_access_key_id = AKIARZPUZDIKAAAAAAAA\naws_secret_access_key = ' + KEYS.bob[1] + '\n', section('bob', 'bob')].join('\n'));
    const tree = await treeWhere((t) => t.nodes.length === 3 && t.nodes.every((n) => !n.description?.includes('loading')), 'three settled profiles');
    const broken = node(tree, 'broken');
    assert.equal(broken.description, 'AKIA…AAAA · key not accepted');
    assert.equal(broken.children?.[0].contextValue, 'profileError');
    assert.equal(node(tree, 'default').contextValue, 'keyProfile.fine');
    assert.equal(node(tree, 'bob').description, 'AKIA…V4NF · 95 days');

    // A transient failure on the next GetCallerIdentity: Retry on bob shows it, the next Retry recovers.
    await emulator('/_emulator/faults', { action: 'GetCallerIdentity', error: 'AccessDenied', count: 1 });
    await vscode.commands.executeCommand('awsKeyGuard.retryProfile', { profileName: 'bob' });
    let after = await treeWhere((t) => node(t, 'bob').contextValue === 'keyProfile.error', 'bob to fail');
    assert.equal(node(after, 'bob').description, 'AKIA…V4NF · denied: sts:GetCallerIdentity');
    assert.equal(node(after, 'default').description, 'AKIA…2CVY · 12 days · default profile', 'the other profiles keep their facts');
    await vscode.commands.executeCommand('awsKeyGuard.retryProfile', { profileName: 'bob' });
    after = await treeWhere((t) => node(t, 'bob').contextValue === 'keyProfile.due', 'bob to load again');
    assert.equal(node(after, 'bob').description, 'AKIA…V4NF · 95 days');
  });

  it('re-bands keys when the age settings change', async () => {
    writeFiles(section('default', 'alice'));
    await treeWhere((t) => t.nodes.length === 1 && t.nodes[0].contextValue === 'keyProfile.fine', 'alice fine');
    const config = vscode.workspace.getConfiguration('awsKeyGuard.keyAge');
    await config.update('dueDays', 10, vscode.ConfigurationTarget.Global);
    try {
      const tree = await treeWhere((t) => t.nodes[0]?.contextValue === 'keyProfile.due', 'alice due at 10 days');
      assert.equal(tree.statusBar, '$(key) 1 due');
    } finally {
      await config.update('dueDays', undefined, vscode.ConfigurationTarget.Global);
    }
    await treeWhere((t) => t.nodes[0]?.contextValue === 'keyProfile.fine', 'alice fine again');
  });

  it('copies the key id and opens the credentials file at the profile', async () => {
    writeFiles([section('default', 'alice'), section('bob', 'bob')].join('\n'));
    await treeWhere((t) => t.nodes.length === 2, 'two profiles');
    await vscode.commands.executeCommand('awsKeyGuard.copyKeyId', { profileName: 'bob' });
    assert.equal(await vscode.env.clipboard.readText(), KEYS.bob[0]);
    await vscode.commands.executeCommand('awsKeyGuard.openInCredentialsFile', { profileName: 'bob' });
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, credentialsFile);
    assert.equal(editor?.selection.start.line, 4, 'the [bob] header (line 5) is selected');
    assert.equal(editor?.document.lineAt(editor.selection.start.line).text, '[bob]');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
