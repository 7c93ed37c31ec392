/**
 * Responding to a leaked access key id, which may belong to no local profile: find local profiles
 * in the same AWS account (the account id is decoded offline from the key id), ask IAM as one of
 * them who owns the key and when it was last used, and deactivate it.
 */
import { accountIdFromKeyId, maskKeyId } from '../keys';
import { describeAwsError } from './aws-errors';
import { describeLastUse, getLastUse, setKeyStatus, type KeyLastUse } from './keys';
import { localKeyHolders, profileList, readProfileKey, type LocalKeyHolder } from './local';
import { ProfileSession } from './session';
import { LifecycleError, type LifecycleDeps } from './types';

/** Local profiles that can act on a leaked key. */
export interface LeakCandidates {
  /** The account the key belongs to, when the key id encodes it. */
  readonly accountId?: string;
  /** Local profiles holding this very key (rotation is the answer for them). */
  readonly holders: readonly LocalKeyHolder[];
  /** Local key profiles in the same account (all key profiles when the account is unknown), holders first. */
  readonly sameAccount: readonly LocalKeyHolder[];
}

/** Finds the local profiles that can look up and deactivate `accessKeyId`, offline. */
export function leakCandidates(accessKeyId: string, files: LifecycleDeps['files']): LeakCandidates {
  const accountId = accountIdFromKeyId(accessKeyId);
  const all = localKeyHolders(files);
  const holders = all.filter((h) => h.accessKeyId === accessKeyId);
  const same = all.filter((h) => accountId === undefined || accountIdFromKeyId(h.accessKeyId) === accountId);
  const ordered = [...holders, ...same.filter((h) => h.accessKeyId !== accessKeyId)];
  return { accountId, holders, sameAccount: ordered };
}

/** A leaked key as IAM describes it. */
export interface LeakedKeyFacts {
  readonly accessKeyId: string;
  readonly userName: string;
  readonly lastUse: KeyLastUse;
  readonly lastUseText: string;
}

/**
 * Asks IAM (GetAccessKeyLastUsed, as `profile`) who owns the key and when it was last used, then,
 * after confirmation, deactivates it with UpdateAccessKey(UserName, AccessKeyId, Inactive).
 * Returns the facts and whether it was deactivated (false: declined, nothing changed).
 */
export async function deactivateLeakedKey(accessKeyId: string, profile: string, deps: LifecycleDeps): Promise<{ facts: LeakedKeyFacts; deactivated: boolean }> {
  const key = readProfileKey(deps.files, profile);
  const session = await ProfileSession.open(key, deps);
  const masked = maskKeyId(accessKeyId);
  try {
    let lastUse: KeyLastUse;
    try {
      lastUse = await getLastUse(session, accessKeyId);
    } catch (error) {
      throw new LifecycleError(`Profile "${profile}" could not look up key ${masked} (${describeAwsError(error)}). Use a profile of the key's account that may read IAM (GetAccessKeyLastUsed). Nothing was changed.`, 'unchanged', undefined, undefined, { cause: error });
    }
    if (!lastUse.userName) throw new LifecycleError(`IAM did not say which user owns key ${masked}. Nothing was changed.`, 'unchanged');
    const facts: LeakedKeyFacts = { accessKeyId, userName: lastUse.userName, lastUse, lastUseText: describeLastUse(lastUse, deps.now?.() ?? new Date()) };
    const users = localKeyHolders(deps.files).filter((h) => h.accessKeyId === accessKeyId).map((h) => h.profile);
    const accepted = await deps.confirm({
      kind: 'deactivate-leaked-key',
      message: `Deactivate the leaked key ${masked} of user ${facts.userName} (${facts.lastUseText})?`,
      detail: `Anything using this key stops working at once${users.length ? `, including local ${profileList(users)}` : ''}. It can be activated again in the IAM console; rotate or delete it afterwards.`,
      acceptLabel: 'Deactivate Now',
      explicit: false,
    });
    if (!accepted) return { facts, deactivated: false };
    try {
      await setKeyStatus(session, accessKeyId, 'Inactive', facts.userName);
    } catch (error) {
      throw new LifecycleError(`Deactivating the leaked key ${masked} of user ${facts.userName} failed (${describeAwsError(error)}). It is still active: deactivate it in the IAM console now.`, 'unchanged', undefined, undefined, { cause: error });
    }
    return { facts, deactivated: true };
  } finally {
    session.close();
  }
}
