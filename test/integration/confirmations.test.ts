/**
 * Nothing changes AWS without the user saying so: Rotate asks first (palette, tree, hover link and
 * quick fix all run the same command), Auto Fix on a live key applies the harmless environment
 * lookup and never a rotation, and a command argument cannot answer a confirmation.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi } from './activation.test';
import { answering, confirmationsIn, diagnosticsWhen, emulatorControl, eventually, openDocument } from './helpers';

// Demo-seed keys (tools/emulator/seeds/demo.json): fake, valid only against the emulator.
const ALICE = ['AKIARZPUZDIKESSO2CVY', 'sYkFfr/xYSyDro3DcDWkDUkP0dP8fAf4UmaguF3/'];
const BOB = ['AKIARZPUZDIKFAQVV4NF', 'ZhGHKfU+BMdVqUQnsm9CN+xrbxS1anMDXieFBrxX'];

const awsDir = path.join(os.homedir(), '.aws');
const credentialsFile = path.join(awsDir, 'credentials');

async function keysOf(user: string): Promise<string[]> {
  const state = (await emulatorControl('state')) as { users: Array<{ userName: string; accessKeys: Array<{ accessKeyId: string; status: string }> }> };
  return (state.users.find((u) => u.userName === user)?.accessKeys ?? []).map((k) => `${k.accessKeyId}:${k.status}`);
}

describe('confirmations come only from the user', function () {
  this.timeout(60_000);
  let saved: string | undefined;
  before(async () => {
    await activeApi();
    saved = fs.existsSync(credentialsFile) ? fs.readFileSync(credentialsFile, 'utf8') : undefined;
  });
  beforeEach(async () => {
    await emulatorControl('reset', {});
    fs.mkdirSync(awsDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(credentialsFile, `[default]\naws_access_key_id = ${ALICE[0]}\naws_secret_access_key = ${ALICE[1]}\n\n[bob]\naws_access_key_id = ${BOB[0]}\naws_secret_access_key = ${BOB[1]}\n`, { mode: 0o600 });
  });
  afterEach(async () => {
    await answering({});
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(() => {
    if (saved === undefined) fs.rmSync(credentialsFile, { force: true });
    else fs.writeFileSync(credentialsFile, saved);
  });

  it('Rotate Access Key asks first, saying what happens to the old key; declined, nothing changes', async () => {
    const asked = await answering({ confirm: false });
    const before = fs.readFileSync(credentialsFile, 'utf8');
    const result = await vscode.commands.executeCommand('awsKeyGuard.rotateKey', { profileName: 'bob' });
    assert.equal(result, undefined, 'no rotation');
    const [question] = confirmationsIn(asked);
    assert.ok(question, 'a confirmation was asked');
    assert.match(question.message, /Rotate the access key of profile "bob"\?/);
    assert.match(question.detail, /AKIA\*+V4NF is deactivated/);
    assert.match(question.detail, /other machines, scripts, servers, CI\) stops working/);
    assert.equal(question.acceptLabel, 'Rotate Key');
    assert.ok(!question.detail.includes(BOB[0]) && !question.detail.includes(BOB[1]), 'masked, no secret');
    assert.equal(fs.readFileSync(credentialsFile, 'utf8'), before);
    assert.deepEqual(await keysOf('bob'), [`${BOB[0]}:Active`]);
  });

  it('a command argument cannot answer a confirmation: { assumeYes: true } is ignored', async () => {
    const asked = await answering({ confirm: false });
    await vscode.commands.executeCommand('awsKeyGuard.deactivateKey', { profileName: 'bob', assumeYes: true });
    await vscode.commands.executeCommand('awsKeyGuard.rotateKey', { profileName: 'bob', assumeYes: true });
    await vscode.commands.executeCommand('awsKeyGuard.deleteKey', { profileName: 'bob', assumeYes: true });
    assert.deepEqual(await keysOf('bob'), [`${BOB[0]}:Active`], 'nothing was deactivated, rotated or deleted');
    assert.equal(confirmationsIn(asked).length, 3, 'each command asked the user');
  });

  it('quick fixes on a live key: the environment lookup is preferred; Rotate and Deactivate are offered, never preferred', async () => {
    await vscode.commands.executeCommand('awsKeyGuard.refreshProfiles');
    const document = await openDocument(`const client = { accessKeyId: "${ALICE[0]}" };\n`, 'js');
    const [diagnostic] = await diagnosticsWhen(document.uri, (d) => d.length === 1 && /live key/.test(d[0].message), 'the live-key warning');
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range)) ?? [];
    // Quick fixes only: TypeScript's refactorings (also "preferred") answer the same request.
    const preferred = actions.filter((a) => a.isPreferred && a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind)).map((a) => a.title);
    assert.deepEqual(preferred, ['Replace with an environment lookup (AWS_ACCESS_KEY_ID)']);
    assert.ok(actions.some((a) => a.title.startsWith('Rotate this key now') && !a.isPreferred), actions.map((a) => a.title).join(' | '));
  });

  it('Auto Fix on a live key applies the environment lookup and never rotates', async () => {
    const asked = await answering({ confirm: true });
    await vscode.commands.executeCommand('awsKeyGuard.refreshProfiles');
    const document = await openDocument(`const client = { accessKeyId: "${ALICE[0]}" };\n`, 'js');
    const [diagnostic] = await diagnosticsWhen(document.uri, (d) => d.length === 1 && /live key/.test(d[0].message), 'the live-key warning');
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(diagnostic.range.start.translate(0, 2), diagnostic.range.start.translate(0, 2));
    // Auto Fix acts on what the editor knows at that moment: like a user, press it again if the
    // first press came before the quick fixes were ready.
    for (let attempt = 1; !document.getText().includes('process.env.AWS_ACCESS_KEY_ID'); attempt++) {
      await vscode.commands.executeCommand('editor.action.autoFix');
      try {
        await eventually(() => (document.getText().includes('process.env.AWS_ACCESS_KEY_ID') ? true : undefined), 'the environment lookup', 4000);
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(await keysOf('alice'), [`${ALICE[0]}:Active`], 'no key was created or deactivated');
    assert.equal(confirmationsIn(asked).length, 0, 'no AWS action even started');
  });
});
