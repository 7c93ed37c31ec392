/**
 * Fault injection at every step of a rotation. After each failure: the file holds a key the
 * emulator accepts, no key was lost, the error's state and message match the real state, and no
 * secret appears in anything shown to the user.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { finishInterruptedRotation, inspectJournal, LifecycleError, retireOldKey, rotateProfileKey, type RotationDeps, type RotationStep } from '../../../src/core/rotation';
import type { Emulator, FaultSpec } from '../../../tools/emulator';
import { assertFileKeyWorks, assertNoSecrets, demoKey, emulatorSecrets, fastDeps, fileKey, iamKeys, makeDirectoryUnwritable, sandbox, section, useDemoEmulator, type Sandbox } from './helpers';

const alice = demoKey('alice');
const bob = demoKey('bob');

interface Outcome {
  error?: LifecycleError;
  text: string;
  secrets: Set<string>;
}

/** Runs a rotation of alice's profile "work", calling `at[step]` when that step starts. */
async function rotateWith(emulator: Emulator, box: Sandbox, at: Partial<Record<RotationStep, () => void>>, overrides: Partial<RotationDeps> = {}, retire: 'deactivate' | 'delete' = 'deactivate'): Promise<Outcome> {
  const secrets = new Set<string>([alice.secret, bob.secret]);
  const deps = fastDeps(box, overrides);
  const record = deps.onEvent!;
  const onEvent: RotationDeps['onEvent'] = (event) => {
    emulatorSecrets(emulator).forEach((s) => secrets.add(s));
    record(event);
    if (event.type === 'step') at[event.step]?.();
  };
  let error: LifecycleError | undefined;
  try {
    await rotateProfileKey({ profile: 'work', retire }, { ...deps, onEvent });
  } catch (e) {
    assert.ok(e instanceof LifecycleError, `a LifecycleError, not ${String(e)}`);
    error = e;
  }
  emulatorSecrets(emulator).forEach((s) => secrets.add(s));
  const text = [deps.recorder.text(), error?.message ?? ''].join('\n');
  assertNoSecrets(text, secrets);
  return { error, text, secrets };
}

