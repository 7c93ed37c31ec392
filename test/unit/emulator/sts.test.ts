/** Contract tests: GetCallerIdentity and GetSessionToken through @aws-sdk/client-sts. */
import * as assert from 'node:assert/strict';
import { ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { accountIdFromKeyId } from '../../../src/core/keys';
import { ALICE, credentialsOf, DAN, expectAwsError, iamClient, stsClient, useEmulator } from './helpers';

describe('emulator: STS', () => {
  const env = useEmulator();

  it('GetCallerIdentity names the caller\'s user id, account and ARN', async () => {
    const out = await stsClient(env.emulator, ALICE).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, '111122223333');
    assert.equal(out.Arn, 'arn:aws:iam::111122223333:user/alice');
    assert.equal(out.UserId, env.emulator.users().find((u) => u.userName === 'alice')?.userId);
  });

  it('GetSessionToken returns ASIA credentials with a token and a Date expiration (12 h by default)', async () => {
    const { Credentials } = await stsClient(env.emulator, ALICE).send(new GetSessionTokenCommand({}));
    assert.ok(Credentials);
    const session = credentialsOf(Credentials);
    assert.match(session.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
    assert.equal(accountIdFromKeyId(session.accessKeyId), '111122223333');
    assert.match(session.secretAccessKey, /^[A-Za-z0-9+/]{40}$/);
    assert.match(session.sessionToken as string, /^IQoJb3JpZ2luX2Vj[A-Za-z0-9+/=]{200,}$/);
    assert.ok(Credentials.Expiration instanceof Date);
    const hours = (Credentials.Expiration.getTime() - Date.now()) / 3_600_000;
    assert.ok(Math.abs(hours - 12) < 0.01, `expires in ${hours} h`);
    assert.deepEqual(env.emulator.snapshot().sessions.map((s) => [s.userName, s.mfaAuthenticated]), [['alice', false]]);
  });

  it('validates DurationSeconds (900 to 129600)', async () => {
    const sts = stsClient(env.emulator, ALICE);
    await expectAwsError(sts.send(new GetSessionTokenCommand({ DurationSeconds: 60 })), {
      name: 'ValidationError',
      status: 400,
      message: /Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900/,
    });
    await expectAwsError(sts.send(new GetSessionTokenCommand({ DurationSeconds: 200000 })), { name: 'ValidationError', status: 400 });
  });

  it('refuses GetSessionToken with session credentials', async () => {
    const session = credentialsOf((await stsClient(env.emulator, ALICE).send(new GetSessionTokenCommand({}))).Credentials);
    await expectAwsError(stsClient(env.emulator, session).send(new GetSessionTokenCommand({})), {
      name: 'AccessDenied',
      status: 403,
      message: 'Cannot call GetSessionToken with session credentials',
    });
  });

  it('refuses IAM calls made with a session that has no MFA, as AWS does', async () => {
    const session = credentialsOf((await stsClient(env.emulator, DAN).send(new GetSessionTokenCommand({}))).Credentials);
    await expectAwsError(iamClient(env.emulator, session).send(new ListAccessKeysCommand({})), { name: 'InvalidClientTokenId', status: 403 });
  });
});
