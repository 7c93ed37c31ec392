/**
 * The key lifecycle commands in a real VS Code against the emulator (demo seed): Rotate Access Key
 * rewrites only the key values of the credentials file, Deactivate Access Key and Respond to Leaked
 * Key change the key's status in IAM. Confirmations are answered through the extension's test-only
 * hook (commands take no "yes" from their arguments).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CreateAccessKeyCommand, IAMClient } from '@aws-sdk/client-iam';
import { defaultJournalPath, RotationJournal, type RotationResult } from '../../src/core/rotation';
import { activeApi } from './activation.test';
import { answering, closeUntitledEditors, confirmationsIn, emulatorControl } from './helpers';

// Demo-seed keys (tools/emulator/seeds/demo.json): fake, valid only against the emulator.
const ALICE = ['AKIARZPUZDIKESSO2CVY', 'sYkFfr/xYSyDro3DcDWkDUkP0dP8fAf4UmaguF3/'];
const BOB = ['AKIARZPUZDIKFAQVV4NF', 'ZhGHKfU+BMdVqUQnsm9CN+xrbxS1anMDXieFBrxX'];
const ADMIN = ['AKIARZPUZDIKN3ARQJVJ', 'xVNhSoc8mPR98mYu5x+Oy2yU1QVpAT12XSbh9r0H'];
const CAROL_ID = 'AKIARZPUZDIKMKC74V2M';

const awsDir = path.join(os.homedir(), '.aws');
const credentialsFile = path.join(awsDir, 'credentials');

interface KeyState {
  accessKeyId: string;
  status: string;
}

async function keysOf(user: string): Promise<KeyState[]> {
  const state = (await emulatorControl('state')) as { users: Array<{ userName: string; accessKeys: KeyState[] }> };
  return state.users.find((u) => u.userName === user)?.accessKeys ?? [];
}

describe('rotation commands in VS Code', function () {
  this.timeout(60_000);
  let saved: string | undefined;
  before(async () => {
    await activeApi();
    saved = fs.existsSync(credentialsFile) ? fs.readFileSync(credentialsFile, 'utf8') : undefined;
  });
  beforeEach(async () => {
    await emulatorControl('reset', {});
    await answering({ confirm: true });
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

  it('Rotate Access Key: the file gets the new key (only key values change) and IAM has it active, the old one inactive', async () => {
    const original = `# work account\n[work]\naws_access_key_id=${ALICE[0]}\n  aws_secret_access_key = ${ALICE[1]} \nregion = us-east-1\n\n[other]\naws_access_key_id = ${BOB[0]}\naws_secret_access_key = ${BOB[1]}\n`;
    writeCredentials(original);
    const asked = await answering({ confirm: true });
    const result = (await vscode.commands.executeCommand('awsKeyGuard.rotateKey', { profileName: 'work' })) as RotationResult | undefined;
    assert.match(confirmationsIn(asked)[0]?.message ?? '', /Rotate the access key of profile "work"\?/, 'the user was asked first');
    // Cancel is offered until the new key is written, and not after (it could no longer apply).
    const progress = asked.filter((a) => typeof a.progressTitle === 'string').map((a) => [a.progressTitle, a.cancellable]);
    assert.deepEqual(progress, [['Rotating the key of "work"', true], ['Rotating the key of "work": the new key is written, finishing', false]]);
    assert.ok(result, 'the command returned the rotation result');
    assert.equal(result.profile, 'work');
    const text = fs.readFileSync(credentialsFile, 'utf8');
    const secret = /aws_secret_access_key = (\S+) \n/.exec(text)?.[1];
    assert.ok(secret && secret !== ALICE[1], 'a new secret is in the file');
    assert.ok(text.includes(`aws_access_key_id=${result.newAccessKeyId}\n`));
    assert.equal(text.replace(result.newAccessKeyId, ALICE[0]).replace(secret, ALICE[1]), original, 'only the two values changed');
    assert.deepEqual(
      (await keysOf('alice')).map((k) => `${k.accessKeyId}:${k.status}`),
      [`${ALICE[0]}:Inactive`, `${result.newAccessKeyId}:Active`],
    );
  });

  it('Deactivate Access Key: the profile\'s key becomes Inactive in IAM', async () => {
    writeCredentials(`[bob]\naws_access_key_id = ${BOB[0]}\naws_secret_access_key = ${BOB[1]}\n`);
    const done = await vscode.commands.executeCommand('awsKeyGuard.deactivateKey', { profileName: 'bob' });
    assert.equal(done, true);
    assert.deepEqual((await keysOf('bob')).map((k) => k.status), ['Inactive']);
  });

  it('Respond to Leaked Key: a key in no local profile is found and deactivated through a same-account profile', async () => {
    writeCredentials(`[admin]\naws_access_key_id = ${ADMIN[0]}\naws_secret_access_key = ${ADMIN[1]}\n`);
    // Yes to the response, no to its offer to delete the key afterwards.
    await answering({ confirm: (q) => !/^Delete/.test(q.acceptLabel) });
    const report = (await vscode.commands.executeCommand('awsKeyGuard.respondToLeak', { accessKeyId: CAROL_ID })) as { contained: boolean; profile: string } | undefined;
    assert.equal(report?.contained, true);
    assert.equal(report?.profile, 'admin', 'found without asking: the only profile of the account that can act');
    assert.deepEqual((await keysOf('carol')).map((k) => k.status), ['Inactive']);
  });

  /** Runs a command that may show a notification and wait on it: dismisses notifications until it settles. */
  async function settle<T>(command: Thenable<T>): Promise<T> {
    let done = false;
    const result = Promise.resolve(command).finally(() => (done = true));
    for (let i = 0; i < 200 && !done; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await vscode.commands.executeCommand('notifications.clearAll');
    }
    return result;
  }

  it('a credentials file that cannot be parsed: Respond to Leaked Key and Rotate report it instead of throwing', async () => {
    // Invalid UTF-8 after a real section: the file cannot be read as a credentials file.
    fs.mkdirSync(awsDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(credentialsFile, Buffer.concat([Buffer.from(`[admin]\naws_access_key_id = ${ADMIN[0]}\naws_secret_access_key = ${ADMIN[1]}\n# `), Buffer.from([0xc3, 0x28, 0x0a])]), { mode: 0o600 });
    assert.equal(await settle(vscode.commands.executeCommand('awsKeyGuard.respondToLeak', { accessKeyId: CAROL_ID })), undefined);
    assert.equal(await settle(vscode.commands.executeCommand('awsKeyGuard.rotateKey')), undefined);
    assert.deepEqual((await keysOf('carol')).map((k) => k.status), ['Active'], 'nothing was changed');
  });

  it('Finish Interrupted Rotation picks up a rotation the CLI left behind: one journal for both', async () => {
    writeCredentials(`[work]\naws_access_key_id = ${ALICE[0]}\naws_secret_access_key = ${ALICE[1]}\n`);
    // As if `aws-key-guard rotate` had been killed after CreateAccessKey, before writing the file.
    const iam = new IAMClient({ region: 'us-east-1', credentials: { accessKeyId: ALICE[0], secretAccessKey: ALICE[1] } });
    const orphan = (await iam.send(new CreateAccessKeyCommand({}))).AccessKey?.AccessKeyId;
    iam.destroy();
    assert.ok(orphan);
    const journal = new RotationJournal(defaultJournalPath(process.env, os.homedir()));
    const now = new Date().toISOString();
    journal.put({
      id: 'from-the-cli', profile: 'work', file: credentialsFile, userArn: 'arn:aws:iam::123456789012:user/alice',
      oldAccessKeyId: ALICE[0], keysBefore: [ALICE[0]], newAccessKeyId: orphan, sharedProfiles: [], retire: 'deactivate',
      step: 'created', startedAt: now, updatedAt: now,
    });
    assert.equal(await vscode.commands.executeCommand('awsKeyGuard.finishInterruptedRotation'), 1);
    assert.deepEqual((await keysOf('alice')).map((k) => k.accessKeyId), [ALICE[0]], 'the unused new key was deleted');
    assert.deepEqual(journal.entries(), [], 'and the journal entry is gone');
  });

  it('Finish Interrupted Rotation with nothing interrupted does nothing', async () => {
    assert.equal(await vscode.commands.executeCommand('awsKeyGuard.finishInterruptedRotation'), 0);
  });
});
