/** Contract tests: inline user policies (Put/Get/List/DeleteUserPolicy) through @aws-sdk/client-iam. */
import * as assert from 'node:assert/strict';
import { DeleteUserPolicyCommand, GetUserPolicyCommand, ListUserPoliciesCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { ALICE, expectAwsError, iamClient, useEmulator } from './helpers';

const DENY_OLD_SESSIONS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' } } }],
});
const ALLOW_S3 = JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::bucket/*' } });

describe('emulator: inline user policies', () => {
  const env = useEmulator();

  it('puts a policy, reads it back URL-encoded, lists it and deletes it', async () => {
    const iam = iamClient(env.emulator);
    await iam.send(new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'DenyOld', PolicyDocument: DENY_OLD_SESSIONS }));
    const got = await iam.send(new GetUserPolicyCommand({ UserName: 'bob', PolicyName: 'DenyOld' }));
    assert.equal(got.UserName, 'bob');
    assert.equal(got.PolicyName, 'DenyOld');
    // IAM URL-encodes the document; the SDK hands it over as is.
    assert.match(got.PolicyDocument ?? '', /^%7B%22Version%22/);
    assert.equal(decodeURIComponent(got.PolicyDocument ?? ''), DENY_OLD_SESSIONS);
    assert.deepEqual((await iam.send(new ListUserPoliciesCommand({ UserName: 'bob' }))).PolicyNames, ['DenyOld']);
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'bob', PolicyName: 'DenyOld' }));
    const after = await iam.send(new ListUserPoliciesCommand({ UserName: 'bob' }));
    assert.deepEqual(after.PolicyNames, []);
    assert.equal(after.IsTruncated, false);
  });

  it('replaces the document when the same name is put again, instead of adding a second policy', async () => {
    const iam = iamClient(env.emulator);
    await iam.send(new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'P', PolicyDocument: ALLOW_S3 }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'P', PolicyDocument: DENY_OLD_SESSIONS }));
    assert.deepEqual((await iam.send(new ListUserPoliciesCommand({ UserName: 'bob' }))).PolicyNames, ['P']);
    const got = await iam.send(new GetUserPolicyCommand({ UserName: 'bob', PolicyName: 'P' }));
    assert.equal(decodeURIComponent(got.PolicyDocument ?? ''), DENY_OLD_SESSIONS);
  });

  it('lists names in order and pages with MaxItems and Marker', async () => {
    const iam = iamClient(env.emulator);
    for (const name of ['c', 'a', 'b']) await iam.send(new PutUserPolicyCommand({ UserName: 'bob', PolicyName: name, PolicyDocument: ALLOW_S3 }));
    const first = await iam.send(new ListUserPoliciesCommand({ UserName: 'bob', MaxItems: 2 }));
    assert.deepEqual(first.PolicyNames, ['a', 'b']);
    assert.equal(first.IsTruncated, true);
    assert.ok(first.Marker);
    const second = await iam.send(new ListUserPoliciesCommand({ UserName: 'bob', MaxItems: 2, Marker: first.Marker }));
    assert.deepEqual(second.PolicyNames, ['c']);
    assert.equal(second.IsTruncated, false);
  });

  it('answers NoSuchEntity for an unknown policy or user', async () => {
    const iam = iamClient(env.emulator);
    await expectAwsError(iam.send(new GetUserPolicyCommand({ UserName: 'bob', PolicyName: 'Nope' })), {
      name: 'NoSuchEntityException',
      status: 404,
      message: 'The user policy with name Nope cannot be found.',
    });
    await expectAwsError(iam.send(new DeleteUserPolicyCommand({ UserName: 'bob', PolicyName: 'Nope' })), { name: 'NoSuchEntityException', status: 404 });
    await expectAwsError(iam.send(new PutUserPolicyCommand({ UserName: 'zoe', PolicyName: 'P', PolicyDocument: ALLOW_S3 })), {
      name: 'NoSuchEntityException',
      status: 404,
      message: 'The user with name zoe cannot be found.',
    });
  });

  it('refuses malformed documents, bad names and documents over the size quota', async () => {
    const iam = iamClient(env.emulator);
    for (const document of ['not json', '{}', JSON.stringify({ Statement: [{ Effect: 'Maybe', Action: '*', Resource: '*' }] }), JSON.stringify({ Statement: [{ Effect: 'Deny', Resource: '*' }] })]) {
      await expectAwsError(iam.send(new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'P', PolicyDocument: document })), { name: 'MalformedPolicyDocumentException', status: 400 });
    }
    await expectAwsError(iam.send(new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'bad name', PolicyDocument: ALLOW_S3 })), { name: 'ValidationError', status: 400 });
    const big = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: Array.from({ length: 200 }, (_, i) => `s3:Action${i}`), Resource: '*' }] });
    await expectAwsError(iam.send(new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'Big', PolicyDocument: big })), { name: 'LimitExceededException', status: 409 });
    assert.deepEqual((await iam.send(new ListUserPoliciesCommand({ UserName: 'bob' }))).PolicyNames, []);
  });

  it('authorizes before revealing anything: a self-only user may not touch another user\'s policies', async () => {
    const iam = iamClient(env.emulator, ALICE);
    await expectAwsError(iam.send(new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'P', PolicyDocument: ALLOW_S3 })), {
      name: 'AccessDenied',
      status: 403,
      message: /is not authorized to perform: iam:PutUserPolicy on resource: user bob/,
    });
    await expectAwsError(iam.send(new ListUserPoliciesCommand({ UserName: 'nobody' })), { name: 'AccessDenied', status: 403 });
    await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'Own', PolicyDocument: ALLOW_S3 }));
    assert.deepEqual((await iam.send(new ListUserPoliciesCommand({ UserName: 'alice' }))).PolicyNames, ['Own']);
  });
});
