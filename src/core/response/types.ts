/**
 * The vocabulary of a compromise response: the four steps AWS recommends for a leaked key, what
 * each step reports, and the whole response's outcome. Texts never hold a secret; key ids other
 * than the leaked one are masked.
 */
import type { LifecycleDeps } from '../rotation';
import type { Investigation } from './investigation';

/** AWS's four parts of a response, in order. */
export type ResponseStep = 'contain' | 'investigate' | 'eradicate' | 'harden';

/** Human names of the steps. */
export const RESPONSE_STEP_TITLES: Readonly<Record<ResponseStep, string>> = {
  contain: 'Contain: deactivate the key and revoke its sessions',
  investigate: 'Investigate: what the key did (CloudTrail)',
  eradicate: 'Eradicate: replace the key',
  harden: 'Harden: MFA and administrator rights of the owner',
};

/**
 * How a step ended: `done`; `failed` (the message says why, and which IAM action was missing);
 * `skipped` (not wanted, or declined: nothing was done and nothing is wrong).
 */
export type StepStatus = 'done' | 'failed' | 'skipped';

/** One step's outcome. */
export interface StepOutcome {
  readonly step: ResponseStep;
  readonly status: StepStatus;
  /** One or more sentences: what was done or found, or what failed and what to do. */
  readonly message: string;
  /** The IAM actions a failure showed were missing ("cloudtrail:LookupEvents"). */
  readonly missingActions?: readonly string[];
}

/** What the caller asks for. */
export interface ResponseRequest {
  readonly accessKeyId: string;
  /** The local profile to act as; found automatically (same account, able to look the key up) when absent. */
  readonly profile?: string;
  /** Put the session-revoking inline policy (default true). */
  readonly revokeSessions?: boolean;
  /** Regions to search CloudTrail in besides us-east-1 and the key's last-used region. */
  readonly extraRegions?: readonly string[];
}

/** A rotation the response can ask for (CLI: rotateProfileKey; editor: the Rotate command). */
export type RotateProfile = (profile: string) => Promise<{ newAccessKeyId: string } | undefined>;

/** What a response needs from its caller. */
export interface ResponseDeps extends LifecycleDeps {
  /** Rotates a local profile that holds the leaked key; absent: eradication only says what to do. */
  readonly rotate?: RotateProfile;
}

/** The owner of the key, as IAM named it. */
export interface KeyOwner {
  readonly userName: string;
  readonly userArn: string;
}

/** Everything a response did and found. */
export interface ResponseReport {
  readonly accessKeyId: string;
  readonly accountId?: string;
  /** The local profile that acted, and why it was chosen. */
  readonly profile?: string;
  readonly profileReason?: string;
  readonly owner?: KeyOwner;
  readonly steps: readonly StepOutcome[];
  readonly investigation?: Investigation;
  /** True when, at the end, the key is known to be inactive or deleted. */
  readonly contained: boolean;
  /** True when the response changed something in AWS or the files. */
  readonly changed: boolean;
  /** Set when the response stopped before the steps (no profile can act, unknown key, declined). */
  readonly refusal?: string;
  readonly finishedAt: Date;
}
