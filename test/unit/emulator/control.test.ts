/** The control endpoint under /_emulator/: JSON for the demo and child-process tests. */
import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import { ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ALICE, CAROL_MFA_SERIAL, expectAwsError, iamClient, stsClient, useEmulator } from './helpers';
import { control, rawRequest } from './raw';

interface StateJson {
  accountId: string;
  now: string;
  users: { userName: string; accessKeys: { accessKeyId: string; createDate: string; status: string }[] }[];
}

describe('emulator: control endpoint', () => {
  const env = useEmulator();

  it('GET /_emulator/state lists users and keys with ISO dates and no secrets', async () => {
    const { status, json } = await control(env.emulator.url, 'GET', '/_emulator/state');
    assert.equal(status, 200);
    const state = json as StateJson;
    assert.equal(state.accountId, '111122223333');
    assert.deepEqual(state.users.map((u) => u.userName), ['root-admin', 'alice', 'bob', 'carol', 'dan']);
    assert.match(state.users[1].accessKeys[0].createDate, /^\d{4}-\d\d-\d\dT/);
    const text = JSON.stringify(json);
    assert.ok(!text.includes(ALICE.secretAccessKey), 'no secret in the state dump');
    assert.ok(!text.includes(env.emulator.admin.secretAccessKey));
  });

  it('POST /_emulator/faults injects a fault that the SDK then meets; DELETE clears it', async () => {
    const added = await control(env.emulator.url, 'POST', '/_emulator/faults', { action: 'ListAccessKeys', error: 'Throttling', count: 5 });
    assert.equal(added.status, 200);
    assert.deepEqual(added.json, [{ action: 'ListAccessKeys', error: 'Throttling', count: 5 }]);
    await expectAwsError(iamClient(env.emulator, ALICE).send(new ListAccessKeysCommand({})), { name: 'Throttling', status: 400 });
    assert.deepEqual((await control(env.emulator.url, 'DELETE', '/_emulator/faults')).json, []);
    assert.equal((await iamClient(env.emulator, ALICE).send(new ListAccessKeysCommand({}))).AccessKeyMetadata?.length, 1);
  });

  it('answers 400 for a bad fault or body and 404 for an unknown route', async () => {
    const bad = await control(env.emulator.url, 'POST', '/_emulator/faults', { action: 'ListAccessKeys', eror: 'Throttling' });
    assert.equal(bad.status, 400);
    assert.match((bad.json as { error: string }).error, /Unknown fault field "eror"/);
    const notJson = await rawRequest(env.emulator.url, { path: '/_emulator/clock', body: '{not json' });
    assert.equal(notJson.status, 400);
    const unknown = await control(env.emulator.url, 'GET', '/_emulator/nothing');
    assert.equal(unknown.status, 404);
  });

  it('POST /_emulator/consistency and /_emulator/clock steer propagation and time', async () => {
    assert.equal((await control(env.emulator.url, 'POST', '/_emulator/consistency', { delayMs: 1234 })).status, 200);
    assert.equal(env.emulator.consistencyDelayMs, 1234);
    const set = await control(env.emulator.url, 'POST', '/_emulator/clock', { now: '2030-01-01T00:00:00Z' });
    assert.match((set.json as { now: string }).now, /^2030-01-01T00:00:0/);
    const advanced = await control(env.emulator.url, 'POST', '/_emulator/clock', { advanceMs: 86_400_000 });
    assert.match((advanced.json as { now: string }).now, /^2030-01-02T00:00:0/);
    // Key ages now count from 2030: alice's 12-day-old key is years old.
    const [key] = (await iamClient(env.emulator, ALICE).send(new ListAccessKeysCommand({}))).AccessKeyMetadata ?? [];
    assert.ok(env.emulator.now().getTime() - (key.CreateDate as Date).getTime() > 365 * 86_400_000);
  });

  it('POST /_emulator/users adds a user whose returned credentials work; reset removes it', async () => {
    const { status, json } = await control(env.emulator.url, 'POST', '/_emulator/users', { name: 'zoe', keys: [{ ageDays: 3 }] });
    assert.equal(status, 200);
    const zoe = json as { userName: string; accessKeyId: string; secretAccessKey: string };
    assert.equal(zoe.userName, 'zoe');
    assert.equal((await stsClient(env.emulator, zoe).send(new GetCallerIdentityCommand({}))).Arn, 'arn:aws:iam::111122223333:user/zoe');
    assert.equal((await control(env.emulator.url, 'POST', '/_emulator/reset')).status, 200);
    await expectAwsError(stsClient(env.emulator, zoe).send(new GetCallerIdentityCommand({})), { name: 'InvalidClientTokenId', status: 403 });
    // The admin's credentials survive a reset.
    assert.equal((await stsClient(env.emulator).send(new GetCallerIdentityCommand({}))).Arn, 'arn:aws:iam::111122223333:user/root-admin');
  });

  it('GET /_emulator/mfa-code gives a device\'s current code and /_emulator/calls the call log', async () => {
    const code = await control(env.emulator.url, 'GET', `/_emulator/mfa-code?serial=${encodeURIComponent(CAROL_MFA_SERIAL)}`);
    assert.match((code.json as { code: string }).code, /^\d{6}$/);
    await stsClient(env.emulator, ALICE).send(new GetCallerIdentityCommand({}));
    const calls = (await control(env.emulator.url, 'GET', '/_emulator/calls')).json as { action: string; userName: string; status: number }[];
    assert.deepEqual(calls.map((c) => [c.action, c.userName, c.status]), [['GetCallerIdentity', 'alice', 200]]);
  });

  it('survives a client that aborts in the middle of a request body', async () => {
    const url = new URL(env.emulator.url);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    await new Promise<void>((resolve) => {
      const req = request({ host: url.hostname, port: url.port, method: 'POST', path: '/', headers: { 'content-length': '1000' } });
      req.on('error', () => resolve());
      req.write('Action=GetCallerIdentity', () => setTimeout(() => {
        req.destroy();
        resolve();
      }, 20));
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    process.off('unhandledRejection', onUnhandled);
    assert.deepEqual(unhandled, []);
    assert.equal((await stsClient(env.emulator, ALICE).send(new GetCallerIdentityCommand({}))).Account, '111122223333');
  });
});
