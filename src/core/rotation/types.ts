/**
 * The vocabulary of the key lifecycle: steps, what the procedure asks its caller (confirmations,
 * MFA codes), what it reports (progress), and the errors that describe the real state of AWS and
 * the credentials file after a failure.
 */
import type { ClientOptions } from '../aws/clients';

/** The steps of a rotation, in order. */
export type RotationStep = 'preflight' | 'mfa' | 'create' | 'write' | 'verify' | 'retire';

/** Human names of the steps, shared by the progress notification and the CLI. */
export const STEP_TITLES: Readonly<Record<RotationStep, string>> = {
  preflight: 'Checking the profile and its keys',
  mfa: 'Signing in with MFA',
  create: 'Creating a new access key',
  write: 'Writing the new key into the credentials file',
  verify: 'Verifying the new key',
  retire: 'Retiring the old key',
};

/** What the procedure does with the old key once the new one works. */
export type RetireAction = 'deactivate' | 'delete';

/** The shared files the procedure reads and edits. */
export interface SharedFilePaths {
  readonly credentialsFile: string;
  readonly configFile: string;
}

/** A question the user must answer before the procedure goes on. Texts never hold a secret. */
export interface ConfirmationRequest {
  readonly kind: 'delete-other-key' | 'update-shared-profiles' | 'deactivate-key' | 'delete-key' | 'delete-deactivated-key' | 'deactivate-leaked-key' | 'respond-to-leak' | 'delete-leaked-key';
  /** One line: the question. */
  readonly message: string;
  /** Further lines: what the answer changes, what stops working. */
  readonly detail: string;
  /** Label of the accepting button / answer ("Delete Other Key"). */
  readonly acceptLabel: string;
  /**
   * True when a blanket "yes" (the CLI's --yes) must not answer it: deleting an active key that
   * something may still use needs a person, or a flag naming that exact decision.
   */
  readonly explicit: boolean;
}

/** The MFA code request: which device, and whether its serial was guessed. */
export interface MfaCodeRequest {
  readonly profile: string;
  readonly serialNumber: string;
  /** How the serial was found: the profile's mfa_serial, IAM's device list, or a guess from the user name. */
  readonly serialSource: 'profile' | 'iam' | 'guess';
  /** 1 for the first request; more when AWS refused the previous code. */
  readonly attempt?: number;
  /** Why the previous code was refused (secret-free). */
  readonly previousError?: string;
}

/** Progress: a step starts, or a note within a step (already secret-free, key ids masked). */
export type RotationEvent = { readonly type: 'step'; readonly step: RotationStep; readonly title: string } | { readonly type: 'note'; readonly message: string };

/** Named points between steps; a test hook (crash tests stop the process there). */
export type RotationCheckpoint = 'before-create' | 'after-create' | 'after-write' | 'after-verify' | 'after-retire';

/** Delays for verifying a new key while IAM propagates it. */
export interface VerifyRetryOptions {
  /** Total GetCallerIdentity attempts (default 8). */
  readonly attempts?: number;
  /** First delay between attempts, doubled each time up to `maxDelayMs` (default 1000). */
  readonly initialDelayMs?: number;
  /** Longest delay between attempts (default 4000). */
  readonly maxDelayMs?: number;
}

/** What the lifecycle operations need from their caller. */
export interface LifecycleDeps {
  readonly files: SharedFilePaths;
  /** Asked before anything that cannot be undone or that touches more than the named profile. */
  readonly confirm: (request: ConfirmationRequest) => Promise<boolean>;
  /** Asked when IAM requires MFA; undefined (or a resolved undefined) cancels. */
  readonly askMfaCode?: (request: MfaCodeRequest) => Promise<string | undefined>;
  /** An MFA serial to use instead of looking one up (CLI --mfa-serial). */
  readonly mfaSerialNumber?: string;
  readonly onEvent?: (event: RotationEvent) => void;
  /** Request timeout and attempts for the SDK clients. */
  readonly clientOptions?: ClientOptions;
  readonly verifyRetry?: VerifyRetryOptions;
  /** Test hook called at each {@link RotationCheckpoint}; it may await (or never return). */
  readonly checkpoint?: (point: RotationCheckpoint) => void | Promise<void>;
  /** Waits `ms` (injectable so tests need not sleep). */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
}

/**
 * Where AWS and the file stand after a failure:
 * - `unchanged`: as before the operation (the new key, if one was made, is deleted; the file holds the old key);
 * - `partial`: something changed and was not undone; `message` says exactly what.
 */
export type FailureState = 'unchanged' | 'partial';

/** A lifecycle operation that failed or was refused; `message` describes the real state and what to do. */
export class LifecycleError extends Error {
  override readonly name = 'LifecycleError';
  constructor(
    message: string,
    readonly state: FailureState,
    /** The step that failed (for rotations). */
    readonly step?: RotationStep,
    /** Set when the same operation can be retried as is (e.g. retiring the old key). */
    readonly retry?: RetireRequest,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Retire (deactivate or delete) a profile's previous key, e.g. to finish a rotation. */
export interface RetireRequest {
  readonly profile: string;
  readonly oldAccessKeyId: string;
  readonly retire: RetireAction;
}
