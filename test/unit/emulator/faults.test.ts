/** Contract tests: injected faults and eventual consistency, as the SDK's retry and timeout logic sees them. */
import * as assert from 'node:assert/strict';
import { CreateAccessKeyCommand, ListAccessKeysCommand, ServiceFailureException } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startEmulator } from '../../../tools/emulator';
import { ALICE, credentialsOf, expectAwsError, iamClient, stsClient, testSeed, useEmulator } from './helpers';

describe('emulator: faults', () => {
  const env = useEmulator();

  it('fails the next N calls of an action with the given error, then recovers', async () => {
    env.emulator.injectFault({ action: 'ListAccessKeys', error: 'ServiceFailure', count: 2 });
    const iam = iamClient(env.emulator, ALICE);
    for (let i = 0; i < 2; i++) {
      const error = await expectAwsError(iam.send(new ListAccessKeysCommand({})), { name: 'ServiceFailureException', status: 500 });
      assert.ok(error instanceof ServiceFailureException);
    }
    assert.equal((await iam.send(new ListAccessKeysCommand({}))).AccessKeyMetadata?.length, 1);
    assert.deepEqual(env.emulator.faults.list(), []);
  });

  it('leaves other actions alone and applies "*" to every action', async () => {
    env.emulator.injectFault({ action: 'CreateAccessKey', error: 'EntityTemporarilyUnmodifiable' });
    assert.equal((await stsClient(env.emulator, ALICE).send(new GetCallerIdentityCommand({}))).Account, '111122223333');
    await expectAwsError(iamClient(env.emulator).send(new CreateAccessKeyCommand({ UserName: 'alice' })), {
      name: 'EntityTemporarilyUnmodifiableException',
      status: 409,
    });
    env.emulator.clearFaults();
    env.emulator.injectFault({ action: '*', error: 'AccessDenied', count: 1, message: 'Injected denial' });
    await expectAwsError(stsClient(env.emulator, ALICE).send(new GetCallerIdentityCommand({})), { name: 'AccessDenied', status: 403, message: 'Injected denial' });
    assert.equal((await stsClient(env.emulator, ALICE).send(new GetCallerIdentityCommand({}))).Account, '111122223333');
  });

  it('answers HTTP 500 InternalFailure, which the SDK retries', async () => {
    env.emulator.injectFault({ action: 'GetCallerIdentity', error: 'InternalFailure', count: 1 });
    const out = await stsClient(env.emulator, ALICE, { maxAttempts: 2 }).send(new GetCallerIdentityCommand({}));
    assert.equal(out.$metadata.attempts, 2);
    assert.deepEqual(env.emulator.calls().map((c) => [c.action, c.status, c.errorCode]), [
      ['GetCallerIdentity', 500, 'InternalFailure'],
      ['GetCallerIdentity', 200, undefined],
    ]);
  });

  it('answers 503 ServiceUnavailable and 400 Throttling, which the SDK retries, and gives up after maxAttempts', async () => {
    env.emulator.injectFault({ action: 'ListAccessKeys', error: 'Throttling', count: 1 });
    const out = await iamClient(env.emulator, ALICE, { maxAttempts: 2 }).send(new ListAccessKeysCommand({}));
    assert.equal(out.$metadata.attempts, 2);
    env.emulator.injectFault({ action: 'ListAccessKeys', error: 'ServiceUnavailable', count: 3 });
    const error = await expectAwsError(iamClient(env.emulator, ALICE, { maxAttempts: 2 }).send(new ListAccessKeysCommand({})), {
      name: 'ServiceUnavailable',
      status: 503,
    });
    assert.equal(error.$metadata.attempts, 2);
    assert.equal(env.emulator.faults.list()[0].count, 1);
  });

  it('the SDK treats IAM\'s LimitExceeded as throttling and retries it (rotation code should expect that)', async () => {
    const iam = iamClient(env.emulator, undefined, { maxAttempts: 2 });
    await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    const error = await expectAwsError(iam.send(new CreateAccessKeyCommand({ UserName: 'alice' })), { name: 'LimitExceededException', status: 409 });
    assert.equal(error.$metadata.attempts, 2);
  });

  it('adds latency to a call', async () => {
    env.emulator.injectFault({ action: 'GetCallerIdentity', latencyMs: 300, count: 1 });
    const sts = stsClient(env.emulator, ALICE);
    const started = Date.now();
    await sts.send(new GetCallerIdentityCommand({}));
    assert.ok(Date.now() - started >= 290, `took ${Date.now() - started} ms`);
    const again = Date.now();
    await sts.send(new GetCallerIdentityCommand({}));
    assert.ok(Date.now() - again < 250);
  });

  it('hangs a call past the client\'s timeout', async () => {
    env.emulator.injectFault({ action: 'ListAccessKeys', hang: true, count: 1 });
    const started = Date.now();
    await assert.rejects(iamClient(env.emulator, ALICE, { requestTimeout: 300 }).send(new ListAccessKeysCommand({})), (error: Error) => {
      assert.equal(error.name, 'TimeoutError');
      return true;
    });
    assert.ok(Date.now() - started < 5000);
    assert.equal(env.emulator.calls()[0].errorCode, 'Hang');
    assert.equal((await iamClient(env.emulator, ALICE).send(new ListAccessKeysCommand({}))).AccessKeyMetadata?.length, 1);
  });

  it('rejects a new key with InvalidClientTokenId until the consistency delay has passed', async () => {
    env.emulator.setConsistencyDelay(400);
    const created = credentialsOf((await iamClient(env.emulator).send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey);
    assert.ok(env.emulator.accessKeys('alice').find((k) => k.accessKeyId === created.accessKeyId)?.usableFrom instanceof Date);
    await expectAwsError(stsClient(env.emulator, created).send(new GetCallerIdentityCommand({})), { name: 'InvalidClientTokenId', status: 403 });
    // The key is listed at once, only authentication lags.
    assert.equal(env.emulator.accessKeys('alice').length, 2);
    await new Promise((resolve) => setTimeout(resolve, 450));
    assert.equal((await stsClient(env.emulator, created).send(new GetCallerIdentityCommand({}))).Arn, 'arn:aws:iam::111122223333:user/alice');
    // Seeded keys are not affected by the delay.
    assert.equal((await stsClient(env.emulator, ALICE).send(new GetCallerIdentityCommand({}))).Account, '111122223333');
  });

  it('takes faults and the consistency delay from the seed', async () => {
    const emulator = await startEmulator({
      seed: { ...testSeed(), consistencyDelayMs: 60_000, faults: [{ action: 'GetCallerIdentity', error: 'Throttling', count: 1 }] },
    });
    try {
      await expectAwsError(stsClient(emulator, ALICE).send(new GetCallerIdentityCommand({})), { name: 'Throttling', status: 400, message: 'Rate exceeded' });
      const created = credentialsOf((await iamClient(emulator).send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey);
      await expectAwsError(stsClient(emulator, created).send(new GetCallerIdentityCommand({})), { name: 'InvalidClientTokenId', status: 403 });
      emulator.advanceClock(60_000);
      assert.equal((await stsClient(emulator, created).send(new GetCallerIdentityCommand({}))).Account, '111122223333');
    } finally {
      await emulator.close();
    }
  });

  it('refuses a fault that could never fire', () => {
    assert.throws(() => env.emulator.injectFault({ action: 'ListAccessKeys' }), /needs "error", "latencyMs" or "hang"/);
    assert.throws(() => env.emulator.injectFault({ action: 'ListAccessKeys', error: 'Throttling', count: 0 }), /"count" must be an integer >= 1/);
  });
});
