/** Pure policy reading: wildcards, admin, escalation grants, the least-privilege policy. */
import * as assert from 'node:assert/strict';
import { escalationGrants, grantsEverything, leastPrivilegePolicy, wildcardMatch } from '../../../src/core/audit';

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('audit: policy documents', () => {
  it('matches IAM wildcards case-insensitively, and a hostile pattern in linear-ish time', () => {
    assert.ok(wildcardMatch('iam:*AccessKey*', 'iam:CreateAccessKey'));
    assert.ok(wildcardMatch('IAM:attach?serpolicy', 'iam:AttachUserPolicy'));
    assert.ok(!wildcardMatch('iam:Get*', 'iam:CreateAccessKey'));
    assert.ok(wildcardMatch('*', ''));
    const started = process.hrtime.bigint();
    assert.ok(!wildcardMatch('*a'.repeat(2000) + 'b', 'a'.repeat(5000)));
    assert.ok(process.hrtime.bigint() - started < 5_000_000_000n, 'bounded against hangs');
  });

  it('admin is * on *, not * on one resource or a service wildcard', () => {
    assert.ok(grantsEverything(doc({ Effect: 'Allow', Action: '*', Resource: '*' })));
    assert.ok(grantsEverything(encodeURIComponent(doc({ Effect: 'Allow', Action: ['*'], Resource: ['*'] }))), 'URL-encoded as IAM sends it');
    assert.ok(!grantsEverything(doc({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b' })));
    assert.ok(!grantsEverything(doc({ Effect: 'Deny', Action: '*', Resource: '*' })));
    assert.ok(!grantsEverything(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })));
  });

  it('finds escalation grants through wildcards and NotAction, only on *', () => {
    assert.deepEqual(escalationGrants([doc({ Effect: 'Allow', Action: 'iam:Put*', Resource: '*' })]), ['iam:PutUserPolicy', 'iam:PutGroupPolicy', 'iam:PutRolePolicy']);
    assert.deepEqual(escalationGrants([doc({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::1:user/${aws:username}' })]), []);
    assert.equal(escalationGrants([doc({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' })]).length, 14);
    assert.deepEqual(escalationGrants([doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })]), []);
  });

  it('builds a policy with only the services used', () => {
    assert.deepEqual(JSON.parse(leastPrivilegePolicy(['s3', 'lambda', 's3'])), {
      Version: '2012-10-17',
      Statement: [{ Sid: 'ServicesUsed', Effect: 'Allow', Action: ['lambda:*', 's3:*'], Resource: '*' }],
    });
  });
});
