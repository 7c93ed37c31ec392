/**
 * Contract tests: CloudTrail LookupEvents through @aws-sdk/client-cloudtrail (JSON 1.1), the calls
 * the emulator records, seeded history, and the revocation of older sessions by an inline Deny on
 * aws:TokenIssueTime.
 */
import * as assert from 'node:assert/strict';
import { CloudTrailClient, LookupEventsCommand, LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import { CreateAccessKeyCommand, ListAccessKeysCommand, PutUserPolicyCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { Secret, TOTP } from 'otpauth';
import { Emulator, Seed } from '../../../tools/emulator';
import { EventHistory, MAX_EVENTS } from '../../../tools/emulator/eventHistory';
import { ALICE, CAROL, CAROL_MFA_SERIAL, CAROL_TOTP_SECRET, Credentials, credentialsOf, expectAwsError, iamClient, stsClient, testSeed, useEmulator } from './helpers';

const trails: CloudTrailClient[] = [];
afterEach(() => {
  for (const client of trails.splice(0)) client.destroy();
});

function trail(emulator: Emulator, credentials: Credentials = emulator.admin, region = 'us-east-1'): CloudTrailClient {
  const client = new CloudTrailClient({ region, endpoint: emulator.url, credentials, maxAttempts: 1 });
  trails.push(client);
  return client;
}

function byKey(accessKeyId: string, extra: Partial<LookupEventsCommandInput> = {}): LookupEventsCommand {
  return new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: accessKeyId }], ...extra });
}

const LEAKED = 'AKIAXAAAAAAAAALEAKED';

/** The test seed plus a leaked key of bob's with 120 events of history, one of them 100 days old. */
function seedWithHistory(): Seed {
  const seed = testSeed();
  seed.users.push({ name: 'mallory-target', keys: [{ id: LEAKED, secret: 'leakedSecretleakedSecretleakedSecret0000' }] });
  seed.events = [
    { eventName: 'ListUsers', accessKeyId: LEAKED, hoursAgo: 2, sourceIp: '203.0.113.9', userAgent: 'Boto3/1.34', errorCode: 'AccessDenied', repeat: 118, everyMinutes: 1 },
    { eventName: 'CreateAccessKey', accessKeyId: LEAKED, hoursAgo: 1, sourceIp: '203.0.113.9', responseElements: { accessKey: { accessKeyId: 'AKIAXAAAAAAAAAAANEW2' } } },
    { eventName: 'RunInstances', eventSource: 'ec2.amazonaws.com', region: 'eu-west-1', accessKeyId: LEAKED, hoursAgo: 1 },
    { eventName: 'GetCallerIdentity', eventSource: 'sts.amazonaws.com', accessKeyId: LEAKED, daysAgo: 100 },
  ];
  return seed;
}

async function allPages(client: CloudTrailClient, input: LookupEventsCommandInput): Promise<{ pages: number; names: string[]; times: number[] }> {
  const names: string[] = [];
  const times: number[] = [];
  let pages = 0;
  let token: string | undefined;
  do {
    const page = await client.send(new LookupEventsCommand({ ...input, NextToken: token }));
    pages++;
    for (const event of page.Events ?? []) {
      names.push(event.EventName ?? '');
      times.push(event.EventTime?.getTime() ?? 0);
    }
    token = page.NextToken;
  } while (token);
  return { pages, names, times };
}

