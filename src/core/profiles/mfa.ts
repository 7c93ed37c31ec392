/**
 * MFA sessions for profiles whose IAM policy denies key calls without MFA: STS GetSessionToken with
 * the device's serial and a current code, signed with the profile's own key. The session's
 * credentials are only ever held in memory by the caller, until they expire.
 */
import { type ClientOptions, createStsClient, type StaticCredentials } from '../aws/clients';
import { getProperty, mergeProfiles, readSharedFiles, type Environment } from '../credentials';

/** Temporary credentials from GetSessionToken, and when they stop working. */
export interface MfaSession {
  readonly credentials: StaticCredentials;
  readonly expiresAt: Date;
}

/** Where the device serial came from: the profile's mfa_serial, or the usual name guessed from the user's ARN. */
export interface MfaDevice {
  readonly serialNumber: string;
  readonly source: 'profile' | 'guess';
}

/**
 * The MFA device of a profile: its `mfa_serial`, else `arn:aws:iam::ACCOUNT:mfa/USER` built from
 * the user's ARN (the name the console gives a user's first virtual device). Undefined when neither is known.
 */
export function mfaDeviceOf(env: Environment, homedir: string, profileName: string, userArn?: string): MfaDevice | undefined {
  const merged = mergeProfiles(readSharedFiles(env, homedir)).find((p) => p.name === profileName);
  const configured = merged && getProperty(merged.properties, 'mfa_serial');
  if (configured) return { serialNumber: configured, source: 'profile' };
  const match = userArn && /^arn:(aws[\w-]*):iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(userArn);
  return match ? { serialNumber: `arn:${match[1]}:iam::${match[2]}:mfa/${match[3]}`, source: 'guess' } : undefined;
}

/** True when STS refused the code itself (wrong or expired code): asking again can help. */
export function isWrongMfaCode(error: unknown): boolean {
  const e = error as { name?: string; Code?: string; message?: string };
  const code = e?.Code ?? e?.name ?? '';
  const message = e?.message ?? '';
  // A wrong serial is refused with the same code but names the serial: another code would not help.
  return (code === 'AccessDenied' || code === 'AccessDeniedException') && /MultiFactorAuthentication|one time pass ?code/i.test(message) && !/serial/i.test(message);
}

/**
 * Gets an MFA session for `profileName` with the code of `serialNumber` (GetSessionToken, one
 * hour). Rejects with the SDK's error; {@link isWrongMfaCode} tells a refused code apart.
 */
export async function getMfaSession(
  target: { profile: string; credentialsFile: string; configFile: string },
  serialNumber: string,
  code: string,
  options: ClientOptions = {},
): Promise<MfaSession> {
  const { GetSessionTokenCommand } = require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
  const sts = createStsClient(target, { maxAttempts: 1, ...options });
  try {
    const out = await sts.send(new GetSessionTokenCommand({ SerialNumber: serialNumber, TokenCode: code.trim(), DurationSeconds: 3600 }));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('GetSessionToken returned no credentials');
    return { credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }, expiresAt: c.Expiration ?? new Date(Date.now() + 3_600_000) };
  } finally {
    sts.destroy();
  }
}