describe('rotation: failure at every step', function () {
  this.timeout(20_000);
  const env = useDemoEmulator();
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));
  const fault = (spec: FaultSpec) => () => env.emulator.injectFault(spec);
  let box: Sandbox;
  let original: string;
  beforeEach(() => {
    box = sandbox(cleanups, `${section('work', alice)}\n${section('bob', bob)}`);
    original = fs.readFileSync(box.credentialsFile, 'utf8');
  });

  /** Nothing changed: file byte-identical, alice has only her old key, active; the journal is empty. */
  async function assertUnchanged(outcome: Outcome, step: RotationStep, message: RegExp): Promise<void> {
    assert.ok(outcome.error, 'the rotation failed');
    assert.equal(outcome.error.state, 'unchanged', outcome.error.message);
    assert.equal(outcome.error.step, step);
    assert.match(outcome.error.message, message);
    assert.equal(fs.readFileSync(box.credentialsFile, 'utf8'), original, 'the file is byte-identical');
    env.emulator.clearFaults();
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Active`], 'no new key left, old key active');
    await assertFileKeyWorks(env.emulator, box.credentialsFile, 'work', 'alice');
  }

  const unchangedCases: Array<{ name: string; step: RotationStep; inject: RotationStep; spec: FaultSpec; message: RegExp; timeout?: boolean }> = [
    { name: 'GetCallerIdentity fails in preflight', step: 'preflight', inject: 'preflight', spec: { action: 'GetCallerIdentity', error: 'InternalFailure' }, message: /did not accept the key.*InternalFailure.*Nothing was changed/ },
    { name: 'GetCallerIdentity times out in preflight', step: 'preflight', inject: 'preflight', spec: { action: 'GetCallerIdentity', hang: true }, message: /did not accept the key.*Nothing was changed/, timeout: true },
    { name: 'ListAccessKeys is denied', step: 'preflight', inject: 'preflight', spec: { action: 'ListAccessKeys', error: 'AccessDenied', message: 'User is not authorized to perform: iam:ListAccessKeys because no identity-based policy allows the iam:ListAccessKeys action' }, message: /Could not list.*AccessDenied.*Nothing was changed/ },
    { name: 'ListAccessKeys stays throttled', step: 'preflight', inject: 'preflight', spec: { action: 'ListAccessKeys', error: 'Throttling' }, message: /Could not list.*Throttling/ },
    { name: 'CreateAccessKey hits the two-key limit', step: 'create', inject: 'create', spec: { action: 'CreateAccessKey', error: 'LimitExceeded' }, message: /Creating a new access key failed \(LimitExceeded: Cannot exceed quota for AccessKeysPerUser: 2\)\. Nothing was changed/ },
    { name: 'CreateAccessKey is denied', step: 'create', inject: 'create', spec: { action: 'CreateAccessKey', error: 'AccessDenied', message: 'no identity-based policy allows the iam:CreateAccessKey action' }, message: /Creating a new access key failed \(AccessDenied/ },
    { name: 'CreateAccessKey stays throttled', step: 'create', inject: 'create', spec: { action: 'CreateAccessKey', error: 'Throttling' }, message: /Creating a new access key failed \(Throttling/ },
    { name: 'CreateAccessKey fails with a server error', step: 'create', inject: 'create', spec: { action: 'CreateAccessKey', error: 'InternalFailure' }, message: /Creating a new access key failed \(InternalFailure.*old key is still in the file and active/ },
    { name: 'CreateAccessKey times out', step: 'create', inject: 'create', spec: { action: 'CreateAccessKey', hang: true }, message: /Creating a new access key failed.*old key is still in the file/, timeout: true },
    { name: 'verification fails: the file is restored and the new key deleted', step: 'verify', inject: 'verify', spec: { action: 'GetCallerIdentity', error: 'InternalFailure' }, message: /did not work.*old key was put back into profile "work" and the new key was deleted; nothing was changed/ },
    { name: 'verification times out', step: 'verify', inject: 'verify', spec: { action: 'GetCallerIdentity', hang: true }, message: /did not work.*new key was deleted/, timeout: true },
  ];
  for (const c of unchangedCases) {
    it(`${c.name}: nothing changed`, async () => {
      const overrides = c.timeout ? { clientOptions: { requestTimeoutMs: 300, maxAttempts: 1 }, verifyRetry: { attempts: 2, initialDelayMs: 10 } } : {};
      const outcome = await rotateWith(env.emulator, box, { [c.inject]: fault(c.spec) }, overrides);
      await assertUnchanged(outcome, c.step, c.message);
    });
  }

  it('CreateAccessKey throttled once is retried and the rotation succeeds', async () => {
    const outcome = await rotateWith(env.emulator, box, { create: fault({ action: 'CreateAccessKey', error: 'Throttling', count: 1 }) });
    assert.equal(outcome.error, undefined);
    const newId = await assertFileKeyWorks(env.emulator, box.credentialsFile, 'work', 'alice');
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Inactive`, `${newId}:Active`]);
  });

  it('CreateAccessKey answer lost after the key was made: the journal recovery deletes the orphan', async () => {
    const outcome = await rotateWith(env.emulator, box, { create: fault({ action: 'CreateAccessKey', latencyMs: 600, count: 1 }) }, { clientOptions: { requestTimeoutMs: 250, maxAttempts: 1 } });
    assert.equal(outcome.error?.state, 'unchanged');
    assert.match(outcome.error!.message, /run Finish Interrupted Rotation/);
    await new Promise((resolve) => setTimeout(resolve, 500)); // AWS finishes the lost request
    assert.equal(env.emulator.accessKeys('alice').length, 2, 'the emulator made the key after the client gave up');
    const [interrupted] = inspectJournal(box.journal, box.files);
    assert.equal(interrupted.action, 'delete-orphan');
    assert.match(await finishInterruptedRotation(interrupted, box.journal, fastDeps(box)), /Deleted the unused new key AKIA\*+/);
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Active`]);
    assert.deepEqual(box.journal.entries(), []);
    assert.equal(fs.readFileSync(box.credentialsFile, 'utf8'), original);
  });

  it('eventual consistency longer than the first retries: verification waits and succeeds', async () => {
    env.emulator.setConsistencyDelay(400);
    const outcome = await rotateWith(env.emulator, box, {}, { verifyRetry: { attempts: 12, initialDelayMs: 20, maxDelayMs: 100 }, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    assert.equal(outcome.error, undefined);
    assert.match(outcome.text, /not accepted yet \(InvalidClientTokenId/);
    const newId = await assertFileKeyWorks(env.emulator, box.credentialsFile, 'work', 'alice');
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Inactive`, `${newId}:Active`]);
  });

  it('eventual consistency longer than every retry: the file is restored and the new key deleted', async () => {
    env.emulator.setConsistencyDelay(60_000);
    const outcome = await rotateWith(env.emulator, box, {});
    await assertUnchanged(outcome, 'verify', /did not work \(InvalidClientTokenId.*old key was put back/);
  });

  it('the file changes on disk before the write: the new key is deleted, the edit is kept', async () => {
    const edited = `${section('work', bob)}\n${section('bob', bob)}`;
    const outcome = await rotateWith(env.emulator, box, { write: () => fs.writeFileSync(box.credentialsFile, edited) });
    assert.equal(outcome.error?.state, 'unchanged');
    assert.equal(outcome.error?.step, 'write');
    assert.match(outcome.error!.message, /no longer holds the key being rotated.*new key was deleted/);
    assert.equal(fs.readFileSync(box.credentialsFile, 'utf8'), edited);
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Active`]);
    await assertFileKeyWorks(env.emulator, box.credentialsFile, 'work', 'bob');
  });

  it('the file cannot be written: the new key is deleted, the file is untouched', async () => {
    let undo: (() => void) | undefined;
    cleanups.push(() => undo?.());
    const outcome = await rotateWith(env.emulator, box, { write: () => (undo = makeDirectoryUnwritable(path.dirname(box.credentialsFile))) });
    undo?.();
    undo = undefined;
    await assertUnchanged(outcome, 'write', /could not be written \((EPERM|EACCES)\).*new key was deleted/);
  });

  it('the write fails and deleting the new key fails too: partial, and says which key to delete', async () => {
    const outcome = await rotateWith(env.emulator, box, {
      write: () => {
        fs.writeFileSync(box.credentialsFile, `${section('work', bob)}\n`);
        env.emulator.injectFault({ action: 'DeleteAccessKey', error: 'InternalFailure' });
      },
    });
    assert.equal(outcome.error?.state, 'partial');
    assert.match(outcome.error!.message, /deleting the unused new key AKIA\*+\w{4} failed/);
    env.emulator.clearFaults();
    assert.equal(env.emulator.accessKeys('alice').length, 2);
    assert.equal(inspectJournal(box.journal, box.files)[0]?.action, 'manual', 'the journal still names the rotation');
  });

  it('verification fails and deleting the new key fails: partial, the old key is back in the file', async () => {
    const outcome = await rotateWith(env.emulator, box, {
      verify: () => {
        env.emulator.injectFault({ action: 'GetCallerIdentity', error: 'InternalFailure' });
        env.emulator.injectFault({ action: 'DeleteAccessKey', error: 'AccessDenied', message: 'no identity-based policy allows the iam:DeleteAccessKey action' });
      },
    });
    assert.equal(outcome.error?.state, 'partial');
    assert.match(outcome.error!.message, /old key is back in profile "work" and still works, but deleting the new key failed/);
    assert.equal(fs.readFileSync(box.credentialsFile, 'utf8'), original);
    env.emulator.clearFaults();
    await assertFileKeyWorks(env.emulator, box.credentialsFile, 'work', 'alice');
    const [interrupted] = inspectJournal(box.journal, box.files);
    assert.equal(interrupted.action, 'delete-orphan');
    await finishInterruptedRotation(interrupted, box.journal, fastDeps(box));
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Active`]);
  });

  for (const spec of [
    { action: 'UpdateAccessKey', error: 'AccessDenied', message: 'no identity-based policy allows the iam:UpdateAccessKey action' },
    { action: 'UpdateAccessKey', error: 'EntityTemporarilyUnmodifiable' },
    { action: 'UpdateAccessKey', hang: true },
  ] satisfies FaultSpec[]) {
    it(`retiring fails (${spec.error ?? 'timeout'}): partial, new key in use, old key active, Retry works`, async () => {
      const outcome = await rotateWith(env.emulator, box, { retire: fault(spec) }, { clientOptions: { requestTimeoutMs: 300, maxAttempts: 1 } });
      assert.equal(outcome.error?.state, 'partial');
      assert.equal(outcome.error?.step, 'retire');
      assert.match(outcome.error!.message, /works and is in profile "work", but deactivating the old key AKIA\*+\w{4} failed/);
      // A refusal (4xx) leaves the key active for sure; after a timeout or a 5xx IAM is asked.
      if (spec.hang) assert.match(outcome.error!.message, /The old key is still active: IAM lists it as active/);
      else assert.match(outcome.error!.message, /The old key is still active/);
      env.emulator.clearFaults();
      const newId = await assertFileKeyWorks(env.emulator, box.credentialsFile, 'work', 'alice');
      assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Active`, `${newId}:Active`]);
      assert.equal(inspectJournal(box.journal, box.files)[0]?.action, 'finish');
      assert.deepEqual(outcome.error!.retry, { profile: 'work', oldAccessKeyId: alice.id, retire: 'deactivate' });
      await retireOldKey(outcome.error!.retry!, fastDeps(box));
      assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Inactive`, `${newId}:Active`]);
      assert.equal(fileKey(box.credentialsFile, 'work').id, newId);
      assert.deepEqual(box.journal.entries(), [], 'a successful Retry removes the journal entry');
      assert.deepEqual(inspectJournal(box.journal, box.files), [], 'no recovery is offered afterwards');
    });
  }

  it('the Retry of the retire step fails with a 5xx: IAM is asked ("still active"), retryable, the journal entry stays', async () => {
    const outcome = await rotateWith(env.emulator, box, { retire: fault({ action: 'UpdateAccessKey', error: 'AccessDenied' }) });
    assert.equal(outcome.error?.state, 'partial');
    env.emulator.clearFaults();
    env.emulator.injectFault({ action: 'UpdateAccessKey', error: 'ServiceUnavailable' });
    const again = await retireOldKey(outcome.error!.retry!, fastDeps(box, { clientOptions: { requestTimeoutMs: 300, maxAttempts: 1 } })).then(
      () => assert.fail('the retry should fail'),
      (e: unknown) => e as LifecycleError,
    );
    assert.ok(again instanceof LifecycleError);
    assert.equal(again.state, 'partial');
    assert.match(again.message, /failed again \(ServiceUnavailable.*It is still active: IAM lists it as active/);
    assert.deepEqual(again.retry, outcome.error!.retry);
    assert.equal(box.journal.entries().length, 1, 'the entry stays until the old key is retired');
  });

  it('after a successful Retry, the next rotation of the profile is not refused', async () => {
    const outcome = await rotateWith(env.emulator, box, { retire: fault({ action: 'UpdateAccessKey', error: 'AccessDenied' }) });
    env.emulator.clearFaults();
    await retireOldKey(outcome.error!.retry!, fastDeps(box));
    const next = await rotateWith(env.emulator, box, {});
    assert.equal(next.error, undefined, next.error?.message);
  });

  it('Finish Interrupted Rotation refuses to retire the old key when it was put back into the file meanwhile', async () => {
    const outcome = await rotateWith(env.emulator, box, { retire: fault({ action: 'UpdateAccessKey', error: 'AccessDenied' }) });
    env.emulator.clearFaults();
    const newId = fileKey(box.credentialsFile, 'work').id;
    const [interrupted] = inspectJournal(box.journal, box.files);
    assert.equal(interrupted.action, 'finish');
    // While the confirmation is open, the user puts the old key back.
    fs.writeFileSync(box.credentialsFile, original);
    await assert.rejects(finishInterruptedRotation(interrupted, box.journal, fastDeps(box)), (e: unknown) => {
      assert.ok(e instanceof LifecycleError);
      assert.match(e.message, /Profile "work" holds the old key AKIA\*+\w{4} again.*not retired/);
      assertNoSecrets(e.message, outcome.secrets);
      return true;
    });
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Active`, `${newId}:Active`], 'the old key (the profile\'s only key now) is still active');
    await assertFileKeyWorks(env.emulator, box.credentialsFile, 'work', 'alice');
    assert.equal(inspectJournal(box.journal, box.files)[0]?.action, 'delete-orphan', 'the entry stays, now recommending to delete the unused new key');
  });
});