describe('emulator: CloudTrail LookupEvents', () => {
  const env = useEmulator(seedWithHistory);

  it('records every call served: key id, source IP, user agent, region and error, and never a secret', async () => {
    const created = credentialsOf((await iamClient(env.emulator, ALICE).send(new CreateAccessKeyCommand({}))).AccessKey);
    await expectAwsError(iamClient(env.emulator, ALICE).send(new ListAccessKeysCommand({ UserName: 'bob' })), { name: 'AccessDenied', status: 403 });
    const { Events } = await trail(env.emulator).send(byKey(ALICE.accessKeyId));
    assert.deepEqual(Events?.map((e) => e.EventName), ['ListAccessKeys', 'CreateAccessKey'], 'newest first');
    const denied = JSON.parse(Events?.[0].CloudTrailEvent ?? '{}');
    assert.equal(denied.errorCode, 'AccessDenied');
    assert.equal(denied.sourceIPAddress, '127.0.0.1');
    assert.match(denied.userAgent, /aws-sdk-js/);
    assert.equal(denied.awsRegion, 'us-east-1');
    assert.equal(denied.userIdentity.userName, 'alice');
    assert.equal(denied.userIdentity.accessKeyId, ALICE.accessKeyId);
    const creation = Events?.[1];
    assert.equal(creation?.Username, 'alice');
    assert.equal(creation?.ReadOnly, 'false');
    assert.ok(creation?.EventTime instanceof Date);
    assert.ok(creation?.Resources?.some((r) => r.ResourceName === created.accessKeyId));
    assert.equal(JSON.parse(creation?.CloudTrailEvent ?? '{}').responseElements.accessKey.accessKeyId, created.accessKeyId);
    assert.ok(!(creation?.CloudTrailEvent ?? '').includes(created.secretAccessKey), 'the new secret is not in the record');
  });

  it('keeps each region\'s history apart; IAM is recorded in us-east-1', async () => {
    await stsClient(env.emulator, ALICE, { region: 'eu-west-1' }).send(new GetCallerIdentityCommand({}));
    const east = await trail(env.emulator).send(byKey(ALICE.accessKeyId));
    assert.deepEqual(east.Events, []);
    const west = await trail(env.emulator, env.emulator.admin, 'eu-west-1').send(byKey(ALICE.accessKeyId));
    assert.deepEqual(west.Events?.map((e) => [e.EventName, e.EventSource]), [['GetCallerIdentity', 'sts.amazonaws.com']]);
  });

  it('holds a seeded history, drops what is older than 90 days, and pages with NextToken', async () => {
    const client = trail(env.emulator);
    const first = await client.send(byKey(LEAKED));
    assert.equal(first.Events?.length, 50);
    assert.ok(first.NextToken);
    // A call recorded while paging must not shift the pages.
    await iamClient(env.emulator).send(new ListAccessKeysCommand({}));
    const all = await allPages(client, { LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: LEAKED }] });
    assert.equal(all.pages, 3);
    assert.equal(all.names.length, 119, '118 ListUsers + CreateAccessKey in us-east-1; the 100-day-old event is gone');
    assert.equal(all.names[0], 'CreateAccessKey');
    assert.equal(all.names.filter((n) => n === 'ListUsers').length, 118);
    assert.deepEqual([...all.times].sort((a, b) => b - a), all.times, 'newest first across pages');
    const small = await allPages(client, { LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: LEAKED }], MaxResults: 7 });
    assert.equal(small.pages, 17);
    assert.equal(small.names.length, 119);
  });

  it('filters by time range and by other lookup attributes', async () => {
    const client = trail(env.emulator);
    const now = env.emulator.now().getTime();
    const recent = await allPages(client, { LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: LEAKED }], StartTime: new Date(now - 90 * 60_000) });
    assert.deepEqual(recent.names, ['CreateAccessKey']);
    const byName = await client.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateAccessKey' }] }));
    assert.deepEqual(byName.Events?.map((e) => e.Username), ['mallory-target']);
  });

  it('refuses bad input with CloudTrail\'s errors', async () => {
    const client = trail(env.emulator);
    const now = env.emulator.now();
    await expectAwsError(client.send(new LookupEventsCommand({ StartTime: now, EndTime: new Date(now.getTime() - 1000) })), { name: 'InvalidTimeRangeException', status: 400 });
    await expectAwsError(client.send(new LookupEventsCommand({ MaxResults: 51 })), { name: 'InvalidMaxResultsException', status: 400 });
    await expectAwsError(client.send(new LookupEventsCommand({ NextToken: 'garbage' })), { name: 'InvalidNextTokenException', status: 400 });
    await expectAwsError(
      client.send(
        new LookupEventsCommand({
          LookupAttributes: [
            { AttributeKey: 'AccessKeyId', AttributeValue: LEAKED },
            { AttributeKey: 'EventName', AttributeValue: 'ListUsers' },
          ],
        }),
      ),
      { name: 'InvalidLookupAttributesException', status: 400 },
    );
  });

  it('answers AccessDeniedException when a policy denies cloudtrail:LookupEvents, and UnrecognizedClientException for an inactive key', async () => {
    env.emulator.addUser({ name: 'no-trail', policy: { denyActions: ['cloudtrail:LookupEvents'] }, keys: [{ id: 'AKIAXAAAAAAAANOTRAIL', secret: 'noTrailSecretnoTrailSecretnoTrailSecret0' }] });
    await expectAwsError(trail(env.emulator, { accessKeyId: 'AKIAXAAAAAAAANOTRAIL', secretAccessKey: 'noTrailSecretnoTrailSecretnoTrailSecret0' }).send(byKey(LEAKED)), {
      name: 'AccessDeniedException',
      status: 400,
      message: /cloudtrail:LookupEvents/,
    });
    await iamClient(env.emulator).send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: ALICE.accessKeyId, Status: 'Inactive' }));
    await expectAwsError(trail(env.emulator, ALICE).send(byKey(LEAKED)), { name: 'UnrecognizedClientException', status: 400 });
    // The refused attempt is in the history under the key and its owner.
    const { Events } = await trail(env.emulator).send(byKey(ALICE.accessKeyId));
    assert.deepEqual(Events?.map((e) => [e.EventName, e.Username, JSON.parse(e.CloudTrailEvent ?? '{}').errorCode]), [
      ['LookupEvents', 'alice', 'UnrecognizedClientException'],
    ]);
  });
});

