/**
 * The Security group in a real VS Code against the emulator (demo seed): each IAM-user profile's
 * audit under it, the worst findings on the profile row, the status-bar count, and its actions
 * (Delete Unused Key refusing a key a local profile holds, Copy Least-Privilege Policy, Open in IAM
 * Console). The deletion behind its confirmation dialog is tested in the core
 * (test/unit/audit/delete-key.test.ts): command arguments never answer a confirmation.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NodeSnapshot } from '../../src/extension/profiles';
import { activeApi } from './activation.test';

// Demo-seed keys (tools/emulator/seeds/demo.json): fake, valid only against the emulator.
const KEYS = {
  admin: ['AKIARZPUZDIKN3ARQJVJ', 'xVNhSoc8mPR98mYu5x+Oy2yU1QVpAT12XSbh9r0H'],
  henry: ['AKIARZPUZDIKBF3C5A5D', 'tPcHbR2pEVm76jpYQBPHYm7uycs3tcTkuaC2iEt5'],
  henryOld: ['AKIARZPUZDIKJL444NYV', '34HIoMBsofM/JSZHzObU/XCkRe/lMd0qgx16tgQJ'],
  bob: ['AKIARZPUZDIKFAQVV4NF', 'ZhGHKfU+BMdVqUQnsm9CN+xrbxS1anMDXieFBrxX'],
} as const;

interface TreeSnapshot {
  loading: boolean;
  securityStatusBar?: string;
  nodes: NodeSnapshot[];
}

const awsDir = path.join(os.homedir(), '.aws');

function section(name: string, key: keyof typeof KEYS): string {
  return `[${name}]\naws_access_key_id = ${KEYS[key][0]}\naws_secret_access_key = ${KEYS[key][1]}\n`;
}

function writeCredentials(...sections: string[]): void {
  fs.mkdirSync(awsDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(awsDir, 'credentials'), sections.join('\n'), { mode: 0o600 });
  fs.writeFileSync(path.join(awsDir, 'config'), '');
}

async function treeWhere(done: (tree: TreeSnapshot) => boolean, what: string, timeoutMs = 30_000): Promise<TreeSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let last: TreeSnapshot | undefined;
  while (Date.now() < deadline) {
    last = (await vscode.commands.executeCommand('awsKeyGuard._test.profileNodes')) as TreeSnapshot;
    if (!last.loading && done(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`timed out waiting for ${what}; last tree: ${JSON.stringify(last, null, 1)}`);
}

function securityOf(tree: TreeSnapshot, profile: string): NodeSnapshot | undefined {
  return tree.nodes.find((n) => n.label === profile)?.children?.find((c) => c.label === 'Security' && c.description !== 'loading…');
}

function fact(group: NodeSnapshot, label: string): NodeSnapshot {
  const found = group.children?.find((c) => c.label === label);
  assert.ok(found, `${label} in ${JSON.stringify(group.children?.map((c) => c.label))}`);
  return found;
}

async function emulatorState(): Promise<{ users: { userName: string; accessKeys: { accessKeyId: string }[] }[] }> {
  const response = await fetch(`${process.env.AKG_EMULATOR_URL}/_emulator/state`);
  return (await response.json()) as { users: { userName: string; accessKeys: { accessKeyId: string }[] }[] };
}

describe('security group (real VS Code, emulator)', () => {
  before(async () => {
    await activeApi();
    const reset = await fetch(`${process.env.AKG_EMULATOR_URL}/_emulator/reset`, { method: 'POST' });
    assert.ok(reset.ok);
  });
  after(() => {
    fs.rmSync(awsDir, { recursive: true, force: true });
  });

  it('raises "admin · no MFA" onto the admin row, lists the facts, and counts profiles with problems', async () => {
    writeCredentials(section('admin', 'admin'), section('henry', 'henry'), section('bob', 'bob'));
    const tree = await treeWhere((t) => ['admin', 'henry', 'bob'].every((p) => securityOf(t, p)), 'three audited profiles');
    const admin = tree.nodes.find((n) => n.label === 'admin') as NodeSnapshot;
    assert.match(admin.description ?? '', /^AKIA…QJVJ · 30 days · admin · no MFA$/);
    const group = securityOf(tree, 'admin') as NodeSnapshot;
    assert.equal(group.description, 'admin · no MFA');
    assert.equal(group.contextValue, 'securityGroup');
    assert.deepEqual([fact(group, 'MFA').description, fact(group, 'MFA').icon], ['no MFA device', 'warning']);
    assert.equal(fact(group, 'Permissions').description, 'admin · AdministratorAccess (user)');

    const henry = securityOf(tree, 'henry') as NodeSnapshot;
    const unused = fact(henry, 'Unused key — delete?');
    assert.equal(unused.contextValue, 'securityKey.unused');
    assert.match(unused.description ?? '', /^AKIA…4NYV · Active · 320 days · last used 200 days ago$/);
    assert.equal(fact(henry, 'Least privilege').description, '27 of 30 granted services unused');
    assert.equal(fact(henry, 'Key').description?.startsWith('AKIA…5A5D · Active · 30 days'), true);
    assert.equal(tree.securityStatusBar, '$(shield) 3 profiles with problems');
    for (const node of tree.nodes) assert.ok(!JSON.stringify(node).includes(KEYS.henryOld[0]) && !JSON.stringify(node).includes(KEYS.admin[1]), 'no whole key id or secret in the tree');
  });

  it('Copy Least-Privilege Policy copies the services used; Open in IAM Console names the user', async () => {
    await treeWhere((t) => securityOf(t, 'henry') !== undefined, 'henry audited');
    const policy = (await vscode.commands.executeCommand('awsKeyGuard.copyLeastPrivilegePolicy', { profileName: 'henry' })) as string;
    assert.equal(await vscode.env.clipboard.readText(), policy);
    assert.deepEqual(JSON.parse(policy).Statement[0].Action, ['dynamodb:*', 'lambda:*', 's3:*']);
    const url = await vscode.commands.executeCommand('awsKeyGuard.openInIamConsole', { profileName: 'admin', open: false });
    assert.equal(url, 'https://console.aws.amazon.com/iam/home#/users/details/admin?section=permissions');
  });

  it('Delete Unused Key refuses a key a local profile holds, without asking and without a change', async () => {
    writeCredentials(section('henry', 'henry'), section('henry-old', 'henryOld'));
    const tree = await treeWhere((t) => t.nodes.length === 2 && securityOf(t, 'henry') !== undefined && securityOf(t, 'henry-old') !== undefined, 'henry and henry-old audited');
    const unused = fact(securityOf(tree, 'henry') as NodeSnapshot, 'Unused key — delete?');
    assert.equal(unused.contextValue, 'securityKey.unused', 'still unused: our own checks with henry-old are not its use');
    const refused = await vscode.commands.executeCommand('awsKeyGuard.deleteUnusedKey', { profileName: 'henry', accessKeyId: KEYS.henryOld[0] });
    assert.equal(refused, false);
    const henryKeys = (await emulatorState()).users.find((u) => u.userName === 'henry')?.accessKeys.map((k) => k.accessKeyId);
    assert.deepEqual(henryKeys, [KEYS.henryOld[0], KEYS.henry[0]], 'nothing deleted');
  });
});
