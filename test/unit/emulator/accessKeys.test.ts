/** Contract tests: the IAM access key actions through the real @aws-sdk/client-iam. */
import * as assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  GetAccessKeyLastUsedCommand,
  LimitExceededException,
  ListAccessKeysCommand,
  NoSuchEntityException,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { accountIdFromKeyId } from '../../../src/core/keys';
import { ALICE, credentialsOf, expectAwsError, iamClient, stsClient, useEmulator } from './helpers';

const DAY_MS = 86_400_000;

describe('emulator: access keys', () => {
  const env = useEmulator();

  it('lists the caller\'s own keys without UserName, with Date CreateDate and enum Status', async () => {
    const out = await iamClient(env.emulator, ALICE).send(new ListAccessKeysCommand({}));
    assert.equal(out.IsTruncated, false);
    assert.equal(out.AccessKeyMetadata?.length, 1);
    const [key] = out.AccessKeyMetadata ?? [];
    assert.equal(key.UserName, 'alice');
    assert.equal(key.AccessKeyId, ALICE.accessKeyId);
    assert.equal(key.Status, 'Active');
    assert.ok(key.CreateDate instanceof Date);
    const ageDays = (env.emulator.now().getTime() - key.CreateDate.getTime()) / DAY_MS;
    assert.ok(Math.abs(ageDays - 12) < 0.01, `age ${ageDays}`);
  });

  it('lists another user\'s keys oldest first, inactive ones included', async () => {
    const out = await iamClient(env.emulator).send(new ListAccessKeysCommand({ UserName: 'bob' }));
    assert.deepEqual(out.AccessKeyMetadata?.map((k) => k.Status), ['Active', 'Inactive']);
    const [older, newer] = out.AccessKeyMetadata ?? [];
    assert.ok((older.CreateDate as Date) < (newer.CreateDate as Date));
  });

  it('creates a key whose id encodes the account and whose secret has AWS\'s shape, then refuses a third', async () => {
    const iam = iamClient(env.emulator);
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    const created = credentialsOf(AccessKey);
    assert.ok(AccessKey);
    assert.match(created.accessKeyId, /^AKIA[A-Z2-7]{16}$/);
    assert.equal(accountIdFromKeyId(created.accessKeyId), '111122223333');
    assert.match(created.secretAccessKey, /^[A-Za-z0-9+/]{40}$/);
    assert.equal(AccessKey.Status, 'Active');
    assert.equal(AccessKey.UserName, 'alice');
    assert.ok(AccessKey.CreateDate instanceof Date);
    assert.ok(Math.abs(AccessKey.CreateDate.getTime() - Date.now()) < 5000);
    const error = await expectAwsError(iam.send(new CreateAccessKeyCommand({ UserName: 'alice' })), {
      name: 'LimitExceededException',
      status: 409,
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for AccessKeysPerUser: 2',
    });
    assert.ok(error instanceof LimitExceededException);
    // The new key works at once (no consistency delay configured) and identifies alice.
    const who = await stsClient(env.emulator, created).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, 'arn:aws:iam::111122223333:user/alice');
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: created.accessKeyId }));
    assert.deepEqual(env.emulator.accessKeys('alice').map((k) => k.accessKeyId), [ALICE.accessKeyId]);
  });

  it('deactivates and reactivates a key; an inactive key cannot sign requests', async () => {
    const admin = iamClient(env.emulator);
    const created = credentialsOf((await admin.send(new CreateAccessKeyCommand({ UserName: 'dan' }))).AccessKey);
    await admin.send(new UpdateAccessKeyCommand({ UserName: 'dan', AccessKeyId: created.accessKeyId, Status: 'Inactive' }));
    assert.equal(env.emulator.accessKeys('dan').find((k) => k.accessKeyId === created.accessKeyId)?.status, 'Inactive');
    await expectAwsError(stsClient(env.emulator, created).send(new GetCallerIdentityCommand({})), { name: 'InvalidClientTokenId', status: 403 });
    await admin.send(new UpdateAccessKeyCommand({ UserName: 'dan', AccessKeyId: created.accessKeyId, Status: 'Active' }));
    const who = await stsClient(env.emulator, created).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, 'arn:aws:iam::111122223333:user/dan');
    await admin.send(new DeleteAccessKeyCommand({ UserName: 'dan', AccessKeyId: created.accessKeyId }));
    await expectAwsError(stsClient(env.emulator, created).send(new GetCallerIdentityCommand({})), {
      name: 'InvalidClientTokenId',
      status: 403,
      message: 'The security token included in the request is invalid.',
    });
  });

  it('rejects a Status other than Active or Inactive with ValidationError', async () => {
    await expectAwsError(
      iamClient(env.emulator).send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: ALICE.accessKeyId, Status: 'Disabled' as 'Active' })),
      { name: 'ValidationError', status: 400, message: /Member must satisfy enum value set: \[Active, Inactive\]/ },
    );
  });

  it('answers NoSuchEntity for unknown users and keys, and for a key of another user', async () => {
    const iam = iamClient(env.emulator);
    const noUser = await expectAwsError(iam.send(new ListAccessKeysCommand({ UserName: 'nobody' })), {
      name: 'NoSuchEntityException',
      status: 404,
      code: 'NoSuchEntity',
      message: 'The user with name nobody cannot be found.',
    });
    assert.ok(noUser instanceof NoSuchEntityException);
    await expectAwsError(iam.send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: 'AKIAXAAAAAAAAAANOKEY' })), {
      name: 'NoSuchEntityException',
      status: 404,
      message: 'The Access Key with id AKIAXAAAAAAAAAANOKEY cannot be found.',
    });
    await expectAwsError(iam.send(new UpdateAccessKeyCommand({ UserName: 'bob', AccessKeyId: ALICE.accessKeyId, Status: 'Inactive' })), {
      name: 'NoSuchEntityException',
      status: 404,
    });
    assert.equal(env.emulator.accessKeys('alice')[0].status, 'Active');
  });

  it('reports last use: seeded values, N/A and no date when never used, and the caller\'s own calls', async () => {
    const iam = iamClient(env.emulator);
    const seeded = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: ALICE.accessKeyId }));
    assert.equal(seeded.UserName, 'alice');
    assert.equal(seeded.AccessKeyLastUsed?.ServiceName, 's3');
    assert.equal(seeded.AccessKeyLastUsed?.Region, 'eu-west-1');
    assert.ok(seeded.AccessKeyLastUsed?.LastUsedDate instanceof Date);

    const bobKey = env.emulator.accessKeys('bob')[0].accessKeyId;
    const never = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: bobKey }));
    assert.equal(never.UserName, 'bob');
    assert.deepEqual(never.AccessKeyLastUsed, { ServiceName: 'N/A', Region: 'N/A' });

    await stsClient(env.emulator, ALICE, { region: 'ap-southeast-2' }).send(new GetCallerIdentityCommand({}));
    const used = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: ALICE.accessKeyId }));
    assert.equal(used.AccessKeyLastUsed?.ServiceName, 'sts');
    assert.equal(used.AccessKeyLastUsed?.Region, 'ap-southeast-2');
    assert.ok(Math.abs((used.AccessKeyLastUsed?.LastUsedDate as Date).getTime() - Date.now()) < 5000);

    await expectAwsError(iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIAXAAAAAAAAAANOKEY' })), { name: 'NoSuchEntityException', status: 404 });
  });

  it('answers ValidationError when a required parameter is missing', async () => {
    await expectAwsError(iamClient(env.emulator).send(new DeleteAccessKeyCommand({ AccessKeyId: '' })), {
      name: 'ValidationError',
      status: 400,
      message: /Value null at 'accessKeyId' failed to satisfy constraint: Member must not be null/,
    });
  });
});