describe('emulator: revoking older sessions with aws:TokenIssueTime', () => {
  const env = useEmulator(seedWithHistory);

  function revokeBefore(date: Date): string {
    return JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateLessThan: { 'aws:TokenIssueTime': date.toISOString() } } }],
    });
  }

  it('refuses a session issued before the policy\'s date, while a later session and the long-term key work', async () => {
    const old = credentialsOf((await stsClient(env.emulator, ALICE).send(new GetSessionTokenCommand({}))).Credentials);
    assert.equal((await trail(env.emulator, old).send(byKey(LEAKED, { MaxResults: 1 }))).Events?.length, 1, 'the session works before');
    env.emulator.advanceClock(5000);
    const cutoff = env.emulator.now();
    await iamClient(env.emulator).send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'AWSKeyGuardRevokeOlderSessions', PolicyDocument: revokeBefore(cutoff) }));
    await expectAwsError(trail(env.emulator, old).send(byKey(LEAKED)), {
      name: 'AccessDeniedException',
      status: 400,
      message: 'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: cloudtrail:LookupEvents on resource: * with an explicit deny in an identity-based policy',
    });
    env.emulator.advanceClock(5000);
    const fresh = credentialsOf((await stsClient(env.emulator, ALICE).send(new GetSessionTokenCommand({}))).Credentials);
    assert.equal((await trail(env.emulator, fresh).send(byKey(LEAKED, { MaxResults: 1 }))).Events?.length, 1);
    assert.equal((await trail(env.emulator, ALICE).send(byKey(LEAKED, { MaxResults: 1 }))).Events?.length, 1, 'long-term keys carry no aws:TokenIssueTime');
  });

  it('refuses IAM calls of an older MFA session too (explicit deny beats everything)', async () => {
    const code = TOTP.generate({ secret: Secret.fromBase32(CAROL_TOTP_SECRET) });
    const session = credentialsOf((await stsClient(env.emulator, CAROL).send(new GetSessionTokenCommand({ SerialNumber: CAROL_MFA_SERIAL, TokenCode: code }))).Credentials);
    assert.equal((await iamClient(env.emulator, session).send(new ListAccessKeysCommand({}))).AccessKeyMetadata?.length, 1);
    env.emulator.advanceClock(2000);
    await iamClient(env.emulator).send(new PutUserPolicyCommand({ UserName: 'carol', PolicyName: 'Revoke', PolicyDocument: revokeBefore(env.emulator.now()) }));
    await expectAwsError(iamClient(env.emulator, session).send(new ListAccessKeysCommand({})), { name: 'AccessDenied', status: 403, message: /with an explicit deny/ });
  });
});

describe('emulator: event history bound', () => {
  it('keeps the newest MAX_EVENTS events, so a long-running demo does not grow without bound', () => {
    const history = new EventHistory();
    const base = { eventSource: 'iam.amazonaws.com', awsRegion: 'us-east-1', sourceIPAddress: '127.0.0.1', userAgent: 'test' };
    for (let i = 0; i < MAX_EVENTS + 5; i++) history.add({ ...base, eventName: `Call${i}`, eventTime: new Date(i * 1000) });
    assert.equal(history.size, MAX_EVENTS);
    const events = history.newestFirst(MAX_EVENTS * 1000);
    assert.equal(events[0].eventName, `Call${MAX_EVENTS + 4}`);
    assert.equal(events[events.length - 1].eventName, 'Call5');
  });
});
