/** `aws-key-guard respond` in-process: exit codes 0/1/2/3, --json, --yes, and no secret or foreign key id in the output. */
import * as assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/main';
import { maskKeyId } from '../../../src/core/keys';
import { emulatorSecrets, iamKeys, type Sandbox } from '../rotation/helpers';
import { INTRUDER_KEY, LEAKED, responderSandbox, useResponseEmulator } from './helpers';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function respond(box: Sandbox, args: string[], answers?: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const prompt = answers ? async () => answers.shift() ?? '' : undefined;
  const code = await runCli(['respond', ...args], { out: (t) => out.push(t), err: (t) => err.push(t), env: { HOME: box.home }, cwd: box.home, prompt });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function assertClean(text: string, secrets: string[], typed: string): void {
  for (const secret of secrets) assert.ok(!text.includes(secret), 'a secret appeared in the output');
  const ids = text.match(/\bA[KS]IA[A-Z2-7]{16}\b/g) ?? [];
  assert.deepEqual([...new Set(ids)].filter((id) => id !== typed), [], 'only the typed key id is unmasked');
}

describe('cli: aws-key-guard respond', function () {
  this.timeout(30_000);
  const env = useResponseEmulator();
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

  it('--yes --json: one object with the user, each step and the events; says which profile acted; exit 0', async () => {
    const run = await respond(responderSandbox(cleanups), ['--key', LEAKED.id, '--yes', '--json']);
    assert.equal(run.code, 0, run.err);
    const report = JSON.parse(run.out);
    assert.equal(report.userName, 'ci-deploy');
    assert.equal(report.userArn, 'arn:aws:iam::123456789012:user/ci-deploy');
    assert.equal(report.profile, 'security');
    assert.deepEqual(report.steps.map((s: { step: string; status: string }) => `${s.step}:${s.status}`), ['contain:done', 'investigate:done', 'eradicate:skipped', 'harden:done']);
    assert.ok(report.investigation.events.length > 50);
    assert.ok(report.investigation.events.some((e: { accessKeyId: string }) => e.accessKeyId === maskKeyId(INTRUDER_KEY.id)));
    assert.match(run.err, /Not done: this needs a person to confirm/, 'deleting the key is not covered by --yes');
    assertClean(run.out + run.err, emulatorSecrets(env.emulator), LEAKED.id);
  });

  it('text output: the steps, the investigation and the persistence events', async () => {
    const run = await respond(responderSandbox(cleanups), ['--key', LEAKED.id, '--yes']);
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /\[done\] Contain: deactivate the key and revoke its sessions/);
    assert.match(run.out, /acting as profile "security"/);
    assert.match(run.out, /source IPs: 203\.0\.113\.45 \(57\)/);
    assert.match(run.out, /CreateAccessKey from 203\.0\.113\.45 in us-east-1/);
    assertClean(run.out + run.err, emulatorSecrets(env.emulator), LEAKED.id);
  });

  it('a step failed but the key is contained: exit 3, with the missing permission', async () => {
    env.emulator.injectFault({ action: 'LookupEvents', error: 'AccessDenied' });
    const run = await respond(responderSandbox(cleanups), ['--key', LEAKED.id, '--yes']);
    assert.equal(run.code, 3, run.out + run.err);
    assert.match(run.out, /\[FAILED\] Investigate.*\n.*Missing permission: cloudtrail:LookupEvents/);
    assert.deepEqual(iamKeys(env.emulator, 'ci-deploy')[0], `${LEAKED.id}:Inactive`);
  });

  it('nothing changed: no profile can act, or no terminal and no --yes: exit 1', async () => {
    const foreign = await respond(responderSandbox(cleanups), ['--key', 'AKIAXAAAAAAAAAAAALCE', '--yes']);
    assert.equal(foreign.code, 1);
    assert.match(foreign.out, /No local profile belongs to account/);
    const unconfirmed = await respond(responderSandbox(cleanups), ['--key', LEAKED.id]);
    assert.equal(unconfirmed.code, 1);
    assert.match(unconfirmed.err, /Refused: confirmation needed/);
    assert.deepEqual(iamKeys(env.emulator, 'ci-deploy'), [`${LEAKED.id}:Active`, `${INTRUDER_KEY.id}:Active`]);
  });

  it('a person at a terminal confirms, and may delete the key by typing yes', async () => {
    const run = await respond(responderSandbox(cleanups), ['--key', LEAKED.id], ['y', 'yes']);
    assert.equal(run.code, 0, run.err);
    assert.deepEqual(iamKeys(env.emulator, 'ci-deploy'), [`${INTRUDER_KEY.id}:Active`]);
  });

  it('usage errors: exit 2 without echoing a value', async () => {
    const box = responderSandbox(cleanups);
    assert.equal((await respond(box, [])).code, 2);
    const bad = await respond(box, ['--key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY']);
    assert.equal(bad.code, 2);
    assert.ok(!bad.err.includes('wJalrXUtnFEMI'), 'the value is not echoed');
    assert.equal((await respond(box, ['--key', LEAKED.id, '--bogus'])).code, 2);
    assert.equal((await respond(box, ['--help'])).code, 0);
  });
});
