/**
 * Quick fixes leave working code: the environment lookup brings the import it needs (the Python
 * result is run with python3 where it is installed), a documentation example gets no lookup, and
 * moving a key pair into a profile rewrites the code so it really reads AWS_PROFILE.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi } from './activation.test';
import { answering, confirmationsIn, diagnosticsWhen, emulatorControl, messagesIn, openDocument } from './helpers';

const KEY_ID = 'AKIAY34FZKBOKMUTWXYZ';
const SECRET = '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';
const BOB = ['AKIARZPUZDIKFAQVV4NF', 'ZhGHKfU+BMdVqUQnsm9CN+xrbxS1anMDXieFBrxX'];
const credentialsFile = path.join(os.homedir(), '.aws', 'credentials');

async function actionsAt(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range)) ?? [];
}

async function apply(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, titleStart: string): Promise<void> {
  const action = (await actionsAt(document, diagnostic.range)).find((a) => a.title.startsWith(titleStart));
  assert.ok(action?.edit, `a "${titleStart}" edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
}

function writeCredentials(text: string): void {
  fs.mkdirSync(path.dirname(credentialsFile), { recursive: true, mode: 0o700 });
  fs.writeFileSync(credentialsFile, text, { mode: 0o600 });
}

describe('quick fixes that leave working code', function () {
  this.timeout(60_000);
  before(() => activeApi());
  afterEach(async () => {
    await answering({});
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Python: the environment lookup imports os, and the file runs', async () => {
    const document = await openDocument(`"""Report uploader."""\nimport json\n\nsecret = "${SECRET}"\nprint(json.dumps(secret))\n`, 'py');
    const [diagnostic] = await diagnosticsWhen(document.uri, (d) => d.length === 1, 'the secret warning');
    await apply(document, diagnostic, 'Replace with an environment lookup');
    assert.equal(document.getText(), `"""Report uploader."""\nimport os\nimport json\n\nsecret = os.environ["AWS_SECRET_ACCESS_KEY"]\nprint(json.dumps(secret))\n`);
    const python = spawnSync('python3', ['-c', document.getText()], { encoding: 'utf8', env: { ...process.env, AWS_SECRET_ACCESS_KEY: 'from-env' } });
    if (python.error === undefined) assert.equal(python.stdout.trim(), '"from-env"', python.stderr);
  });

  it('Go: the environment lookup adds "os" to the imports', async () => {
    const document = await openDocument(`package main\n\nimport (\n\t"fmt"\n)\n\nfunc main() {\n\tsecret := "${SECRET}"\n\tfmt.Println(secret)\n}\n`, 'go');
    const [diagnostic] = await diagnosticsWhen(document.uri, (d) => d.length === 1, 'the secret warning');
    await apply(document, diagnostic, 'Replace with an environment lookup');
    assert.equal(document.getText(), `package main\n\nimport (\n\t"os"\n\t"fmt"\n)\n\nfunc main() {\n\tsecret := os.Getenv("AWS_SECRET_ACCESS_KEY")\n\tfmt.Println(secret)\n}\n`);
  });

  it('a documentation example key is offered no environment lookup, only "ignore"', async () => {
    const document = await openDocument(`const example = "AKIAIOSFODNN7EXAMPLE";\n`, 'js');
    const [diagnostic] = await diagnosticsWhen(document.uri, (d) => d.length === 1, 'the example info');
    const titles = (await actionsAt(document, diagnostic.range)).map((a) => a.title);
    assert.ok(!titles.some((t) => t.startsWith('Replace with an environment lookup')), titles.join(' | '));
    assert.ok(titles.some((t) => t.startsWith('Ignore this finding')), titles.join(' | '));
  });

  it('Move the key pair to a new profile: the explicit credentials go, so the SDK reads AWS_PROFILE', async () => {
    writeCredentials('[existing]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n');
    const asked = await answering({});
    const document = await openDocument(
      `import { S3Client } from "@aws-sdk/client-s3";\nexport const s3 = new S3Client({\n  region: "us-east-1",\n  credentials: {\n    accessKeyId: "${KEY_ID}",\n    secretAccessKey: "${SECRET}",\n  },\n});\n`,
      'js',
    );
    const diagnostics = await diagnosticsWhen(document.uri, (d) => d.length === 2, 'the key pair warnings');
    const keyId = diagnostics.find((d) => (d.code as { value: string }).value === 'aws-access-key-id')!;
    const move = (await actionsAt(document, keyId.range)).find((a) => a.title.startsWith('Move this key pair'));
    assert.ok(move?.command);
    const [arg] = move.command.arguments as [Record<string, unknown>];
    assert.equal(await vscode.commands.executeCommand(move.command.command, { ...arg, profileName: 'uploader' }), 'uploader');
    assert.equal(document.getText(), `import { S3Client } from "@aws-sdk/client-s3";\nexport const s3 = new S3Client({\n  region: "us-east-1",\n});\n`);
    assert.ok(fs.readFileSync(credentialsFile, 'utf8').includes(`[uploader]\naws_access_key_id = ${KEY_ID}\n`));
    const said = messagesIn(asked).map((m) => m.text).join('\n');
    assert.match(said, /no longer passes credentials, so the AWS SDK's default chain reads them from the profile named by AWS_PROFILE: run it with AWS_PROFILE=uploader/);
  });

  it('Move the key pair in a shell script: AWS_PROFILE takes the pair\'s place', async () => {
    writeCredentials('');
    await answering({});
    const document = await openDocument(`#!/bin/sh\nexport AWS_REGION=us-east-1\nexport AWS_ACCESS_KEY_ID=${KEY_ID}\nexport AWS_SECRET_ACCESS_KEY=${SECRET}\naws s3 ls\n`, 'sh');
    const diagnostics = await diagnosticsWhen(document.uri, (d) => d.length === 2, 'the key pair warnings');
    const keyId = diagnostics.find((d) => (d.code as { value: string }).value === 'aws-access-key-id')!;
    const move = (await actionsAt(document, keyId.range)).find((a) => a.title.startsWith('Move this key pair'));
    assert.ok(move?.command);
    const [arg] = move.command.arguments as [Record<string, unknown>];
    assert.equal(await vscode.commands.executeCommand(move.command.command, { ...arg, profileName: 'envfile' }), 'envfile');
    assert.equal(document.getText(), '#!/bin/sh\nexport AWS_REGION=us-east-1\nexport AWS_PROFILE=envfile\naws s3 ls\n');
  });

  it('Move a key pair that IAM lists as inactive: warns first; declined, nothing is written', async () => {
    await emulatorControl('reset', {});
    writeCredentials(`[bob]\naws_access_key_id = ${BOB[0]}\naws_secret_access_key = ${BOB[1]}\n`);
    await answering({ confirm: true });
    assert.equal(await vscode.commands.executeCommand('awsKeyGuard.deactivateKey', { profileName: 'bob' }), true);
    const before = fs.readFileSync(credentialsFile, 'utf8');
    const asked = await answering({ confirm: false });
    const document = await openDocument(`const creds = {\n  accessKeyId: "${BOB[0]}",\n  secretAccessKey: "${BOB[1]}",\n};\n`, 'js');
    const diagnostics = await diagnosticsWhen(document.uri, (d) => d.length === 2, 'the key pair warnings');
    const keyId = diagnostics.find((d) => (d.code as { value: string }).value === 'aws-access-key-id')!;
    const move = (await actionsAt(document, keyId.range)).find((a) => a.title.startsWith('Move this key pair'));
    assert.ok(move?.command);
    const [arg] = move.command.arguments as [Record<string, unknown>];
    assert.equal(await vscode.commands.executeCommand(move.command.command, { ...arg, profileName: 'again' }), undefined);
    assert.match(confirmationsIn(asked)[0]?.message ?? '', /IAM lists key AKIA\*+V4NF as inactive/);
    assert.equal(fs.readFileSync(credentialsFile, 'utf8'), before, 'nothing written');
  });
});
