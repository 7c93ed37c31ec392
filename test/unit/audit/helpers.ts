/**
 * Shared setup for the audit tests: an account with an admin without MFA, a careful user, a user
 * granted 30 services who used 3 with a second key unused for 200 days, an admin through a group,
 * and users denied one fact each.
 */
import type { Seed } from '../../../tools/emulator';

export const AUDIT_ACCOUNT = '111122223333';
const SERVICES_30 = [
  'acm', 'apigateway', 'athena', 'autoscaling', 'cloudformation', 'cloudfront', 'cloudtrail', 'cloudwatch', 'codebuild', 'codecommit',
  'codepipeline', 'config', 'dynamodb', 'ec2', 'ecr', 'ecs', 'eks', 'elasticache', 'elasticloadbalancing', 'events',
  'glue', 'kinesis', 'kms', 'lambda', 'logs', 'rds', 'route53', 's3', 'sns', 'sqs',
];

/** The audit seed; `careful` has MFA and read-only access, `henry` the unused key. */
export function auditSeed(): Seed {
  const selfOnly = { selfOnly: true };
  return {
    accountId: AUDIT_ACCOUNT,
    policies: [{ name: 'DeveloperServices', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: SERVICES_30.map((s) => `${s}:*`), Resource: '*' }] } }],
    groups: [{ name: 'ops', managedPolicies: ['AdministratorAccess'] }],
    users: [
      { name: 'admin', admin: true, managedPolicies: ['AdministratorAccess'], keys: [{ ageDays: 30, lastUsed: { daysAgo: 2, service: 'iam' } }] },
      {
        name: 'careful',
        policy: selfOnly,
        managedPolicies: ['ReadOnlyAccess'],
        mfaDevices: [{ totpSecret: 'JBSWY3DPEHPK3PXP', enabledDaysAgo: 10 }],
        serviceHistory: ['cloudwatch', 'dynamodb', 'ec2', 'iam', 'lambda', 'logs', 's3', 'sns', 'sqs', 'rds'].map((service) => ({ service, daysAgo: 5 })),
        keys: [{ ageDays: 20, lastUsed: { daysAgo: 1, service: 's3' } }],
      },
      {
        name: 'henry',
        policy: selfOnly,
        managedPolicies: ['DeveloperServices'],
        serviceHistory: [{ service: 's3', daysAgo: 1 }, { service: 'lambda', daysAgo: 4 }, { service: 'dynamodb', daysAgo: 9 }],
        keys: [{ ageDays: 30, lastUsed: { daysAgo: 1, service: 's3' } }, { ageDays: 320, lastUsed: { daysAgo: 200, service: 'ec2', region: 'eu-west-1' } }],
      },
      { name: 'opsy', policy: selfOnly, groups: ['ops'], mfaDevices: [{ totpSecret: 'JBSWY3DPEHPK3PXQ' }], keys: [{ ageDays: 400, lastUsed: 'never' }] },
      { name: 'escalator', policy: selfOnly, keys: [{ ageDays: 10 }] },
      { name: 'no-mfa-read', policy: { selfOnly: true, denyActions: ['iam:ListMFADevices'] }, managedPolicies: ['ReadOnlyAccess'], keys: [{ ageDays: 10 }] },
      { name: 'no-policy-read', policy: { selfOnly: true, denyActions: ['iam:ListAttachedUserPolicies'] }, keys: [{ ageDays: 10 }] },
      { name: 'no-advisor', policy: { selfOnly: true, denyActions: ['iam:GenerateServiceLastAccessedDetails'] }, managedPolicies: ['ReadOnlyAccess'], keys: [{ ageDays: 10 }] },
    ],
  };
}

/** The escalator's inline policy: creates keys and attaches policies to anyone. */
export const ESCALATOR_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::bucket/*' },
    { Effect: 'Allow', Action: ['iam:CreateAccessKey', 'iam:Attach*Policy'], Resource: '*' },
  ],
});
