/**
 * Warnings that know what the user knows: none in ~/.aws/credentials and ~/.aws/config (where keys
 * belong), problems of a document outside the workspace cleared when its tab closes, a key IAM
 * lists as inactive or deleted shown as such with a lower severity, and a lone key id that does
 * not claim anyone can use it.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi } from './activation.test';
import { answering, diagnosticsWhen, emulatorControl, eventually, openDocument, ourDiagnostics } from './helpers';

const KEY_ID = 'AKIAY34FZKBOKMUTWXYZ';
const SECRET = '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';
const BOB = ['AKIARZPUZDIKFAQVV4NF', 'ZhGHKfU+BMdVqUQnsm9CN+xrbxS1anMDXieFBrxX'];
const awsDir = path.join(os.homedir(), '.aws');
const credentialsFile = path.join(awsDir, 'credentials');

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

describe('warnings that know what the user knows', function () {
  this.timeout(60_000);
  before(() => activeApi());
  afterEach(async () => {
    await answering({});
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('no leak warnings in ~/.aws/credentials and ~/.aws/config', async () => {
    fs.mkdirSync(awsDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(credentialsFile, `[leaky]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`, { mode: 0o600 });
    fs.writeFileSync(path.join(awsDir, 'config'), `[profile other]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`);
    // A control document with the same text: it is flagged, so the scanner is running.
    const control = await openDocument(fs.readFileSync(credentialsFile, 'utf8'), 'ini');
    await diagnosticsWhen(control.uri, (d) => d.length === 2, 'the control warnings');
    for (const file of [credentialsFile, path.join(awsDir, 'config')]) {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      await vscode.window.showTextDocument(document);
      await new Promise((r) => setTimeout(r, 1000));
      assert.deepEqual(ourDiagnostics(document.uri).map((d) => d.message), [], `${file} is where keys belong`);
    }
  });

  it('a document outside the workspace: its problems go when its tab closes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'akg-outside-'));
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, `token: ${KEY_ID} ${SECRET}\n`);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(document);
    await diagnosticsWhen(document.uri, (d) => d.length > 0, 'the warnings');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await eventually(() => (ourDiagnostics(document.uri).length === 0 ? true : undefined), 'the problems to clear after closing', 5000);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a lone key id does not claim that anyone can use it', async () => {
    const document = await openDocument(`user = "${KEY_ID}"\n`, 'py');
    const [diagnostic] = await diagnosticsWhen(document.uri, (d) => d.length === 1, 'the key id warning');
    assert.ok(!/Anyone who reads this file can use it/.test(diagnostic.message), diagnostic.message);
    assert.match(diagnostic.message, /not usable without its secret/);
  });

  it('a key IAM lists as inactive: said so, a lower severity, no "usable as is"; deleted: information', async () => {
    await emulatorControl('reset', {});
    fs.mkdirSync(awsDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(credentialsFile, `[bob]\naws_access_key_id = ${BOB[0]}\naws_secret_access_key = ${BOB[1]}\n`, { mode: 0o600 });
    fs.writeFileSync(path.join(awsDir, 'config'), '');
    // Fresh facts: an earlier test may have left bob's key inactive in this window's memory.
    await vscode.commands.executeCommand('awsKeyGuard.refreshProfiles');
    const document = await openDocument(`AWS_ACCESS_KEY_ID=${BOB[0]}\nAWS_SECRET_ACCESS_KEY=${BOB[1]}\n`, 'sh');
    await diagnosticsWhen(document.uri, (d) => d.length === 2 && d.every((x) => x.severity === vscode.DiagnosticSeverity.Error), 'the live pair errors');
    await answering({ confirm: true });
    assert.equal(await vscode.commands.executeCommand('awsKeyGuard.deactivateKey', { profileName: 'bob' }), true);
    const inactive = await diagnosticsWhen(document.uri, (d) => d.length === 2 && d.every((x) => x.severity === vscode.DiagnosticSeverity.Warning), 'warnings for the inactive key');
    for (const d of inactive) assert.match(d.message, /IAM lists this key as inactive/);
    const hover = await hoverText(document, inactive[0].range.start.translate(0, 2));
    assert.match(hover, /inactive/);
    assert.ok(!/usable as is/.test(hover), hover);
    assert.ok(!/command:awsKeyGuard\.deactivateKey/.test(hover), 'no "deactivate" for a key that is inactive');

    // A deleted key (deleted while active: an inactive key cannot sign its own deletion).
    await emulatorControl('reset', {});
    await answering({ confirm: (q) => q.acceptLabel === 'Delete Key' });
    assert.equal(await vscode.commands.executeCommand('awsKeyGuard.deleteKey', { profileName: 'bob' }), true);
    const deleted = await diagnosticsWhen(document.uri, (d) => d.length === 2 && d.every((x) => x.severity === vscode.DiagnosticSeverity.Information), 'information for the deleted key');
    assert.match(deleted[0].message, /deleted in IAM/);
  });
});
