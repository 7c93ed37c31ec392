/**
 * The records the emulator keeps: IAM users with their access keys and MFA devices, and the STS
 * sessions handed out by GetSessionToken. Plain data; the rules live in state.ts.
 */

/** An access key's status, the only two values IAM accepts. */
export type AccessKeyStatus = 'Active' | 'Inactive';

/** When, where and through which service an access key was last used. */
export interface LastUse {
  date: Date;
  serviceName: string;
  region: string;
}

/** A long-term access key (AKIA…). */
export interface AccessKeyRecord {
  accessKeyId: string;
  secretAccessKey: string;
  userName: string;
  status: AccessKeyStatus;
  createDate: Date;
  lastUsed?: LastUse;
  /** Emulator time (ms) before which authentication with this key fails: IAM's eventual consistency. */
  usableFromMs: number;
}

/** A virtual MFA device: its serial (an ARN) and the base32 TOTP secret codes are computed from. */
export interface MfaDeviceRecord {
  serialNumber: string;
  totpSecret: string;
  enableDate: Date;
}

/** The per-user policy switches that stand in for IAM policies. */
export interface UserPolicy {
  /** Actions ("iam:CreateAccessKey", globs like "iam:*AccessKey*") no identity-based policy allows. */
  denyActions: string[];
  /** IAM actions are explicitly denied unless the caller uses an MFA session from GetSessionToken. */
  requireMfa: boolean;
  /** IAM actions on users other than the caller are denied (the usual "manage your own keys" policy). */
  selfOnly: boolean;
}

/** An IAM user. */
export interface UserRecord {
  userName: string;
  userId: string;
  path: string;
  arn: string;
  createDate: Date;
  passwordLastUsed?: Date;
  policy: UserPolicy;
  mfaDevices: MfaDeviceRecord[];
  /** Inline policies by name: the documents as PutUserPolicy received them. */
  inlinePolicies: Map<string, string>;
  /** ARNs of the managed policies attached to the user (facts for ListAttachedUserPolicies; authorization stays with `policy`). */
  attachedPolicyArns: string[];
  /** Names of the groups the user belongs to. */
  groupNames: string[];
  /** Last authenticated time per service namespace: Access Advisor's source (served calls and seeded history). */
  serviceAccess: Map<string, Date>;
}

/** An IAM group with its attached and inline policies. */
export interface GroupRecord {
  groupName: string;
  groupId: string;
  path: string;
  arn: string;
  createDate: Date;
  attachedPolicyArns: string[];
  /** Inline policies by name: the policy document as JSON text. */
  inlinePolicies: Map<string, string>;
}

/** A managed policy (AWS-managed or the account's own) with its default version's document. */
export interface ManagedPolicyRecord {
  arn: string;
  policyName: string;
  policyId: string;
  path: string;
  defaultVersionId: string;
  description?: string;
  /** The default version's document as JSON text. */
  document: string;
  createDate: Date;
}

/** A virtual MFA device created and not yet enabled for a user. */
export interface VirtualMfaDeviceRecord {
  serialNumber: string;
  totpSecret: string;
}

/** A GenerateServiceLastAccessedDetails job: answered IN_PROGRESS on its first poll, then COMPLETED. */
export interface AccessAdvisorJob {
  jobId: string;
  userName: string;
  createDate: Date;
  polls: number;
}

/** Temporary credentials issued by GetSessionToken. */
export interface SessionRecord {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  userName: string;
  expiration: Date;
  /** True when the session was obtained with a valid MFA code. */
  mfaAuthenticated: boolean;
  /** The long-term key that requested the session. */
  sourceAccessKeyId: string;
  /** When STS issued it: aws:TokenIssueTime in policy conditions. */
  issuedAt: Date;
}

/** The caller of a request, once its signature checked out. */
export interface Principal {
  user: UserRecord;
  accessKeyId: string;
  session?: SessionRecord;
}
