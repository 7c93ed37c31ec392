/**
 * Contract tests: the permission facts (attached and group policies, managed policy documents),
 * virtual MFA devices, Access Advisor, and last use recorded after the call is answered.
 */
import * as assert from 'node:assert/strict';
import {
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GenerateServiceLastAccessedDetailsCommand,
  GetAccessKeyLastUsedCommand,
  GetGroupPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetServiceLastAccessedDetailsCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupPoliciesCommand,
  ListGroupsForUserCommand,
  ListMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { Secret, TOTP } from 'otpauth';
import { parseSeed, type Seed, startEmulator } from '../../../tools/emulator';
import { expectAwsError, iamClient, useEmulator } from './helpers';

const ADMIN = { accessKeyId: 'AKIAXAAAAAAAAAAADMIN', secretAccessKey: 'adminSecretadminSecretadminSecretadmin00' };
const DEV = { accessKeyId: 'AKIAXAAAAAAAAAAAADEV', secretAccessKey: 'devSecretdevSecretdevSecretdevSecret0000' };

function permissionsSeed(): Seed {
  return {
    accountId: '111122223333',
    policies: [{ name: 'Buckets', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 'sqs:*'], Resource: '*' }] } }],
    groups: [
      {
        name: 'developers',
        managedPolicies: ['ReadOnlyAccess', 'Buckets'],
        inlinePolicies: { keys: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: '*' }] } },
      },
    ],
    users: [
      { name: 'admin', admin: true, managedPolicies: ['AdministratorAccess'], keys: [{ id: ADMIN.accessKeyId, secret: ADMIN.secretAccessKey }] },
      {
        name: 'dev',
        policy: { selfOnly: true },
        groups: ['developers'],
        managedPolicies: ['PowerUserAccess'],
        serviceHistory: [{ service: 'ec2', daysAgo: 3 }],
        keys: [{ id: DEV.accessKeyId, secret: DEV.secretAccessKey, lastUsed: 'never' }],
      },
    ],
  };
}

