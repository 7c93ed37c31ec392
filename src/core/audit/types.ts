/**
 * What the audit says about each local profile: least privilege and key hygiene facts read with
 * the profile's own credentials (or through a profile that may read IAM). Plain data, no secrets:
 * key ids are kept whole only where a command acts on them; output masks them.
 */
import type { KeyLastUse } from '../profiles';

/** The fact a problem belongs to; each fact fails on its own. */
export type AuditStep = 'identity' | 'mfa' | 'permissions' | 'keys' | 'least-privilege' | 'roles';

/**
 * A problem of a profile: a finding ("no MFA device") or a fact that could not be read
 * ("could not read MFA devices: …"). `failed` tells them apart; the output shows step and message.
 */
export interface AuditProblem {
  readonly step: AuditStep;
  readonly message: string;
  readonly failed?: boolean;
}

/** One of the user's access keys. */
export interface KeyAudit {
  /** Whole id (for Delete Unused Key); output masks it. */
  readonly accessKeyId: string;
  readonly status: 'Active' | 'Inactive';
  readonly ageDays: number;
  /** Days since the last use that was not ours; null when never used. */
  readonly lastUsedDays: number | null;
  readonly lastUse?: KeyLastUse;
  /** Never used and older than the threshold, or not used for that long: "delete?". */
  readonly unused: boolean;
  /** Local profiles that hold this key (a key in use locally is never offered for deletion). */
  readonly localProfiles: readonly string[];
}

/** A policy that applies to the user, and where it comes from. */
export interface PolicySource {
  readonly name: string;
  /** "user" (attached), "user inline", "group NAME", "group NAME inline". */
  readonly source: string;
  readonly arn?: string;
}

/** The least-privilege fact: Access Advisor's services. */
export interface ServiceUsage {
  /** Namespaces the policies grant (as Access Advisor lists them). */
  readonly granted: readonly string[];
  /** Granted namespaces used in the tracking period. */
  readonly used: readonly string[];
  /** Granted namespaces not used in the tracking period. */
  readonly unused: readonly string[];
}

/** How the audit classifies a profile. */
export type AuditKind = 'iam-user' | 'temporary' | 'sso' | 'role' | 'process' | 'other';

/** The audit of one profile. */
export interface ProfileAudit {
  readonly profile: string;
  readonly kind: AuditKind;
  readonly accountId?: string;
  readonly userName?: string;
  readonly userArn?: string;
  /** True when AdministratorAccess is attached or a statement allows `*` on `*`; null when unknown. */
  readonly admin: boolean | null;
  /** Privilege-escalation grants on `*` (`iam:CreateAccessKey`…), when not already admin. */
  readonly escalation: readonly string[];
  readonly policies: readonly PolicySource[];
  readonly mfaEnabled: boolean | null;
  readonly keys: readonly KeyAudit[];
  /** Null when unknown (not an IAM user, or Access Advisor failed). */
  readonly services: ServiceUsage | null;
  readonly problems: readonly AuditProblem[];
}

/** The `--json` shape of one profile, exactly: see `aws-key-guard audit`. */
export interface ProfileAuditJson {
  profile: string;
  kind: AuditKind;
  admin: boolean | null;
  mfaEnabled: boolean | null;
  keys: { accessKeyId: string; status: string; ageDays: number; lastUsedDays: number | null }[];
  unusedServices: string[] | null;
  problems: { step: AuditStep; message: string }[];
}
