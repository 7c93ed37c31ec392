/**
 * Respond to Leaked Key in a real VS Code against the emulator (demo seed, with its leaked
 * ci-deploy key and history): from the quick fix the report opens as a Markdown document and the
 * key is contained; from a profile in the tree the key is rotated first and the tree shows the new
 * key. The one confirmation is answered through the extension's test hook (never a command argument).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { shortMaskKeyId } from '../../src/core/profiles';
import type { ResponseReport } from '../../src/core/response';
import type { NodeSnapshot } from '../../src/extension/profiles';
import { activeApi } from './activation.test';
import { answering, closeUntitledEditors, diagnosticsWhen, emulatorControl, eventually, openDocument } from './helpers';

// Demo-seed keys (tools/emulator/seeds/demo.json): fake, valid only against the emulator.
const ADMIN = ['AKIARZPUZDIKN3ARQJVJ', 'xVNhSoc8mPR98mYu5x+Oy2yU1QVpAT12XSbh9r0H'];
const BOB = ['AKIARZPUZDIKFAQVV4NF', 'ZhGHKfU+BMdVqUQnsm9CN+xrbxS1anMDXieFBrxX'];
const LEAKED_ID = 'AKIARZPUZDIKII6ATWKA';

const awsDir = path.join(os.homedir(), '.aws');
const credentialsFile = path.join(awsDir, 'credentials');

async function keysOf(user: string): Promise<{ accessKeyId: string; status: string }[]> {
  const state = (await emulatorControl('state')) as { users: Array<{ userName: string; accessKeys: { accessKeyId: string; status: string }[] }> };
  return state.users.find((u) => u.userName === user)?.accessKeys ?? [];
}

async function treeNodes(): Promise<{ loading: boolean; nodes: NodeSnapshot[] }> {
  return (await vscode.commands.executeCommand('awsKeyGuard._test.profileNodes')) as { loading: boolean; nodes: NodeSnapshot[] };
}

describe('Respond to Leaked Key in VS Code', function () {
  this.timeout(60_000);
  let saved: string | undefined;
  before(async () => {
    await activeApi();
    saved = fs.existsSync(credentialsFile) ? fs.readFileSync(credentialsFile, 'utf8') : undefined;
  });
  beforeEach(async () => {
    await emulatorControl('reset', {});
    // Yes to the response and to rotating a local holder; no to deleting the leaked key.
    await answering({ confirm: (q) => !/^Delete/.test(q.acceptLabel) });
  });
  afterEach(async () => {
    await answering({});
    await closeUntitledEditors();
  });
  after(() => {
    if (saved === undefined) fs.rmSync(credentialsFile, { force: true });
    else fs.writeFileSync(credentialsFile, saved);
  });

  function writeCredentials(text: string): void {
    fs.mkdirSync(awsDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(credentialsFile, text, { mode: 0o600 });
  }

  it('quick fix on a leaked key no profile holds: the key is contained and the report opens as Markdown', async () => {
    writeCredentials(`[security]\naws_access_key_id = ${ADMIN[0]}\naws_secret_access_key = ${ADMIN[1]}\n`);
    const document = await openDocument(`export AWS_ACCESS_KEY_ID=${LEAKED_ID}\n`, 'sh');
    const [diagnostic] = await diagnosticsWhen(document.uri, (d) => d.length === 1, 'the leaked key warning');
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range)) ?? [];
    const respond = actions.find((a) => a.title.startsWith('Respond to this leaked key'));
    assert.ok(respond?.command, `no respond quick fix among: ${actions.map((a) => a.title).join(' | ')}`);
    const [argument] = respond.command.arguments as [{ accessKeyId: string }];
    const report = (await vscode.commands.executeCommand(respond.command.command, argument)) as ResponseReport | undefined;
    assert.ok(report, 'the command returned the report');
    assert.equal(report.profile, 'security');
    assert.equal(report.contained, true);
    assert.deepEqual(report.steps.map((s) => s.status), ['done', 'done', 'skipped', 'done']);
    assert.deepEqual((await keysOf('ci-deploy')).map((k) => `${k.accessKeyId}:${k.status}`)[0], `${LEAKED_ID}:Inactive`);
    const shown = await eventually(
      () => vscode.workspace.textDocuments.find((d) => d.languageId === 'markdown' && d.isUntitled && d.getText().includes('response report')),
      'the report document',
    );
    const text = shown.getText();
    assert.match(text, /^# Leaked key AKIA\*{12}TWKA: response report/);
    assert.match(text, /\| 203\.0\.113\.45 \| 57 \|/);
    assert.match(text, /### Persistence and escalation/);
    assert.match(text, /\[CloudTrail\]\(https:\/\/eu-west-1\.console\.aws\.amazon\.com\/cloudtrailv2\//);
    assert.ok(!text.includes(ADMIN[1]), 'no secret in the report');
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document === shown), 'the report is shown');
  });

  it('from a profile in the tree: the profile\'s key is rotated first, and the tree shows the new key', async () => {
    writeCredentials(`[security]\naws_access_key_id = ${ADMIN[0]}\naws_secret_access_key = ${ADMIN[1]}\n\n[bob]\naws_access_key_id = ${BOB[0]}\naws_secret_access_key = ${BOB[1]}\n`);
    await eventually(async () => {
      const tree = await treeNodes();
      return !tree.loading && tree.nodes.find((n) => n.label === 'bob' && n.description?.startsWith(shortMaskKeyId(BOB[0]))) ? true : undefined;
    }, 'bob in the tree with his key', 20_000);
    const report = (await vscode.commands.executeCommand('awsKeyGuard.respondToLeak', { profileName: 'bob' })) as ResponseReport | undefined;
    assert.ok(report, 'the command returned the report');
    assert.match(report.steps.find((s) => s.step === 'eradicate')?.message ?? '', /Rotated profile "bob"/);
    const keys = await keysOf('bob');
    const fresh = keys.find((k) => k.accessKeyId !== BOB[0]);
    assert.ok(fresh, 'bob has a new key');
    assert.deepEqual(keys.map((k) => k.status).sort(), ['Active', 'Inactive']);
    await eventually(async () => {
      const tree = await treeNodes();
      const bob = tree.nodes.find((n) => n.label === 'bob');
      return !tree.loading && bob?.description?.startsWith(shortMaskKeyId(fresh.accessKeyId)) ? true : undefined;
    }, 'the tree to show bob\'s new key', 20_000);
  });
});
