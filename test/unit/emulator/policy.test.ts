/** Contract tests: the per-user policy switches (denied actions, own user only, MFA required). */
import * as assert from 'node:assert/strict';
import { CreateAccessKeyCommand, DeleteAccessKeyCommand, ListAccessKeysCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { Secret, TOTP } from 'otpauth';
import { ALICE, CAROL, CAROL_MFA_SERIAL, CAROL_TOTP_SECRET, credentialsOf, DAN, expectAwsError, iamClient, stsClient, useEmulator } from './helpers';

function carolCode(offsetSteps = 0): string {
  return TOTP.generate({ secret: Secret.fromBase32(CAROL_TOTP_SECRET), timestamp: Date.now() + offsetSteps * 30_000 });
}

describe('emulator: policies', () => {
  const env = useEmulator();

  it('denies a listed action with AWS\'s AccessDenied message', async () => {
    await expectAwsError(iamClient(env.emulator, DAN).send(new CreateAccessKeyCommand({})), {
      name: 'AccessDenied',
      status: 403,
      code: 'AccessDenied',
      message:
        'User: arn:aws:iam::111122223333:user/dan is not authorized to perform: iam:CreateAccessKey on resource: user dan because no identity-based policy allows the iam:CreateAccessKey action',
    });
    assert.equal(env.emulator.accessKeys('dan').length, 1);
  });

  it('matches denied actions by glob and allows the rest', async () => {
    const iam = iamClient(env.emulator, DAN);
    await expectAwsError(iam.send(new DeleteAccessKeyCommand({ AccessKeyId: DAN.accessKeyId })), { name: 'AccessDenied', status: 403, message: /iam:DeleteAccessKey/ });
    const listed = await iam.send(new ListAccessKeysCommand({}));
    assert.equal(listed.AccessKeyMetadata?.[0].AccessKeyId, DAN.accessKeyId);
    // GetCallerIdentity needs no permission.
    assert.equal((await stsClient(env.emulator, DAN).send(new GetCallerIdentityCommand({}))).Arn, 'arn:aws:iam::111122223333:user/dan');
  });

  it('keeps a self-only user to its own keys, before revealing whether the other user exists', async () => {
    const iam = iamClient(env.emulator, ALICE);
    await expectAwsError(iam.send(new ListAccessKeysCommand({ UserName: 'bob' })), {
      name: 'AccessDenied',
      status: 403,
      message: /^User: arn:aws:iam::111122223333:user\/alice is not authorized to perform: iam:ListAccessKeys on resource: user bob /,
    });
    await expectAwsError(iam.send(new ListAccessKeysCommand({ UserName: 'nobody' })), { name: 'AccessDenied', status: 403 });
    assert.equal((await iam.send(new ListAccessKeysCommand({ UserName: 'alice' }))).AccessKeyMetadata?.length, 1);
  });

  it('requires MFA for IAM: the long-term key and a session without MFA are refused', async () => {
    await expectAwsError(iamClient(env.emulator, CAROL).send(new ListAccessKeysCommand({})), {
      name: 'AccessDenied',
      status: 403,
      message:
        'User: arn:aws:iam::111122223333:user/carol is not authorized to perform: iam:ListAccessKeys on resource: user carol with an explicit deny in an identity-based policy',
    });
    const plain = credentialsOf((await stsClient(env.emulator, CAROL).send(new GetSessionTokenCommand({}))).Credentials);
    await expectAwsError(iamClient(env.emulator, plain).send(new UpdateAccessKeyCommand({ AccessKeyId: CAROL.accessKeyId, Status: 'Inactive' })), {
      name: 'InvalidClientTokenId',
      status: 403,
    });
    assert.equal(env.emulator.accessKeys('carol')[0].status, 'Active');
  });

  it('allows IAM with a session obtained with the device serial and a valid TOTP code', async () => {
    const { Credentials } = await stsClient(env.emulator, CAROL).send(
      new GetSessionTokenCommand({ SerialNumber: CAROL_MFA_SERIAL, TokenCode: carolCode(), DurationSeconds: 3600 }),
    );
    const session = credentialsOf(Credentials);
    const iam = iamClient(env.emulator, session);
    const created = credentialsOf((await iam.send(new CreateAccessKeyCommand({}))).AccessKey);
    assert.deepEqual(env.emulator.accessKeys('carol').map((k) => k.accessKeyId).sort(), [CAROL.accessKeyId, created.accessKeyId].sort());
    await iam.send(new DeleteAccessKeyCommand({ AccessKeyId: CAROL.accessKeyId }));
    assert.deepEqual(env.emulator.accessKeys('carol').map((k) => k.accessKeyId), [created.accessKeyId]);
    // The session outlives the key that requested it.
    assert.equal((await iam.send(new ListAccessKeysCommand({}))).AccessKeyMetadata?.length, 1);
    assert.equal(env.emulator.snapshot().sessions[0].mfaAuthenticated, true);
  });

  it('refuses a wrong code or a serial that is not the user\'s with AWS\'s MFA messages', async () => {
    const sts = stsClient(env.emulator, CAROL);
    const wrong = String((Number(carolCode()) + 1) % 1_000_000).padStart(6, '0');
    const stale = carolCode(-10);
    for (const code of [wrong, stale]) {
      await expectAwsError(sts.send(new GetSessionTokenCommand({ SerialNumber: CAROL_MFA_SERIAL, TokenCode: code })), {
        name: 'AccessDenied',
        status: 403,
        message: /^MultiFactorAuthentication failed with invalid MFA one time pass code/,
      });
    }
    await expectAwsError(stsClient(env.emulator, ALICE).send(new GetSessionTokenCommand({ SerialNumber: CAROL_MFA_SERIAL, TokenCode: carolCode() })), {
      name: 'AccessDenied',
      status: 403,
      message: /^MultiFactorAuthentication failed, unable to validate MFA code/,
    });
    assert.equal(env.emulator.snapshot().sessions.length, 0);
  });

  it('gives the current code through the in-process helper', () => {
    const code = env.emulator.mfaCode(CAROL_MFA_SERIAL);
    // Read ours second: if a 30 s step ended in between, the emulator's is the previous step's code.
    assert.ok([carolCode(), carolCode(-1)].includes(code), code);
    assert.throws(() => env.emulator.mfaCode('arn:aws:iam::111122223333:mfa/nobody'), /No MFA device/);
  });
});
