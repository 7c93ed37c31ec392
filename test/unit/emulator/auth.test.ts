/** Contract tests: SigV4 authentication, session tokens and routing by service. */
import * as assert from 'node:assert/strict';
import { ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { ALICE, credentialsOf, expectAwsError, iamClient, stsClient, useEmulator } from './helpers';
import { rawRequest, signedQuery } from './raw';

const IDENTITY = 'Action=GetCallerIdentity&Version=2011-06-15';

describe('emulator: authentication', () => {
  const env = useEmulator();

  it('accepts a correctly signed request and answers in STS\'s XML with a request id', async () => {
    const response = await signedQuery(env.emulator.url, { service: 'sts', body: IDENTITY, credentials: ALICE });
    assert.equal(response.status, 200);
    assert.match(response.headers['content-type'] as string, /^text\/xml/);
    assert.match(response.body, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<GetCallerIdentityResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><GetCallerIdentityResult>/);
    assert.match(response.body, /<Arn>arn:aws:iam::111122223333:user\/alice<\/Arn>/);
    const requestId = /<RequestId>([0-9a-f-]{36})<\/RequestId>/.exec(response.body)?.[1];
    assert.ok(requestId);
    assert.equal(response.headers['x-amzn-requestid'], requestId);
  });

  it('refuses an unsigned request with MissingAuthenticationToken in AWS\'s error XML', async () => {
    const response = await rawRequest(env.emulator.url, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: IDENTITY });
    assert.equal(response.status, 403);
    assert.match(
      response.body,
      /<ErrorResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code><Message>Request is missing Authentication Token<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>/,
    );
  });

  it('refuses a wrong secret with SignatureDoesNotMatch and an unknown key with InvalidClientTokenId', async () => {
    const wrongSecret = { ...ALICE, secretAccessKey: ALICE.secretAccessKey.replace(/^a/, 'b') };
    await expectAwsError(iamClient(env.emulator, wrongSecret).send(new ListAccessKeysCommand({})), {
      name: 'SignatureDoesNotMatch',
      status: 403,
      message: /^The request signature we calculated does not match the signature you provided/,
    });
    await expectAwsError(stsClient(env.emulator, { accessKeyId: 'AKIAXAAAAAAAAUNKNOWN', secretAccessKey: ALICE.secretAccessKey }).send(new GetCallerIdentityCommand({})), {
      name: 'InvalidClientTokenId',
      status: 403,
    });
    // A refused request is not a use of the key.
    assert.equal(env.emulator.accessKeys('alice')[0].lastUsed?.serviceName, 's3');
  });

  it('refuses an inactive seeded key', async () => {
    const inactive = env.emulator.accessKeys('bob').find((k) => k.status === 'Inactive');
    assert.ok(inactive);
    const secret = env.emulator.state.keys.get(inactive.accessKeyId)?.secretAccessKey as string;
    await expectAwsError(stsClient(env.emulator, { accessKeyId: inactive.accessKeyId, secretAccessKey: secret }).send(new GetCallerIdentityCommand({})), {
      name: 'InvalidClientTokenId',
      status: 403,
    });
  });

  it('refuses a body changed after signing, with or without x-amz-content-sha256', async () => {
    const tamper = (body: string) => body.replace('GetCallerIdentity', 'GetSessionToken');
    for (const applyChecksum of [true, false]) {
      const response = await signedQuery(env.emulator.url, { service: 'sts', body: IDENTITY, credentials: ALICE, tamper, applyChecksum });
      assert.equal(response.status, 403, `applyChecksum ${applyChecksum}`);
      assert.match(response.body, /<Code>SignatureDoesNotMatch<\/Code>/);
    }
    assert.equal(env.emulator.snapshot().sessions.length, 0);
  });

  it('routes by the credential scope: IAM and STS share one port, an action of the other service is unknown', async () => {
    const iamAsSts = await signedQuery(env.emulator.url, { service: 'sts', body: 'Action=ListAccessKeys&Version=2010-05-08', credentials: ALICE });
    assert.equal(iamAsSts.status, 400);
    assert.match(iamAsSts.body, /<Code>InvalidAction<\/Code><Message>Could not find operation ListAccessKeys for version 2010-05-08<\/Message>/);
    const iam = await signedQuery(env.emulator.url, { service: 'iam', body: 'Action=ListAccessKeys&Version=2010-05-08', credentials: ALICE });
    assert.equal(iam.status, 200);
    assert.match(iam.body, /<ListAccessKeysResponse xmlns="https:\/\/iam.amazonaws.com\/doc\/2010-05-08\/"><ListAccessKeysResult><AccessKeyMetadata><member>/);
    const unknownService = await signedQuery(env.emulator.url, { service: 's3', body: IDENTITY, credentials: ALICE });
    assert.equal(unknownService.status, 400);
  });

  it('accepts session credentials with their token, refuses them without it, and reports expiry as ExpiredToken', async () => {
    const { Credentials } = await stsClient(env.emulator, ALICE).send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const session = credentialsOf(Credentials);
    assert.match(session.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
    const who = await stsClient(env.emulator, session).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, 'arn:aws:iam::111122223333:user/alice');

    await expectAwsError(stsClient(env.emulator, { ...session, sessionToken: undefined }).send(new GetCallerIdentityCommand({})), {
      name: 'InvalidClientTokenId',
      status: 403,
    });
    await expectAwsError(stsClient(env.emulator, { ...session, sessionToken: 'IQoJb3JpZ2luX2VjWRONG' }).send(new GetCallerIdentityCommand({})), {
      name: 'InvalidClientTokenId',
      status: 403,
    });
    // A long-term key must not carry a session token.
    await expectAwsError(stsClient(env.emulator, { ...ALICE, sessionToken: session.sessionToken }).send(new GetCallerIdentityCommand({})), {
      name: 'InvalidClientTokenId',
      status: 403,
    });

    env.emulator.advanceClock(901_000);
    await expectAwsError(stsClient(env.emulator, session).send(new GetCallerIdentityCommand({})), {
      name: 'ExpiredToken',
      status: 403,
      message: 'The security token included in the request is expired',
    });
  });
});
