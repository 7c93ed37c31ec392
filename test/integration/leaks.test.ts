import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { tokenChecksum } from '../../src/core/detect/checksum';
import { activeApi } from './activation.test';
import { answering, diagnosticsWhen, eventually, messagesIn, openDocument, ourDiagnostics, rangeText, workspaceRoot, writeWorkspaceFile } from './helpers';

// Fake credentials with the right shapes; none of them is or was a real key.
const KEY_ID = 'AKIAY34FZKBOKMUTWXYZ';
const SECRET = 'k9Xq2LmP8vRt4YwZ7bNc1DfGhJ3sQeUa6VoIpE0r';
const GITHUB_BODY = 'ghp_' + 'R8aK3mQ7vX2pL9sT4wN6yB1cD5fG0h';
const GITHUB_TOKEN = GITHUB_BODY + tokenChecksum(GITHUB_BODY.slice(4));

async function codeActionsAt(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range)) ?? [];
}

async function applyAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, titleStart: string): Promise<void> {
  const actions = await codeActionsAt(document, diagnostic.range);
  const action = actions.find((a) => a.title.startsWith(titleStart));
  assert.ok(action, `no "${titleStart}" among: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(action.edit, 'the quick fix carries an edit');
  assert.ok(await vscode.workspace.applyEdit(action.edit));
}

describe('leak warnings', () => {
  before(async () => {
    await activeApi();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('flags each kind at the exact range of the secret, with source, rule link and severity', async () => {
    const content = [
      '[prod]',
      `aws_access_key_id = ${KEY_ID}`,
      `aws_secret_access_key = ${SECRET}`,
      `github_token = ${GITHUB_TOKEN}`,
      'example = AKIAIOSFODNN7EXAMPLE',
      'user_id = AIDAY34FZKBOKMUTWXYZ',
    ].join('\n');
    const document = await openDocument(content, 'ini', { untitled: true });
    const diagnostics = await diagnosticsWhen(document.uri, (d) => d.length >= 4, 'four findings');
    const byRule = new Map(diagnostics.map((d) => [(d.code as { value: string }).value, d]));
    assert.equal(rangeText(byRule.get('aws-access-key-id')!), `1:20-1:${20 + KEY_ID.length}`);
    assert.equal(rangeText(byRule.get('aws-secret-access-key')!), `2:24-2:${24 + SECRET.length}`);
    assert.equal(byRule.get('aws-access-key-id')!.severity, vscode.DiagnosticSeverity.Error, 'a key id with its secret is an error');
    assert.equal(byRule.get('aws-example-key')!.severity, vscode.DiagnosticSeverity.Information);
    const github = [...byRule.entries()].find(([rule]) => rule.startsWith('github'))?.[1];
    assert.ok(github, 'the GitHub token is flagged');
    assert.equal(github.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(diagnostics.length, 4, 'the IAM user id is not a leak');
    for (const d of diagnostics) {
      assert.equal(d.source, 'AWS Key Guard');
      assert.ok(!d.message.includes(SECRET) && !d.message.includes(KEY_ID), 'messages never show a secret or a whole key id');
      const code = d.code as { value: string; target: vscode.Uri };
      assert.equal(code.target.path, `/rule/${code.value}`, 'the rule code links to the rule (see ruleDocs.test)');
    }
    assert.match(byRule.get('aws-access-key-id')!.message, /AKIA\*+WXYZ/);
    const actions = await codeActionsAt(document, byRule.get('aws-access-key-id')!.range);
    const respond = actions.find((a) => a.title.startsWith('Respond to this leaked key'));
    assert.deepEqual(respond?.command?.arguments, [{ accessKeyId: KEY_ID }], 'a key no local profile holds can be responded to');
  });

  it('decoded values: a base64 value in a Kubernetes Secret is flagged on its encoded span, and the message and hover say what it decodes to, masked', async () => {
    const encoded = Buffer.from(SECRET).toString('base64');
    const content = ['apiVersion: v1', 'kind: Secret', 'type: Opaque', 'data:', `  AWS_SECRET_ACCESS_KEY: ${encoded}`, ''].join('\n');
    const document = await openDocument(content, 'yaml');
    const [diagnostic] = await diagnosticsWhen(document.uri, (d) => d.length === 1, 'the base64 finding');
    assert.equal(rangeText(diagnostic), `4:25-4:${25 + encoded.length}`);
    // The masked text names the rule already: the message does not repeat it.
    assert.match(diagnostic.message, /^Base64 of AWS secret access key: \S{2}\*{36}\S{2}\. /);
    const hover = await eventually(async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, diagnostic.range.start.translate(0, 2))) ?? [];
      const joined = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return /base64 of AWS secret access key: \S{2}\*{36}\S{2}/.test(joined) ? joined : undefined;
    }, 'a hover saying what the value decodes to, masked', 20_000);
    for (const text of [diagnostic.message, hover]) {
      assert.ok(!text.includes(SECRET) && !text.includes(encoded), 'neither the secret nor its encoding is shown');
    }
  });

  it('decoded values: a key id split into literals is flagged across the whole expression', async () => {
    const document = await openDocument(`const id = "${KEY_ID.slice(0, 8)}" +\n  "${KEY_ID.slice(8)}";\n`, 'js');
    const [diagnostic] = await diagnosticsWhen(document.uri, (d) => d.length === 1, 'the split key id');
    assert.equal(rangeText(diagnostic), `0:12-1:${3 + KEY_ID.length - 8}`);
    assert.match(diagnostic.message, /^Split literals of AWS access key ID: AKIA\*{12}WXYZ \(AWS account \d{12}\)\. /);
  });

  it('clears the warning when the secret is edited away', async () => {
    const document = await openDocument(`const key = "${KEY_ID}";\n`, 'js');
    await diagnosticsWhen(document.uri, (d) => d.length === 1, 'the key id warning');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 13, 0, 13 + KEY_ID.length), 'redacted');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await diagnosticsWhen(document.uri, (d) => d.length === 0, 'the warning to clear');
  });

  it('quick fix: replaces the literal with an environment lookup in the file language', async () => {
    const document = await openDocument(`const client = new S3({ secretAccessKey: "${SECRET}" });\n`, 'ts');
    const [diagnostic] = await diagnosticsWhen(document.uri, (d) => d.length === 1, 'the secret warning');
    await applyAction(document, diagnostic, 'Replace with an environment lookup');
    assert.equal(document.getText(), 'const client = new S3({ secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! });\n');
    await diagnosticsWhen(document.uri, (d) => d.length === 0, 'the warning to clear');
  });

  it('quick fix: ignores the finding on its line with a comment marker', async () => {
    const document = await openDocument(`key = "${KEY_ID}"\n`, 'py');
    const [diagnostic] = await diagnosticsWhen(document.uri, (d) => d.length === 1, 'the key id warning');
    await applyAction(document, diagnostic, 'Ignore this finding on this line');
    assert.equal(document.getText(), `key = "${KEY_ID}" # aws-key-guard-ignore\n`);
    await diagnosticsWhen(document.uri, (d) => d.length === 0, 'the suppressed warning to clear');
  });

  it('quick fix: adds the finding to the project ignore file, and the warning goes away', async () => {
    const uri = await writeWorkspaceFile('config/settings.json', `{ "token": "${GITHUB_TOKEN}" }\n`);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const [diagnostic] = await diagnosticsWhen(document.uri, (d) => d.length === 1, 'the token warning');
    const actions = await codeActionsAt(document, diagnostic.range);
    const ignore = actions.find((a) => a.title.startsWith('Add this finding to the project ignore file'));
    assert.ok(ignore?.command, 'the ignore-file action is offered');
    await vscode.commands.executeCommand(ignore.command.command, ...(ignore.command.arguments ?? []));
    const ignoreFile = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), '.awskeyguardignore')));
    assert.match(ignoreFile, /^[0-9a-f]{16} {2}# github/m);
    assert.ok(!ignoreFile.includes(GITHUB_TOKEN), 'the ignore file never holds the secret');
    await diagnosticsWhen(document.uri, (d) => d.length === 0, 'the ignored warning to clear');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), '.awskeyguardignore'));
  });

  it('hover: names the local profile whose live key leaked, with its age and actions', async () => {
    // Alice's key from the emulator's demo seed, as the live key of the default profile.
    const seed = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../tools/emulator/seeds/demo.json'), 'utf8')) as {
      users: { name: string; keys: { id: string; secret: string }[] }[];
    };
    const alice = seed.users.find((u) => u.name === 'alice')!.keys[0];
    const aws = path.join(os.homedir(), '.aws');
    fs.mkdirSync(aws, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(aws, 'credentials'), `[default]\naws_access_key_id = ${alice.id}\naws_secret_access_key = ${alice.secret}\n`, { mode: 0o600 });
    await vscode.commands.executeCommand('awsKeyGuard.refreshProfiles');

    const document = await openDocument(`AWS_ACCESS_KEY_ID=${alice.id}\n`, 'sh');
    const [diagnostic] = await diagnosticsWhen(document.uri, (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Error, 'the live-key error');
    assert.match(diagnostic.message, /live key of profile "default"/);
    const text = await eventually(async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, diagnostic.range.start.translate(0, 2))) ?? [];
      const joined = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return /days old/.test(joined) ? joined : undefined;
    }, 'a hover with the key age', 20_000);
    assert.match(text, /This is the live key of profile `default` \(~\/\.aws\/credentials\), 12 days old/);
    assert.match(text, /command:awsKeyGuard\.rotateKey/);
    const withoutLinks = text.replace(/\(command:[^)]*\)/g, '');
    assert.ok(!withoutLinks.includes(alice.id), 'outside command links, the key id only appears masked');
    assert.ok(!text.includes(alice.secret));
  });

  it('quick fix: moves a key pair into the credentials file as a new profile and refuses an existing name', async () => {
    const credentials = path.join(os.homedir(), '.aws', 'credentials');
    fs.mkdirSync(path.dirname(credentials), { recursive: true, mode: 0o700 });
    const before = '# mine\r\n[existing]\r\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\r\n';
    fs.writeFileSync(credentials, before, { mode: 0o600 });
    const document = await openDocument(`const creds = {\n  accessKeyId: "${KEY_ID}",\n  secretAccessKey: "${SECRET}",\n};\n`, 'js');
    const diagnostics = await diagnosticsWhen(document.uri, (d) => d.length === 2, 'the key pair warnings');
    const keyId = diagnostics.find((d) => (d.code as { value: string }).value === 'aws-access-key-id')!;
    const move = (await codeActionsAt(document, keyId.range)).find((a) => a.title.startsWith('Move this key pair'));
    assert.ok(move?.command, 'the move-to-profile action is offered on a key pair');
    const [arg] = move.command.arguments as [Record<string, unknown>];

    assert.equal(await vscode.commands.executeCommand(move.command.command, { ...arg, profileName: 'existing' }), undefined);
    assert.equal(fs.readFileSync(credentials, 'utf8'), before, 'an existing profile is never overwritten');

    assert.equal(await vscode.commands.executeCommand(move.command.command, { ...arg, profileName: 'moved' }), 'moved');
    const after = fs.readFileSync(credentials, 'utf8');
    assert.equal(after, `${before}\r\n[moved]\r\naws_access_key_id = ${KEY_ID}\r\naws_secret_access_key = ${SECRET}\r\n`, 'appended in the file\'s own style');
    assert.equal(fs.statSync(credentials).mode & 0o777, 0o600);
    assert.equal(document.getText(), 'const creds = {\n};\n', 'the explicit credentials are gone: the SDK reads AWS_PROFILE');

    // The same quick fix offered before the document changed must not write whatever now sits there.
    assert.equal(await vscode.commands.executeCommand(move.command.command, { ...arg, profileName: 'again' }), undefined);
    assert.equal(fs.readFileSync(credentials, 'utf8'), after, 'nothing is written when the pair is gone');
  });

  it('workspace scan: finds seeded files, honours .gitignore, and clears old results on rescan', async () => {
    await writeWorkspaceFile('.gitignore', 'build/\n');
    const leaked = await writeWorkspaceFile('src/deploy.sh', `export AWS_ACCESS_KEY_ID=${KEY_ID}\nexport AWS_SECRET_ACCESS_KEY=${SECRET}\n`);
    const ignored = await writeWorkspaceFile('build/out.js', `var k="${KEY_ID}";\n`);
    const summary = await vscode.commands.executeCommand<{ files: number; findings: number; cancelled: boolean }>('awsKeyGuard.scanWorkspace');
    assert.ok(summary && !summary.cancelled && summary.findings >= 2, JSON.stringify(summary));
    assert.deepEqual(ourDiagnostics(leaked).map((d) => (d.code as { value: string }).value).sort(), ['aws-access-key-id', 'aws-secret-access-key']);
    assert.deepEqual(ourDiagnostics(ignored), [], 'files under a .gitignore rule are not scanned');

    await vscode.workspace.fs.writeFile(leaked, new TextEncoder().encode('export AWS_PROFILE=prod\n'));
    await vscode.commands.executeCommand('awsKeyGuard.scanWorkspace');
    assert.deepEqual(ourDiagnostics(leaked), [], 'a rescan clears findings that are gone');
  });

  it('workspace scan: 10,000 files are scanned in slices, so the extension host keeps answering meanwhile', async () => {
    const root = path.join(workspaceRoot().fsPath, 'many');
    const leaking = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const dir = path.join(root, `d${Math.floor(i / 500)}`);
      if (i % 500 === 0) fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `f${i}.js`);
      const leak = i % 100 === 0;
      if (leak) leaking.add(file);
      fs.writeFileSync(file, leak ? `module.exports = { id: "${KEY_ID}" };\n` : `module.exports = { n: ${i}, label: "item ${i}" };\n`);
    }
    try {
      let finished = false;
      const scan = Promise.resolve(vscode.commands.executeCommand<{ files: number; findings: number }>('awsKeyGuard.scanWorkspace')).then((summary) => {
        finished = true;
        return summary;
      });
      // Timers only fire between the scan's slices: seeing results while it still runs shows it yields.
      const seenMidway = await eventually(() => {
        const found = [...leaking].filter((f) => ourDiagnostics(vscode.Uri.file(f)).length > 0).length;
        return found > 0 ? { found, finished } : undefined;
      }, 'the first results of the scan', 120_000);
      assert.equal(seenMidway.finished, false, 'results appear while the scan is still running');
      assert.ok(seenMidway.found < leaking.size, `only part of the files were done (${seenMidway.found})`);
      const summary = await scan;
      assert.ok(summary && summary.files >= 10_000, JSON.stringify(summary));
      const flagged = [...leaking].filter((f) => ourDiagnostics(vscode.Uri.file(f)).length === 1).length;
      assert.equal(flagged, leaking.size, 'every seeded leak is found');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('workspace scan: a 5 MiB minified bundle is scanned by default; a file over the size setting is named, not dropped', async () => {
    const dir = path.join(workspaceRoot().fsPath, 'bundles');
    fs.mkdirSync(dir, { recursive: true });
    // Lines of ~100 KB: a bundle's shape without one multi-megabyte line.
    const line = 'function a(e,t){return e.b(t,1)&&!t.c}var d="orders";'.repeat(2000) + '\n';
    const bundle = path.join(dir, 'app.min.js');
    fs.writeFileSync(bundle, `${line.repeat(Math.ceil((5 * 1024 * 1024) / line.length))}var k="${KEY_ID}";\n`);
    const huge = path.join(dir, 'huge.min.js');
    fs.writeFileSync(huge, `var k="${KEY_ID}";\n${' '.repeat(17 * 1024 * 1024)}`);
    try {
      assert.ok(fs.statSync(bundle).size > 5 * 1024 * 1024);
      const asked = await answering({});
      const summary = await vscode.commands.executeCommand<{ findings: number; skipped: number; cancelled: boolean }>('awsKeyGuard.scanWorkspace');
      assert.ok(summary && !summary.cancelled && summary.skipped >= 1, JSON.stringify(summary));
      assert.deepEqual(ourDiagnostics(vscode.Uri.file(bundle)).map((d) => (d.code as { value: string }).value), ['aws-access-key-id'], 'the bundle is scanned by default');
      assert.deepEqual(ourDiagnostics(vscode.Uri.file(huge)), [], 'a file over the size setting is not read');
      const message = messagesIn(asked).find((m) => /not scanned/.test(m.text));
      assert.ok(message, JSON.stringify(messagesIn(asked)));
      assert.match(message.text, /\d+ files? not scanned \(too large, binary or unreadable\): see the log\.$/);
      assert.deepEqual(message.buttons, ['Show Problems', 'Show Log']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

