/**
 * Finding a local profile that can act on a leaked key: one of the key's account (decoded offline
 * from the key id) whose identity IAM lets look the key up. Profiles holding the leaked key itself
 * come last: deactivating the key would cut them off in the middle of the response.
 */
import { maskKeyId } from '../keys';
import { awsErrorCode, describeAwsError, LifecycleError, leakCandidates, type LifecycleDeps } from '../rotation';
import { getLastUse, type KeyLastUse } from '../rotation/keys';
import { readProfileKey } from '../rotation/local';
import { ProfileSession } from '../rotation/session';

/** The profile that acts, signed in. */
export interface Actor {
  readonly session: ProfileSession;
  readonly profile: string;
  /** Why this profile: "the only profile of account …", "the first of account … that could look the key up". */
  readonly reason: string;
  readonly lastUse: KeyLastUse & { userName: string };
  /** Local profiles holding the leaked key. */
  readonly holders: readonly string[];
}

/** No profile can act: why, in one message (nothing was changed). */
export class NoActorError extends Error {
  override readonly name = 'NoActorError';
}

async function tryProfile(profile: string, accessKeyId: string, deps: LifecycleDeps): Promise<{ session: ProfileSession; lastUse: KeyLastUse } | { problem: string; unknownKey?: boolean }> {
  let session: ProfileSession;
  try {
    session = await ProfileSession.open(readProfileKey(deps.files, profile), deps);
  } catch (error) {
    return { problem: error instanceof LifecycleError ? error.message.replace(/ Nothing was changed\.$/, '') : describeAwsError(error) };
  }
  try {
    return { session, lastUse: await getLastUse(session, accessKeyId) };
  } catch (error) {
    session.close();
    return { problem: `GetAccessKeyLastUsed was refused (${describeAwsError(error)})`, unknownKey: awsErrorCode(error) === 'NoSuchEntity' };
  }
}

/**
 * Signs in as the profile named in `preferred`, or as the first local profile of the key's account
 * that can look the key up. Throws NoActorError when none can (nothing changed).
 */
export async function findActor(accessKeyId: string, preferred: string | undefined, deps: LifecycleDeps): Promise<Actor> {
  const masked = maskKeyId(accessKeyId);
  const candidates = leakCandidates(accessKeyId, deps.files);
  const holders = candidates.holders.map((h) => h.profile);
  const account = candidates.accountId ? `account ${candidates.accountId}` : 'the key\'s account (this key id does not encode it)';
  let names: string[];
  if (preferred) {
    names = [preferred];
  } else {
    // Profiles that would ask for an MFA code come after those that would not.
    const sameAccount = candidates.sameAccount.map((h) => h.profile);
    const needsMfa = (p: string) => !!readProfileKey(deps.files, p).mfaSerial;
    const others = sameAccount.filter((p) => !holders.includes(p));
    names = [...others.filter((p) => !needsMfa(p)), ...others.filter(needsMfa), ...sameAccount.filter((p) => holders.includes(p))];
    if (names.length === 0) throw new NoActorError(`No local profile belongs to ${account}. Deactivate key ${masked} in the IAM console of that account, or pass --profile.`);
  }
  const problems: string[] = [];
  for (const profile of names) {
    const outcome = await tryProfile(profile, accessKeyId, deps);
    if ('problem' in outcome) {
      if (outcome.unknownKey) throw new NoActorError(`IAM does not know key ${masked} (as profile "${profile}"): it was deleted already, or it belongs to another account. Nothing was changed.`);
      problems.push(`"${profile}": ${outcome.problem}`);
      continue;
    }
    const { session, lastUse } = outcome;
    if (!lastUse.userName) {
      session.close();
      problems.push(`"${profile}": IAM did not say which user owns the key`);
      continue;
    }
    const reason = preferred
      ? `profile "${profile}", as asked`
      : `profile "${profile}": ${names.length === 1 ? 'the only local profile' : 'the first local profile'} of ${account} that may look the key up${problems.length ? ` (${problems.length} other${problems.length === 1 ? ' was' : 's were'} refused)` : ''}`;
    return { session, profile, reason, lastUse: { ...lastUse, userName: lastUse.userName }, holders };
  }
  throw new NoActorError(`No local profile of ${account} could look up key ${masked}: ${problems.join('; ')}. It needs iam:GetAccessKeyLastUsed. Nothing was changed.`);
}
