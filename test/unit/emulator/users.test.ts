/** Contract tests: GetUser, CreateUser and ListMFADevices through @aws-sdk/client-iam. */
import * as assert from 'node:assert/strict';
import { CreateUserCommand, EntityAlreadyExistsException, GetUserCommand, ListAccessKeysCommand, ListMFADevicesCommand } from '@aws-sdk/client-iam';
import { ALICE, CAROL_MFA_SERIAL, expectAwsError, iamClient, useEmulator } from './helpers';

describe('emulator: users and MFA devices', () => {
  const env = useEmulator();

  it('GetUser without UserName describes the caller', async () => {
    const { User } = await iamClient(env.emulator, ALICE).send(new GetUserCommand({}));
    assert.ok(User);
    assert.equal(User.UserName, 'alice');
    assert.equal(User.Path, '/');
    assert.equal(User.Arn, 'arn:aws:iam::111122223333:user/alice');
    assert.match(User.UserId ?? '', /^AIDA[A-Z2-7]{17}$/);
    assert.ok(User.CreateDate instanceof Date);
    assert.equal(User.PasswordLastUsed, undefined);
  });

  it('GetUser with UserName describes that user, NoSuchEntity for an unknown one', async () => {
    const iam = iamClient(env.emulator);
    const { User } = await iam.send(new GetUserCommand({ UserName: 'bob' }));
    assert.equal(User?.UserName, 'bob');
    await expectAwsError(iam.send(new GetUserCommand({ UserName: 'zoe' })), { name: 'NoSuchEntityException', status: 404, message: 'The user with name zoe cannot be found.' });
    // Text from the request is escaped in the XML, so the SDK reads it back unchanged.
    await expectAwsError(iam.send(new GetUserCommand({ UserName: 'a&b<c>' })), { name: 'NoSuchEntityException', status: 404, message: 'The user with name a&b<c> cannot be found.' });
  });

  it('CreateUser makes a user with a path and no keys; a taken name gives EntityAlreadyExists', async () => {
    const iam = iamClient(env.emulator);
    const { User } = await iam.send(new CreateUserCommand({ UserName: 'ci-deployer', Path: '/automation/' }));
    assert.equal(User?.Arn, 'arn:aws:iam::111122223333:user/automation/ci-deployer');
    assert.equal(User?.Path, '/automation/');
    assert.ok(User?.CreateDate instanceof Date);
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: 'ci-deployer' }));
    assert.deepEqual(keys.AccessKeyMetadata, []);
    const error = await expectAwsError(iam.send(new CreateUserCommand({ UserName: 'CI-Deployer' })), {
      name: 'EntityAlreadyExistsException',
      status: 409,
      message: 'User with name CI-Deployer already exists.',
    });
    assert.ok(error instanceof EntityAlreadyExistsException);
  });

  it('ListMFADevices lists the seeded device with its EnableDate, and none for a user without one', async () => {
    const iam = iamClient(env.emulator);
    const carol = await iam.send(new ListMFADevicesCommand({ UserName: 'carol' }));
    assert.equal(carol.IsTruncated, false);
    assert.equal(carol.MFADevices?.length, 1);
    const [device] = carol.MFADevices ?? [];
    assert.equal(device.SerialNumber, CAROL_MFA_SERIAL);
    assert.equal(device.UserName, 'carol');
    assert.ok(device.EnableDate instanceof Date);
    const days = (Date.now() - device.EnableDate.getTime()) / 86_400_000;
    assert.ok(Math.abs(days - 10) < 0.01);
    const alice = await iamClient(env.emulator, ALICE).send(new ListMFADevicesCommand({}));
    assert.deepEqual(alice.MFADevices, []);
  });
});
