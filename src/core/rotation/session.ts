/**
 * Acting in AWS as a local profile: who the profile is (STS GetCallerIdentity), and IAM calls
 * signed with the profile's long-term key, or with a GetSessionToken session when IAM requires
 * MFA. Signing uses the key values read at the start, not the file, so that after the file is
 * rewritten the procedure can still act with the old key (retire it, or undo a failed rotation).
 */
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { IAMClient } from '@aws-sdk/client-iam';
import { createCloudTrailClient, createIamClient, createStsClient, type ClientOptions, type StaticCredentials } from '../aws/clients';
import { describeAwsError, isAccessDenied } from './aws-errors';
import type { ProfileKey } from './local';
import { LifecycleError, STEP_TITLES, type LifecycleDeps, type MfaCodeRequest } from './types';

type Iam = typeof import('@aws-sdk/client-iam');
type Sts = typeof import('@aws-sdk/client-sts');
/** The IAM SDK module, loaded on first use (activation stays cheap). */
export const iamSdk = (): Iam => require('@aws-sdk/client-iam') as Iam;
const stsSdk = (): Sts => require('@aws-sdk/client-sts') as Sts;

/** Who a profile's key belongs to. */
export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  /** The IAM user name, when the caller is an IAM user (undefined for the root user). */
  readonly userName?: string;
}

/** The user name in an IAM user ARN (`arn:aws:iam::123:user/path/name` → `name`). */
export function userNameOfArn(arn: string): string | undefined {
  const match = /^arn:aws[\w-]*:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/.exec(arn);
  return match?.[1];
}

/** Asks STS who `credentials` (or the profile in the files, when `credentials` is absent) belong to. */
export async function getCallerIdentity(
  target: { profile: string; credentials?: StaticCredentials; credentialsFile: string; configFile: string },
  options: ClientOptions,
  signal?: AbortSignal,
): Promise<CallerIdentity> {
  const sts = createStsClient(target, options);
  try {
    const out = await sts.send(new (stsSdk().GetCallerIdentityCommand)({}), { abortSignal: signal });
    if (!out.Arn || !out.Account) throw new Error('GetCallerIdentity returned no Arn');
    return { account: out.Account, arn: out.Arn, userName: userNameOfArn(out.Arn) };
  } finally {
    sts.destroy();
  }
}

/** AWS's time as its answers state it (HTTP Date, whole seconds), carried forward by elapsed time. */
class AwsClock {
  private last: { awsMs: number; at: number } | undefined;

  note(date: string | undefined): void {
    const awsMs = date ? Date.parse(date) : NaN;
    // performance.now() is monotonic: a local clock change between two calls cannot skew the result.
    if (Number.isFinite(awsMs)) this.last = { awsMs, at: performance.now() };
  }

  now(): Date | undefined {
    return this.last && new Date(this.last.awsMs + (performance.now() - this.last.at));
  }
}

// AWS's denial text for an explicit Deny: the shape of the usual "deny unless MFA" policies.
// An implicit deny ("no identity-based policy allows") is a missing permission, and MFA would not help.
const EXPLICIT_DENY = /explicit deny/i;

/** A profile's identity in AWS, able to sign IAM calls (switching to an MFA session when needed). */
export class ProfileSession {
  private credentials: StaticCredentials;
  private mfa = false;
  private readonly clients: { destroy(): void }[] = [];

  private constructor(
    readonly key: ProfileKey,
    readonly identity: CallerIdentity,
    private readonly deps: LifecycleDeps,
  ) {
    // A stale aws_session_token beside a long-term key would only make AWS refuse the key.
    this.credentials = { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
  }

  /**
   * Signs in as the profile: GetCallerIdentity with its key, then MFA at once when the profile
   * names an mfa_serial. Throws LifecycleError (nothing changed) when the key is refused.
   */
  static async open(key: ProfileKey, deps: LifecycleDeps, signal?: AbortSignal): Promise<ProfileSession> {
    let identity: CallerIdentity;
    try {
      identity = await getCallerIdentity(
        { profile: key.profile, credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey }, ...deps.files },
        deps.clientOptions ?? {},
        signal,
      );
    } catch (error) {
      if (signal?.aborted) throw cancelled();
      throw new LifecycleError(
        `AWS did not accept the key of profile "${key.profile}" (${describeAwsError(error)}). Check the key, your network and the endpoint. Nothing was changed.`,
        'unchanged',
        'preflight',
        undefined,
        { cause: error },
      );
    }
    const session = new ProfileSession(key, identity, deps);
    if (key.mfaSerial || deps.mfaSerialNumber) await session.signInWithMfa('profile');
    return session;
  }

  /** True once IAM calls are signed with an MFA session. */
  get usesMfa(): boolean {
    return this.mfa;
  }