describe('emulator: permissions, MFA devices and Access Advisor', () => {
  const env = useEmulator(permissionsSeed);

  it('lists the user\'s attached policies and groups, the group\'s policies, and decodes documents', async () => {
    const iam = iamClient(env.emulator, DEV);
    const attached = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'dev' }));
    assert.deepEqual(attached.AttachedPolicies, [{ PolicyName: 'PowerUserAccess', PolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' }]);
    const groups = await iam.send(new ListGroupsForUserCommand({ UserName: 'dev' }));
    assert.deepEqual(groups.Groups?.map((g) => [g.GroupName, g.Arn]), [['developers', 'arn:aws:iam::111122223333:group/developers']]);
    const groupAttached = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'developers' }));
    assert.deepEqual(groupAttached.AttachedPolicies?.map((p) => p.PolicyArn), ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::111122223333:policy/Buckets']);
    const inline = await iam.send(new ListGroupPoliciesCommand({ GroupName: 'developers' }));
    assert.deepEqual(inline.PolicyNames, ['keys']);
    const document = await iam.send(new GetGroupPolicyCommand({ GroupName: 'developers', PolicyName: 'keys' }));
    assert.equal(JSON.parse(decodeURIComponent(document.PolicyDocument ?? '')).Statement[0].Action, 'iam:CreateAccessKey');
    await expectAwsError(iam.send(new GetGroupPolicyCommand({ GroupName: 'developers', PolicyName: 'nope' })), { name: 'NoSuchEntityException', status: 404 });
  });

  it('serves the AWS-managed AdministratorAccess, ReadOnlyAccess and PowerUserAccess documents', async () => {
    const iam = iamClient(env.emulator, DEV);
    const admin = await iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    assert.equal(admin.Policy?.AttachmentCount, 1);
    const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: admin.Policy?.Arn, VersionId: admin.Policy?.DefaultVersionId }));
    assert.deepEqual(JSON.parse(decodeURIComponent(version.PolicyVersion?.Document ?? '')).Statement, [{ Effect: 'Allow', Action: '*', Resource: '*' }]);
    for (const name of ['ReadOnlyAccess', 'PowerUserAccess']) {
      const policy = await iam.send(new GetPolicyCommand({ PolicyArn: `arn:aws:iam::aws:policy/${name}` }));
      assert.equal(policy.Policy?.PolicyName, name);
    }
    await expectAwsError(iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/Nope' })), { name: 'NoSuchEntityException', status: 404 });
  });

  it('keeps a self-only user to its own policies', async () => {
    await expectAwsError(iamClient(env.emulator, DEV).send(new ListAttachedUserPoliciesCommand({ UserName: 'admin' })), { name: 'AccessDenied', status: 403 });
  });

  it('creates a virtual MFA device and enables it with two consecutive codes', async () => {
    const iam = iamClient(env.emulator, ADMIN);
    const created = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'dev' }));
    const serial = created.VirtualMFADevice?.SerialNumber ?? '';
    assert.equal(serial, 'arn:aws:iam::111122223333:mfa/dev');
    const seed = Buffer.from(created.VirtualMFADevice?.Base32StringSeed ?? new Uint8Array()).toString('utf8');
    const totp = new TOTP({ secret: Secret.fromBase32(seed), algorithm: 'SHA1', digits: 6, period: 30 });
    const now = env.emulator.now().getTime();
    await expectAwsError(iam.send(new EnableMFADeviceCommand({ UserName: 'dev', SerialNumber: serial, AuthenticationCode1: '000000', AuthenticationCode2: '000000' })), {
      name: 'InvalidAuthenticationCodeException',
      status: 403,
    });
    await iam.send(
      new EnableMFADeviceCommand({ UserName: 'dev', SerialNumber: serial, AuthenticationCode1: totp.generate({ timestamp: now - 30_000 }), AuthenticationCode2: totp.generate({ timestamp: now }) }),
    );
    const devices = await iamClient(env.emulator, DEV).send(new ListMFADevicesCommand({}));
    assert.deepEqual(devices.MFADevices?.map((d) => d.SerialNumber), [serial]);
  });

  it('Access Advisor lists every granted service with the last call, after one IN_PROGRESS poll', async () => {
    const iam = iamClient(env.emulator, DEV);
    const arn = 'arn:aws:iam::111122223333:user/dev';
    const { JobId } = await iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: arn }));
    const first = await iam.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
    assert.equal(first.JobStatus, 'IN_PROGRESS');
    const done = await iam.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
    assert.equal(done.JobStatus, 'COMPLETED');
    const byNamespace = new Map(done.ServicesLastAccessed?.map((s) => [s.ServiceNamespace, s.LastAuthenticated]));
    // PowerUserAccess grants all but iam/organizations/account, the group's inline policy grants iam.
    assert.ok(byNamespace.has('iam') && byNamespace.has('s3') && byNamespace.has('sagemaker'), [...byNamespace.keys()].join(','));
    assert.ok(byNamespace.get('ec2'), 'seeded history');
    assert.ok(byNamespace.get('iam'), 'the calls the emulator served');
    assert.equal(byNamespace.get('s3'), undefined);
  });

  it('validates the permission fields of a seed, and refuses an unknown group or policy', async () => {
    assert.throws(() => parseSeed({ users: [{ name: 'a', managedPolicies: 'AdministratorAccess' }] }), /users\[0\]\.managedPolicies: expected an array of names/);
    assert.throws(() => parseSeed({ users: [], groups: [{ name: 'g', inlinePolicies: 'x' }] }), /groups\[0\]\.inlinePolicies/);
    assert.throws(() => parseSeed({ users: [{ name: 'a', serviceHistory: [{ daysAgo: 1 }] }] }), /serviceHistory\[0\]\.service/);
    await assert.rejects(startEmulator({ seed: { users: [{ name: 'a', groups: ['nope'] }] } }), /group with name nope cannot be found/);
    await assert.rejects(startEmulator({ seed: { users: [{ name: 'a', managedPolicies: ['Nope'] }] } }), /Policy arn:aws:iam::aws:policy\/Nope does not exist/);
  });

  it('records a key\'s use after answering: GetAccessKeyLastUsed never reports the call asking', async () => {
    const iam = iamClient(env.emulator, DEV);
    const first = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: DEV.accessKeyId }));
    assert.equal(first.AccessKeyLastUsed?.LastUsedDate, undefined);
    assert.equal(first.AccessKeyLastUsed?.ServiceName, 'N/A');
    const second = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: DEV.accessKeyId }));
    assert.equal(second.AccessKeyLastUsed?.ServiceName, 'iam', 'the first call is recorded once answered');
  });
});
