/** `aws-key-guard rotate` in-process: steps, exit codes, prompts, --yes, and no secret in the output. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { runCli } from '../../../src/cli/main';
import { maskKeyId } from '../../../src/core/keys';
import { assertNoSecrets, demoKey, emulatorSecrets, fileKey, iamKeys, sandbox, section, useDemoEmulator, type Sandbox } from './helpers';

interface Run {
  code: number;
  out: string;
  err: string;
  prompts: string[];
}

async function rotate(box: Sandbox, args: string[], answers?: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const prompts: string[] = [];
  const prompt = answers
    ? async (question: string) => {
        prompts.push(question);
        return answers.shift() ?? '';
      }
    : undefined;
  const code = await runCli(['rotate', ...args], { out: (t) => out.push(t), err: (t) => err.push(t), env: { HOME: box.home }, cwd: box.home, prompt });
  return { code, out: out.join('\n'), err: err.join('\n'), prompts };
}

describe('cli: aws-key-guard rotate', function () {
  this.timeout(20_000);
  const env = useDemoEmulator();
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));
  const alice = demoKey('alice');
  const secrets = () => [...emulatorSecrets(env.emulator), alice.secret];

  it('rotates with --yes: prints each step and names the profile and the masked new key; exit 0', async () => {
    const box = sandbox(cleanups, section('work', alice));
    const run = await rotate(box, ['--profile', 'work', '--yes']);
    assert.equal(run.code, 0, run.err);
    const newId = fileKey(box.credentialsFile, 'work').id;
    assert.match(run.out, /\[1\/6\] Checking the profile and its keys…\n\[3\/6\] Creating a new access key…/);
    assert.match(run.out, /\[6\/6\] Retiring the old key…/);
    assert.ok(run.out.includes(`Rotated profile "work": it now uses the new key ${maskKeyId(newId)}; the old key ${maskKeyId(alice.id)} was deactivated.`));
    assertNoSecrets(run.out + run.err, secrets());
  });

  it('without a terminal and without --yes, a needed confirmation refuses: exit 1, nothing changed', async () => {
    const box = sandbox(cleanups, `${section('work', alice)}\n${section('copy', alice)}`);
    const before = fs.readFileSync(box.credentialsFile, 'utf8');
    const run = await rotate(box, ['--profile', 'work']);
    assert.equal(run.code, 1);
    assert.match(run.err, /Refused: confirmation needed; run it in a terminal or pass --yes\. Nothing was changed/);
    assert.equal(fs.readFileSync(box.credentialsFile, 'utf8'), before);
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Active`]);
    assert.equal(env.emulator.calls().filter((c) => c.action === 'CreateAccessKey').length, 0);
  });

  it('an active other key: --yes is not enough without a terminal (exit 1); --delete-other-key allows it', async () => {
    const dave = demoKey('dave');
    const box = sandbox(cleanups, section('dave', dave));
    const refused = await rotate(box, ['--profile', 'dave', '--yes']);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /needs a person to confirm.*--delete-other-key/);
    assert.equal(env.emulator.accessKeys('dave').length, 2);
    const done = await rotate(box, ['--profile', 'dave', '--yes', '--delete-other-key', '--retire', 'delete']);
    assert.equal(done.code, 0, done.err);
    assert.deepEqual(iamKeys(env.emulator, 'dave'), [`${fileKey(box.credentialsFile, 'dave').id}:Active`]);
  });

  it('on a terminal, asks: typed "yes" for an active other key, y/N for shared profiles', async () => {
    const dave = demoKey('dave');
    const box = sandbox(cleanups, `${section('dave', dave)}\n${section('dave2', dave)}`);
    const run = await rotate(box, ['--profile', 'dave'], ['yes', 'y']);
    assert.equal(run.code, 0, run.err);
    assert.deepEqual(run.prompts, ['Type "yes" to delete other key: ', 'Update All? [y/N] ']);
    assert.equal(fileKey(box.credentialsFile, 'dave2').id, fileKey(box.credentialsFile, 'dave').id);
  });

  it('an MFA user with --mfa-code rotates; without a code and without a terminal: exit 1', async () => {
    const erin = demoKey('erin');
    const box = sandbox(cleanups, section('erin', erin), '[profile erin]\nmfa_serial = arn:aws:iam::123456789012:mfa/erin\n');
    const refused = await rotate(box, ['--profile', 'erin', '--yes']);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /IAM requires MFA.*--mfa-code/);
    const run = await rotate(box, ['--profile', 'erin', '--yes', '--mfa-code', env.emulator.mfaCode('arn:aws:iam::123456789012:mfa/erin')]);
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /\[2\/6\] Signing in with MFA…/);
    assertNoSecrets(run.out + run.err, [...secrets(), erin.secret]);
  });

  it('retiring fails: exit 3, and stderr says the new key is in use and the old key still active', async () => {
    const box = sandbox(cleanups, section('work', alice));
    env.emulator.injectFault({ action: 'UpdateAccessKey', error: 'AccessDenied', message: 'no identity-based policy allows the iam:UpdateAccessKey action' });
    const run = await rotate(box, ['--profile', 'work', '--yes']);
    assert.equal(run.code, 3);
    assert.match(run.err, /The new key AKIA\*+\w{4} works and is in profile "work", but deactivating the old key AKIA\*+\w{4} failed \(AccessDenied.*still active/);
    assertNoSecrets(run.out + run.err, secrets());
    env.emulator.clearFaults();
    const recover = await rotate(box, ['--recover', '--yes']);
    assert.equal(recover.code, 0, recover.err);
    assert.match(recover.out, /Finished the rotation of profile "work"/);
  });

  it('create fails after the other key was deleted: exit 3, stderr names the deleted key', async () => {
    const dave = demoKey('dave');
    const box = sandbox(cleanups, section('dave', dave));
    env.emulator.injectFault({ action: 'CreateAccessKey', error: 'AccessDenied' });
    const run = await rotate(box, ['--profile', 'dave', '--yes', '--delete-other-key']);
    assert.equal(run.code, 3, run.err);
    assert.match(run.err, /other key AKIA\*+W52A was deleted/);
    assertNoSecrets(run.out + run.err, [...secrets(), dave.secret]);
  });

  it('create fails: exit 1, state unchanged', async () => {
    const box = sandbox(cleanups, section('work', alice));
    env.emulator.injectFault({ action: 'CreateAccessKey', error: 'LimitExceeded' });
    const run = await rotate(box, ['--profile', 'work', '--yes']);
    assert.equal(run.code, 1);
    assert.match(run.err, /Creating a new access key failed \(LimitExceeded.*Nothing was changed/);
  });

  it('usage errors exit 2; --help and an empty --recover exit 0', async () => {
    const box = sandbox(cleanups, section('work', alice));
    assert.equal((await rotate(box, [])).code, 2);
    assert.equal((await rotate(box, ['--profile', 'work', '--retire', 'burn'])).code, 2);
    assert.equal((await rotate(box, ['--profile', 'work', '--mfa-code', '12'])).code, 2);
    assert.match((await rotate(box, ['--help'])).out, /--retire deactivate\|delete/);
    const recover = await rotate(box, ['--recover']);
    assert.equal(recover.code, 0);
    assert.match(recover.out, /No interrupted rotation/);
    assert.equal(env.emulator.calls().length, 0);
  });

  it('an unknown argument is not echoed: a pasted secret never reaches stderr (exit 2)', async () => {
    const box = sandbox(cleanups, section('work', alice));
    const bare = await rotate(box, ['--profile', 'work', alice.secret]);
    assert.equal(bare.code, 2);
    assert.match(bare.err, /unexpected argument \(not shown/);
    const inline = await rotate(box, ['--profile', 'work', `--secret=${alice.secret}`]);
    assert.equal(inline.code, 2);
    assert.match(inline.err, /unknown option '--secret'/);
    const flag = await rotate(box, ['--profile', 'work', '--frobnicate']);
    assert.match(flag.err, /unknown option '--frobnicate'/);
    for (const run of [bare, inline, flag]) assertNoSecrets(run.out + run.err, [alice.secret]);
    assert.equal(env.emulator.calls().length, 0);
  });
});