  /** A new IAM client with the current credentials (the caller may lower maxAttempts for non-idempotent calls). */
  iam(options: ClientOptions = {}): IAMClient {
    const client = createIamClient({ profile: this.key.profile, credentials: this.credentials, ...this.deps.files }, { ...this.deps.clientOptions, ...options });
    client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        this.awsClock.note((result.response as { headers?: Record<string, string | undefined> }).headers?.date);
        return result;
      },
      { step: 'deserialize', name: 'awsKeyGuardAwsClock' },
    );
    this.clients.push(client);
    return client;
  }

  /**
   * AWS's time now, from the Date of IAM's latest answer plus the time elapsed since; undefined
   * before any answer. Unlike this machine's clock it cannot be minutes off, which matters for a
   * cutoff that AWS compares with its own times (aws:TokenIssueTime).
   */
  awsTime(): Date | undefined {
    return this.awsClock.now();
  }

  private readonly awsClock = new AwsClock();

  /**
   * Runs an IAM call; when it is refused with an explicit deny and no MFA session is in use yet,
   * signs in with MFA and runs it once more (policies that require MFA deny that way).
   */
  async call<T>(run: (iam: IAMClient) => Promise<T>, options: ClientOptions = {}): Promise<T> {
    try {
      return await run(this.iam(options));
    } catch (error) {
      if (this.mfa || !isAccessDenied(error) || !EXPLICIT_DENY.test(String((error as Error).message))) throw error;
      this.deps.onEvent?.({ type: 'note', message: 'IAM refused the call with an explicit deny; signing in with MFA.' });
      await this.signInWithMfa('denied');
      return run(this.iam(options));
    }
  }

  /** A new CloudTrail client in `region` with the current credentials (released by close()). */
  cloudTrail(region: string): CloudTrailClient {
    const client = createCloudTrailClient({ profile: this.key.profile, credentials: this.credentials, region, ...this.deps.files }, this.deps.clientOptions ?? {});
    this.clients.push(client);
    return client;
  }

  /** Releases the HTTP connections of every client made. */
  close(): void {
    for (const client of this.clients.splice(0)) client.destroy();
  }

  private async findMfaSerial(): Promise<Pick<MfaCodeRequest, 'serialNumber' | 'serialSource'>> {
    const explicit = this.deps.mfaSerialNumber ?? this.key.mfaSerial;
    if (explicit) return { serialNumber: explicit, serialSource: 'profile' };
    try {
      const out = await this.iam().send(new (iamSdk().ListMFADevicesCommand)({}));
      const serial = out.MFADevices?.[0]?.SerialNumber;
      if (serial) return { serialNumber: serial, serialSource: 'iam' };
    } catch {
      // Policies that require MFA usually deny listing devices too; fall back to the usual name.
    }
    const name = this.identity.userName ?? 'root-account-mfa-device';
    return { serialNumber: `arn:aws:iam::${this.identity.account}:mfa/${name}`, serialSource: 'guess' };
  }

  private async signInWithMfa(reason: 'profile' | 'denied'): Promise<void> {
    this.deps.onEvent?.({ type: 'step', step: 'mfa', title: STEP_TITLES.mfa });
    const device = await this.findMfaSerial();
    const where = `profile "${this.key.profile}"`;
    if (!this.deps.askMfaCode) {
      throw new LifecycleError(`IAM requires MFA for ${where} (device ${device.serialNumber}) and no MFA code was given. Pass --mfa-code, or run it in a terminal. Nothing was changed.`, 'unchanged', 'mfa');
    }
    let previous: { code: string; error: string } | undefined;
    for (let attempt = 1; ; attempt++) {
      const again = previous ? { attempt, previousError: previous.error } : {};
      const code = (await this.deps.askMfaCode({ profile: this.key.profile, ...device, ...again }))?.trim();
      if (!code) throw cancelled('mfa');
      try {
        await this.getSessionToken(device.serialNumber, code);
        return;
      } catch (error) {
        // A refused code asks again (a fresh one from the device), unless the caller can only repeat the same code.
        if (isRefusedMfaCode(error) && attempt < MAX_MFA_ATTEMPTS && code !== previous?.code) {
          previous = { code, error: 'AWS refused the code' };
          this.deps.onEvent?.({ type: 'note', message: `The MFA code was refused (attempt ${attempt} of ${MAX_MFA_ATTEMPTS}); asking again.` });
          continue;
        }
        const hint = device.serialSource === 'guess' ? ` The device serial ${device.serialNumber} was guessed: set mfa_serial in the profile (or pass --mfa-serial).` : '';
        throw new LifecycleError(
          `MFA sign-in for ${where} failed (${describeAwsError(error)}).${reason === 'denied' ? ' IAM requires MFA for this user.' : ''}${hint} Nothing was changed.`,
          'unchanged',
          'mfa',
          undefined,
          { cause: error },
        );
      }
    }
  }

  private async getSessionToken(serialNumber: string, code: string): Promise<void> {
    const sts = createStsClient({ profile: this.key.profile, credentials: this.credentials, ...this.deps.files }, this.deps.clientOptions ?? {});
    try {
      const out = await sts.send(new (stsSdk().GetSessionTokenCommand)({ SerialNumber: serialNumber, TokenCode: code, DurationSeconds: 900 }));
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('GetSessionToken returned no credentials');
      this.credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
      this.mfa = true;
    } finally {
      sts.destroy();
    }
  }
}

const MAX_MFA_ATTEMPTS = 3;

/** STS refused the code itself (wrong or expired); a wrong serial names the serial and is not retried. */
function isRefusedMfaCode(error: unknown): boolean {
  const message = String((error as Error)?.message ?? '');
  return isAccessDenied(error) && /one time pass ?code|MultiFactorAuthentication/i.test(message) && !/serial/i.test(message);
}

/** The error for a user's cancellation before anything changed. */
export function cancelled(step?: 'mfa' | 'preflight' | 'create' | 'write'): LifecycleError {
  return new LifecycleError('Cancelled. Nothing was changed.', 'unchanged', step);
}
