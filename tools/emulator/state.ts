/**
 * The emulator's account: users, access keys, sessions and the credential report, with IAM's
 * rules for them (two keys per user, unique user names, NoSuchEntity for unknown ids).
 */
import { Clock } from './clock';
import { EventHistory } from './eventHistory';
import { AwsError, noSuchAccessKey, noSuchUser } from './errors';
import { newAccessKeyId, newSecretAccessKey, newUserId } from './ids';
import { AccessAdvisorJob, AccessKeyRecord, AccessKeyStatus, GroupRecord, ManagedPolicyRecord, MfaDeviceRecord, SessionRecord, UserPolicy, UserRecord, VirtualMfaDeviceRecord } from './model';
import { AWS_MANAGED_POLICIES, awsManagedPolicyArn } from './managedPolicies';

/** IAM's quota of access keys per user. */
export const ACCESS_KEYS_PER_USER = 2;

/** A credential report as GenerateCredentialReport left it. */
export interface CredentialReport {
  generatedTime: Date;
  csv: string;
}

/** Options for a new user. */
export interface NewUser {
  userName: string;
  path?: string;
  createDate?: Date;
  passwordLastUsed?: Date;
  policy?: Partial<UserPolicy>;
  mfaDevices?: MfaDeviceRecord[];
}

/** Options for a new access key; seeds fix ids, secrets and dates, CreateAccessKey leaves them out. */
export interface NewAccessKey {
  accessKeyId?: string;
  secretAccessKey?: string;
  status?: AccessKeyStatus;
  createDate?: Date;
  lastUsed?: AccessKeyRecord['lastUsed'];
  usableFromMs?: number;
}

/** One AWS account's IAM and STS data. */
export class IamState {
  readonly users = new Map<string, UserRecord>();
  readonly keys = new Map<string, AccessKeyRecord>();
  readonly sessions = new Map<string, SessionRecord>();
  /** CloudTrail's event history: seeded events and every call served. */
  readonly trail = new EventHistory();
  credentialReport?: CredentialReport;
  readonly groups = new Map<string, GroupRecord>();
  /** Managed policies by ARN, the AWS-managed ones included. */
  readonly policies = new Map<string, ManagedPolicyRecord>();
  /** Virtual MFA devices created but not enabled, by serial. */
  readonly pendingMfaDevices = new Map<string, VirtualMfaDeviceRecord>();
  readonly accessAdvisorJobs = new Map<string, AccessAdvisorJob>();

  constructor(
    readonly accountId: string,
    readonly clock: Clock,
  ) {
    for (const policy of AWS_MANAGED_POLICIES) {
      const arn = awsManagedPolicyArn(policy.name);
      this.policies.set(arn, {
        arn,
        policyName: policy.name,
        policyId: `ANPA${policy.name.toUpperCase().replace(/[^A-Z]/g, '').padEnd(17, 'A').slice(0, 17)}`,
        path: '/',
        defaultVersionId: policy.versionId,
        description: policy.description,
        document: JSON.stringify(policy.document),
        createDate: new Date('2015-02-06T18:39:46Z'),
      });
    }
  }

  /** The group named `groupName`, or NoSuchEntity. */
  group(groupName: string): GroupRecord {
    const group = this.groups.get(groupName);
    if (!group) throw new AwsError('NoSuchEntity', 404, `The group with name ${groupName} cannot be found.`);
    return group;
  }

  /** The managed policy with `arn`, or NoSuchEntity. */
  policy(arn: string): ManagedPolicyRecord {
    const policy = this.policies.get(arn);
    if (!policy) throw new AwsError('NoSuchEntity', 404, `Policy ${arn} does not exist or is not attachable.`);
    return policy;
  }

  /** The user named `userName`, or NoSuchEntity. */
  user(userName: string): UserRecord {
    const user = this.users.get(userName);
    if (!user) throw noSuchUser(userName);
    return user;
  }

  /** Creates a user; EntityAlreadyExists when the name is taken (IAM names are case-insensitive). */
  createUser(spec: NewUser): UserRecord {
    const taken = [...this.users.keys()].some((name) => name.toLowerCase() === spec.userName.toLowerCase());
    if (taken) throw new AwsError('EntityAlreadyExists', 409, `User with name ${spec.userName} already exists.`);
    if (!/^[\w+=,.@-]{1,64}$/.test(spec.userName)) {
      throw new AwsError(
        'ValidationError',
        400,
        `1 validation error detected: Value '${spec.userName}' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
      );
    }
    const path = spec.path ?? '/';
    const user: UserRecord = {
      userName: spec.userName,
      userId: newUserId(this.accountId),
      path,
      arn: `arn:aws:iam::${this.accountId}:user${path}${spec.userName}`,
      createDate: spec.createDate ?? this.clock.nowSeconds(),
      passwordLastUsed: spec.passwordLastUsed,
      policy: { denyActions: [], requireMfa: false, selfOnly: false, ...spec.policy },
      mfaDevices: spec.mfaDevices ?? [],
      inlinePolicies: new Map(),
      attachedPolicyArns: [],
      groupNames: [],
      serviceAccess: new Map(),
    };
    this.users.set(user.userName, user);
    return user;
  }

  /** The user's access keys, oldest first (the order of the credential report's key columns). */
  keysOf(userName: string): AccessKeyRecord[] {
    return [...this.keys.values()]
      .filter((key) => key.userName === userName)
      .sort((a, b) => a.createDate.getTime() - b.createDate.getTime());
  }

  /** Creates an access key for an existing user; LimitExceeded when the user already has two. */
  createAccessKey(userName: string, spec: NewAccessKey = {}): AccessKeyRecord {
    this.user(userName);
    if (this.keysOf(userName).length >= ACCESS_KEYS_PER_USER) {
      throw new AwsError('LimitExceeded', 409, `Cannot exceed quota for AccessKeysPerUser: ${ACCESS_KEYS_PER_USER}`);
    }
    const accessKeyId = spec.accessKeyId ?? newAccessKeyId(this.accountId);
    if (this.keys.has(accessKeyId)) throw new AwsError('EntityAlreadyExists', 409, `Access key ${accessKeyId} already exists.`);
    const key: AccessKeyRecord = {
      accessKeyId,
      secretAccessKey: spec.secretAccessKey ?? newSecretAccessKey(),
      userName,
      status: spec.status ?? 'Active',
      createDate: spec.createDate ?? this.clock.nowSeconds(),
      lastUsed: spec.lastUsed,
      usableFromMs: spec.usableFromMs ?? 0,
    };
    this.keys.set(accessKeyId, key);
    return key;
  }

  /**
   * The key `accessKeyId` if it belongs to `userName`; NoSuchEntity otherwise, which is also what
   * IAM says when the key exists but under another user.
   */
  keyOfUser(userName: string, accessKeyId: string): AccessKeyRecord {
    this.user(userName);
    const key = this.keys.get(accessKeyId);
    if (!key || key.userName !== userName) throw noSuchAccessKey(accessKeyId);
    return key;
  }

  /**
   * Deletes a key. Sessions it issued stay valid until they expire: the emulator does not model
   * revocation, so a rotation that runs on an MFA session can finish after retiring the old key.
   */
  deleteAccessKey(userName: string, accessKeyId: string): void {
    this.keyOfUser(userName, accessKeyId);
    this.keys.delete(accessKeyId);
  }
}
