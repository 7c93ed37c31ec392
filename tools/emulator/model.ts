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
