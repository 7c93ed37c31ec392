/**
 * The smaller items a first-time user tripped over: the welcome view waits for the files, rows in
 * file order with "default profile" instead of "active", accounts of role and SSO profiles, the
 * workspace scan's summary, the ignore file said and opened, no Retry after AccessDenied, and the
 * dead pair of a deleted key removed from the file when the user agrees.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NodeSnapshot } from '../../src/extension/profiles';
import { tokenChecksum } from '../../src/core/detect/checksum';
import { activeApi } from './activation.test';
import { answering, confirmationsIn, diagnosticsWhen, emulatorControl, messagesIn, workspaceRoot, writeWorkspaceFile } from './helpers';

const ALICE = ['AKIARZPUZDIKESSO2CVY', 'sYkFfr/xYSyDro3DcDWkDUkP0dP8fAf4UmaguF3/'];
const BOB = ['AKIARZPUZDIKFAQVV4NF', 'ZhGHKfU+BMdVqUQnsm9CN+xrbxS1anMDXieFBrxX'];
const FRANK = ['AKIARZPUZDIKBMUUKH6G', 'nRBetY7qFl3wwMkvCC8FSxRjKVSdwcEU40ZdvJw3'];
const KEY_ID = 'AKIAY34FZKBOKMUTWXYZ';
const SECRET = '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';
const GITHUB_BODY = 'ghp_' + 'Z8aK3mQ7vX2pL9sT4wN6yB1cD5fG0h';
const GITHUB_TOKEN = GITHUB_BODY + tokenChecksum(GITHUB_BODY.slice(4));

const awsDir = path.join(os.homedir(), '.aws');
const credentialsFile = path.join(awsDir, 'credentials');
const configFile = path.join(awsDir, 'config');

interface Tree {
  loading: boolean;
  welcome?: boolean;
  nodes: NodeSnapshot[];
}

async function treeWhere(done: (tree: Tree) => boolean, what: string): Promise<Tree> {
  const deadline = Date.now() + 20_000;
  let last: Tree | undefined;
  while (Date.now() < deadline) {
    last = (await vscode.commands.executeCommand('awsKeyGuard._test.profileNodes')) as Tree;
    if (!last.loading && done(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`timed out waiting for ${what}; last tree: ${JSON.stringify(last)}`);
}

function section(name: string, [id, secret]: string[], extra = ''): string {
  return `[${name}]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n${extra}`;
}

function writeFiles(credentials: string, config = ''): void {
  fs.mkdirSync(awsDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(credentialsFile, credentials, { mode: 0o600 });
  fs.writeFileSync(configFile, config);
}

describe('smaller items', function () {
  this.timeout(60_000);
  before(() => activeApi());
  beforeEach(() => emulatorControl('reset', {}));
  afterEach(async () => {
    await answering({});
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(() => fs.rmSync(awsDir, { recursive: true, force: true }));

  it('the welcome view shows only once the files were read and are missing', async () => {
    writeFiles(section('default', ALICE));
    await vscode.commands.executeCommand('awsKeyGuard.refreshProfiles');
    assert.equal((await treeWhere((t) => t.nodes.length === 1, 'one profile')).welcome, false);
    fs.rmSync(awsDir, { recursive: true, force: true });
    await vscode.commands.executeCommand('awsKeyGuard.refreshProfiles');
    assert.equal((await treeWhere((t) => t.nodes.length === 0, 'no profiles')).welcome, true);
  });

  it('rows in file order; the default profile says so instead of "active"; role and SSO profiles show their account', async () => {
    writeFiles(
      section('bob', BOB) + '\n' + section('default', ALICE),
      '[profile deploy]\nrole_arn = arn:aws:iam::210987654321:role/deploy\nsource_profile = bob\n\n[profile sso-dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n',
    );
    await vscode.commands.executeCommand('awsKeyGuard.refreshProfiles');
    const tree = await treeWhere((t) => t.nodes.length === 4 && t.nodes.every((n) => !n.description?.includes('loading')), 'four profiles');
    assert.deepEqual(tree.nodes.map((n) => n.label), ['bob', 'default', 'deploy', 'sso-dev'], 'credentials file order, then the config-only profiles');
    const alice = tree.nodes[1];
    assert.equal(alice.description, 'AKIA…2CVY · 12 days · default profile');
    assert.ok(!tree.nodes.some((n) => n.description?.endsWith('· active')));
    const account = (n: NodeSnapshot) => n.children?.find((c) => c.label === 'Account')?.description;
    assert.equal(account(tree.nodes[2]), '210987654321', 'from role_arn');
    assert.equal(account(tree.nodes[3]), '123456789012', 'from sso_account_id');
  });

  it('Scan Workspace ends with "N findings in M files" and a button to the Problems panel', async () => {
    await writeWorkspaceFile('summary/deploy.sh', `export AWS_ACCESS_KEY_ID=${KEY_ID}\nexport AWS_SECRET_ACCESS_KEY=${SECRET}\n`);
    const asked = await answering({});
    const summary = await vscode.commands.executeCommand<{ findings: number; filesWithFindings: number }>('awsKeyGuard.scanWorkspace');
    const message = messagesIn(asked).find((m) => / in \d+ files?/.test(m.text));
    assert.ok(message, JSON.stringify(messagesIn(asked)));
    assert.match(message.text, new RegExp(`${summary?.findings} findings? in ${summary?.filesWithFindings} files? \\(\\d+ files? scanned\\)`));
    assert.deepEqual(message.buttons, ['Show Problems']);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'summary'), { recursive: true });
  });

  it('Add to ignore file says it created .awskeyguardignore and opens it', async () => {
    const ignoreFile = vscode.Uri.joinPath(workspaceRoot(), '.awskeyguardignore');
    await vscode.workspace.fs.delete(ignoreFile).then(undefined, () => undefined);
    const uri = await writeWorkspaceFile('ignored/settings.json', `{ "token": "${GITHUB_TOKEN}" }\n`);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const [diagnostic] = await diagnosticsWhen(uri, (d) => d.length === 1, 'the token warning');
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range)) ?? [];
    const ignore = actions.find((a) => a.title.startsWith('Add this finding to the project ignore file'));
    assert.ok(ignore?.command);
    const asked = await answering({});
    await vscode.commands.executeCommand(ignore.command.command, ...(ignore.command.arguments ?? []));
    assert.match(messagesIn(asked)[0]?.text ?? '', /created \.awskeyguardignore/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, ignoreFile.fsPath, 'the ignore file is open');
    await vscode.workspace.fs.delete(ignoreFile);
  });

  it('after AccessDenied no Retry is offered, but the permissions the user needs', async () => {
    writeFiles(section('frank', FRANK));
    const asked = await answering({ confirm: true });
    assert.equal(await vscode.commands.executeCommand('awsKeyGuard.deleteKey', { profileName: 'frank' }), false);
    const failure = messagesIn(asked).find((m) => m.severity === 'error');
    assert.ok(failure, JSON.stringify(asked));
    assert.deepEqual(failure.buttons, ['Show Required Permissions', 'Show Log']);
  });

  it('a profile refused for want of a permission offers the permissions it needs, not Retry', async () => {
    // AccessDenied without an explicit deny (not an MFA policy): the user's policy lacks the permission.
    await emulatorControl('faults', { action: 'GetAccessKeyLastUsed', error: 'AccessDenied', status: 403, message: 'User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:GetAccessKeyLastUsed on resource: user bob' });
    try {
      writeFiles(section('bob', BOB));
      await vscode.commands.executeCommand('awsKeyGuard.refreshProfiles');
      const tree = await treeWhere((t) => t.nodes.find((n) => n.label === 'bob')?.children?.[0]?.contextValue === 'profileDenied', 'bob refused');
      const row = tree.nodes.find((n) => n.label === 'bob')?.children?.[0];
      assert.equal(row?.label, 'not allowed — show the permissions needed');
      assert.match(String(row?.description), /iam:GetAccessKeyLastUsed/);
    } finally {
      await emulatorControl('reset', {}); // clears the fault
    }
  });

  it('after a key is deleted, the dead pair is removed from the profile when the user agrees', async () => {
    writeFiles(`# mine\n${section('bob', BOB, 'region = eu-west-1\n')}\n${section('default', ALICE)}`);
    const asked = await answering({ confirm: true });
    assert.equal(await vscode.commands.executeCommand('awsKeyGuard.deleteKey', { profileName: 'bob' }), true);
    assert.match(confirmationsIn(asked)[1]?.message ?? '', /The key AKIA\*+V4NF was deleted\. Remove it from profile "bob"/);
    assert.equal(fs.readFileSync(credentialsFile, 'utf8'), `# mine\n[bob]\nregion = eu-west-1\n\n${section('default', ALICE)}`);
  });
});
