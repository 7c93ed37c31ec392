/**
 * What the product knows about each local profile: offline facts read from the shared files, and
 * online facts fetched from IAM/STS with the profile's own credentials. Plain data, no secrets:
 * access key ids are identifiers (kept whole so commands can act on them), secrets never appear.
 */
import type { CredentialsFileKind, ProfileKind } from '../credentials';

/** How urgently a long-term key needs rotating. */
export type AgeBand = 'fine' | 'due' | 'overdue';

/** Age thresholds in days (settings `awsKeyGuard.keyAge.dueDays` / `overdueDays`). */
export interface AgeThresholds {
  readonly dueDays: number;
  readonly overdueDays: number;
}

/** AWS Config's `access-keys-rotated` default (90) and twice that. */
export const DEFAULT_AGE_THRESHOLDS: AgeThresholds = { dueDays: 90, overdueDays: 180 };

/** What can be said about a profile without calling AWS. */
export interface LocalProfile {
  readonly name: string;
  readonly kind: ProfileKind;
  /** The static access key id, when the profile holds one. */
  readonly accessKeyId?: string;
  /** `AKIA…WXYZ`, for descriptions and tables. */
  readonly maskedKeyId?: string;
  /** Account id decoded from the key id offline, else named by `role_arn` / `sso_account_id` (undefined when neither says). */
  readonly offlineAccountId?: string;
  /** ASIA key (STS session credentials): no age warning, expiry instead. */
  readonly temporary: boolean;
  /** A long-term key (AKIA…) that can be aged and rotated. */
  readonly longTermKey: boolean;
  /** Where the profile's key lives (the credentials file wins, as the SDK merges). */
  readonly file: CredentialsFileKind;
  readonly path: string;
  /** 1-based line of the section header. */
  readonly line: number;
  /** The profile the SDK would use by default: AWS_PROFILE, else `default`. */
  readonly active: boolean;
  /**
   * A hash of the profile's resolved settings: the cache key. Changes when the key, the secret or
   * the session token changes, without the cache holding any of them.
   */
  readonly fingerprint: string;
}

/** A key's last use as IAM reports it; `date` undefined means never used. */
export interface KeyLastUse {
  readonly date?: Date;
  readonly serviceName?: string;
  readonly region?: string;
  /** IAM's latest use was one of our own checks; this is the last foreign use observed before it. */
  readonly ownChecksHidden?: boolean;
  /** IAM's latest use was one of our own checks, and no earlier use was ever observed. */
  readonly ownCheckOnly?: boolean;
}

/** One access key of the calling user, from ListAccessKeys and GetAccessKeyLastUsed. */
export interface AccessKeyFacts {
  readonly accessKeyId: string;
  readonly maskedKeyId: string;
  readonly status: 'Active' | 'Inactive';
  readonly createDate: Date;
  /** Whole days between CreateDate and the load time. */
  readonly ageDays: number;
  readonly lastUse?: KeyLastUse;
}

/** Who the credentials belong to (STS GetCallerIdentity). */
export interface CallerIdentity {
  readonly accountId: string;
  readonly arn: string;
  readonly userName?: string;
}

/** Facts that need AWS. */
export interface OnlineFacts {
  readonly identity: CallerIdentity;
  /** The profile's own key (absent for temporary credentials). */
  readonly key?: AccessKeyFacts;
  /** The user's other keys (at most one in IAM today). */
  readonly otherKeys: readonly AccessKeyFacts[];
  readonly loadedAt: Date;
  /** The profile these facts were read through, when not with the profile's own key (which then signed nothing). */
  readonly via?: string;
}

/** Why loading a profile's facts failed. */
export type ProfileProblemCode =
  | 'offline'
  | 'timeout'
  | 'access-denied'
  | 'mfa-required'
  | 'invalid-key'
  | 'inactive-key'
  | 'signature-mismatch'
  | 'expired-session'
  | 'credentials-unusable'
  | 'unknown';

/** A classified failure: a short code, a user-facing message (what failed, what to do). */
export interface ProfileProblem {
  readonly code: ProfileProblemCode;
  readonly message: string;
  /** For access-denied: the IAM action the policy does not allow (`iam:ListAccessKeys`). */
  readonly missingPermission?: string;
  /** The AWS error code or Node error code behind it, for the log. */
  readonly cause?: string;
}

/** The outcome of loading one profile. */
export type ProfileStatus =
  | { readonly state: 'loaded'; readonly facts: OnlineFacts }
  /** No online facts wanted: SSO/role/process profiles, or an offline listing. */
  | { readonly state: 'skipped'; readonly reason: string }
  | { readonly state: 'failed'; readonly problem: ProfileProblem; readonly identity?: CallerIdentity };

/** A profile with whatever is known about it. */
export interface ProfileReport {
  readonly profile: LocalProfile;
  readonly status: ProfileStatus;
}
