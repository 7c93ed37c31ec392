/**
 * "Enter MFA code…" on a profile whose IAM policy requires MFA: asks for the device's code, gets a
 * session with STS GetSessionToken, keeps it in memory until it expires (never on disk), and loads
 * the profile's facts with it. A code AWS refuses asks again.
 */
import * as os from 'node:os';
import type { StaticCredentials } from '../../core/aws/clients';
import { awsHomeDirectory } from '../../core/credentials';
import { describeAwsError } from '../../core/rotation';
import { getMfaSession, isWrongMfaCode, mfaDeviceOf, type MfaSession } from '../../core/profiles';
import type { Log } from '../log';
import type { Prompts } from '../prompts';
import type { ProfilesModel } from './model';

const MAX_ATTEMPTS = 3;

/** Live MFA sessions by profile name, dropped when they expire. */
export class MfaSessions {
  private readonly sessions = new Map<string, MfaSession>();

  set(profile: string, session: MfaSession): void {
    this.sessions.set(profile, session);
  }

  /** The session's credentials while it is valid (a minute of margin before its expiry). */
  credentials(profile: string, now = Date.now()): StaticCredentials | undefined {
    const session = this.sessions.get(profile);
    if (session && session.expiresAt.getTime() - 60_000 > now) return session.credentials;
    this.sessions.delete(profile);
    return undefined;
  }

  /** When the profile's session expires, if it has one. */
  expiresAt(profile: string): Date | undefined {
    return this.credentials(profile) ? this.sessions.get(profile)?.expiresAt : undefined;
  }
}

/** Profiles whose facts failed because IAM requires MFA. */
export function profilesNeedingMfa(model: ProfilesModel): string[] {
  return model.state.profiles.filter((p) => {
    const status = model.state.statuses.get(p.name);
    return status?.state === 'failed' && status.problem.code === 'mfa-required';
  }).map((p) => p.name);
}

/** Enter MFA code…: resolves true once the profile's facts load with a new session. */
export async function enterMfaCode(profileName: string | undefined, model: ProfilesModel, sessions: MfaSessions, prompts: Prompts, log: Log): Promise<boolean> {
  let profile = profileName;
  if (!profile) {
    const candidates = profilesNeedingMfa(model);
    if (candidates.length === 0) {
      void prompts.show('info', 'AWS Key Guard: no profile is waiting for an MFA code (none of the loaded profiles was refused for want of MFA).');
      return false;
    }
    profile = (await prompts.pick(candidates.map((label) => ({ label })), { title: 'Enter MFA Code', placeHolder: 'Profile whose IAM policy requires MFA' }))?.label;
  }
  if (!profile) return false;
  const status = model.state.statuses.get(profile);
  const userArn = status?.state === 'failed' || status?.state === 'loaded' ? (status.state === 'loaded' ? status.facts.identity.arn : status.identity?.arn) : undefined;
  let device;
  try {
    device = mfaDeviceOf(process.env, awsHomeDirectory(process.env, os.homedir()), profile, userArn);
  } catch (error) {
    log.error(`Reading profile "${profile}" failed`, error);
  }
  if (!device) {
    void prompts.show('error', `AWS Key Guard: the MFA device of profile "${profile}" is not known. Add mfa_serial = arn:aws:iam::ACCOUNT:mfa/DEVICE to the profile in ~/.aws/config, then try again.`);
    return false;
  }
  const target = { profile, ...model.state };
  let previousError: string | undefined;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const code = await prompts.mfaCode({ profile, serialNumber: device.serialNumber, attempt, previousError });
    if (!code) return false;
    try {
      const session = await getMfaSession({ profile, credentialsFile: target.credentialsFile, configFile: target.configFile }, device.serialNumber, code);
      sessions.set(profile, session);
      log.info(`MFA session for profile "${profile}" until ${session.expiresAt.toISOString()} (kept in memory only)`);
      await model.reload({ only: profile });
      return true;
    } catch (error) {
      if (isWrongMfaCode(error) && attempt < MAX_ATTEMPTS) {
        previousError = 'AWS refused the code';
        log.warn(`MFA code for profile "${profile}" refused (attempt ${attempt})`);
        continue;
      }
      log.error(`MFA sign-in for profile "${profile}" failed`, error);
      const guess = device.source === 'guess' ? ` The device serial ${device.serialNumber} was guessed from the user name: set mfa_serial in the profile if it differs.` : '';
      void prompts.show('error', `AWS Key Guard: MFA sign-in for profile "${profile}" failed (${describeAwsError(error)}).${guess}`, 'Show Log').then((b) => b && log.show());
      return false;
    }
  }
  return false;
}
