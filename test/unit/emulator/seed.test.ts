/** Seeds: validation with useful messages, the demo account, and ids that decode to the account. */
import * as assert from 'node:assert/strict';
import { GetAccessKeyLastUsedCommand, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { accountIdFromKeyId, isAccessKeyId } from '../../../src/core/keys';
import { accountEncodedId, Emulator, parseSeed, startEmulator } from '../../../tools/emulator';
import { expectAwsError, iamClient, stsClient } from './helpers';

const DAY_MS = 86_400_000;

describe('emulator: seeds', () => {
  it('generates key ids that decode to any account id and never start like older keys (I/J)', () => {
    for (const account of ['000000000001', '111122223333', '123456789012', '999999999999']) {
      for (let i = 0; i < 20; i++) {
        const id = accountEncodedId('AKIA', account);
        assert.ok(isAccessKeyId(id), id);
        assert.equal(accountIdFromKeyId(id), account);
        assert.ok(!'IJ'.includes(id[4]));
      }
    }
  });

  it('reports the path of an invalid field', () => {
    assert.throws(() => parseSeed({ users: [{ name: 'a', keys: [{ status: 'Enabled' }] }] }), /seed\.users\[0\]\.keys\[0\]\.status: expected Active or Inactive/);
    assert.throws(() => parseSeed({ users: [{ name: 'a', keys: [{ id: 'AKIA123' }] }] }), /keys\[0\]\.id: expected AKIA and 16 base32/);
    assert.throws(() => parseSeed({ users: [{ name: 'a', polcy: {} }] }), /users\[0\]\.polcy: unknown field/);
    assert.throws(() => parseSeed({ accountId: '12345', users: [] }), /accountId: expected 12 digits/);
    assert.throws(() => parseSeed({ users: [{ name: 'a', mfaDevices: [{ totpSecret: 'not base32!' }] }] }), /totpSecret: expected base32/);
    assert.throws(() => parseSeed({ users: [], faults: [{ action: 'X' }] }), /faults\[0\]: A fault needs/);
    assert.throws(() => parseSeed({ users: [{ name: 'a', keys: [{ lastUsed: { daysAgo: 1 } }] }] }), /lastUsed\.service: expected a service name/);
  });

  it('adds an administrator with a fresh key when the seed marks none', async () => {
    const emulator = await startEmulator({ seed: { users: [{ name: 'solo' }] } });
    try {
      assert.equal(emulator.admin.userName, 'emulator-admin');
      const who = await stsClient(emulator).send(new GetCallerIdentityCommand({}));
      assert.equal(who.Arn, 'arn:aws:iam::123456789012:user/emulator-admin');
    } finally {
      await emulator.close();
    }
  });

  describe('the demo seed', () => {
    let emulator: Emulator;
    before(async () => {
      emulator = await startEmulator();
    });
    after(() => emulator.close());

    const ageInDays = (date: Date) => Math.round((emulator.now().getTime() - date.getTime()) / DAY_MS);

    it('has keys 12, 95 and 400 days old, a user with two keys and an inactive key', () => {
      const ages = new Map(emulator.users().map((u) => [u.userName, u.accessKeys.map((k) => ageInDays(k.createDate))]));
      assert.deepEqual(ages.get('alice'), [12]);
      assert.deepEqual(ages.get('bob'), [95]);
      assert.deepEqual(ages.get('carol'), [400]);
      assert.equal(ages.get('dave')?.length, 2);
      const statuses = emulator.users().flatMap((u) => u.accessKeys.map((k) => k.status));
      assert.ok(statuses.includes('Inactive'));
    });

    it('has an MFA-protected user and a denied user, and its admin is the first stdout line\'s', async () => {
      const users = new Map(emulator.users().map((u) => [u.userName, u]));
      assert.equal(users.get('erin')?.policy.requireMfa, true);
      assert.equal(users.get('erin')?.mfaDevices.length, 1);
      assert.ok(users.get('frank')?.policy.denyActions.includes('iam:CreateAccessKey'));
      assert.equal(emulator.admin.userName, 'admin');
      assert.equal(emulator.admin.accessKeyId, 'AKIARZPUZDIKN3ARQJVJ');
      assert.equal(accountIdFromKeyId(emulator.admin.accessKeyId), '123456789012');
    });

    it('serves its seeded last-use data and policies through the SDK', async () => {
      const iam = iamClient(emulator);
      const carol = emulator.accessKeys('carol')[0].accessKeyId;
      assert.deepEqual((await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: carol }))).AccessKeyLastUsed, { ServiceName: 'N/A', Region: 'N/A' });
      const erinKey = emulator.accessKeys('erin')[0].accessKeyId;
      const erin = { accessKeyId: erinKey, secretAccessKey: emulator.state.keys.get(erinKey)?.secretAccessKey as string };
      await expectAwsError(iamClient(emulator, erin).send(new ListAccessKeysCommand({})), { name: 'AccessDenied', status: 403 });
    });
  });
});
