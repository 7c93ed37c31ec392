/**
 * Retiring a key (deactivate or delete) and the other single-key operations of the lifecycle:
 * Deactivate Access Key, Delete Access Key, Delete Deactivated Key. Each confirms first, with a
 * text that says what will stop working.
 */
import { maskKeyId } from '../keys';
import { awsErrorCode, describeAwsError, isAmbiguousFailure } from './aws-errors';
import type { JournalEntry, RotationJournal } from './journal';
import { deleteAccessKey, describeAge, describeLastUse, getLastUse, listAccessKeys, setKeyStatus, type IamAccessKey } from './keys';
import { localKeyHolders, profileList, readProfileKey } from './local';
import { lockProfile } from './profile-lock';
import { ProfileSession } from './session';
import { LifecycleError, type LifecycleDeps, type RetireAction, type RetireRequest } from './types';

/**
 * Deactivates or deletes `accessKeyId` as the session's user. A key already gone counts as
 * deleted, so a retried retire after a lost answer succeeds.
 */
export async function retireKey(session: ProfileSession, accessKeyId: string, action: RetireAction): Promise<void> {
  try {
    if (action === 'delete') await deleteAccessKey(session, accessKeyId);
    else await setKeyStatus(session, accessKeyId, 'Inactive');
  } catch (error) {
    if (action === 'delete' && awsErrorCode(error) === 'NoSuchEntity') return;
    throw error;
  }
}

/**
 * Retires a profile's previous key on its own: the Retry of a rotation whose retire step failed.
 * Signs in with what the profile holds now (the new key). Once the old key is retired, the
 * rotation's journal entry is removed (a journal that cannot be written is only reported through
 * `onEvent`: the rotation is finished). Throws LifecycleError on failure (the old key stays
 * active, or may, state `partial`, retryable).
 */
export async function retireOldKey(request: RetireRequest, deps: LifecycleDeps & { readonly journal: RotationJournal }): Promise<void> {
  const lock = lockProfile(deps.journal, request.profile);
  try {
    await retireOldKeyLocked(request, deps);
  } finally {
    lock.release();
  }
}

async function retireOldKeyLocked(request: RetireRequest, deps: LifecycleDeps & { readonly journal: RotationJournal }): Promise<void> {
  const key = readProfileKey(deps.files, request.profile);
  if (key.accessKeyId === request.oldAccessKeyId) {
    throw new LifecycleError(`Profile "${request.profile}" still holds the old key ${maskKeyId(request.oldAccessKeyId)}; retiring it would break the profile. Nothing was changed.`, 'unchanged', 'retire');
  }
  const session = await ProfileSession.open(key, deps);
  try {
    await retireKey(session, request.oldAccessKeyId, request.retire);
  } catch (error) {
    if (error instanceof LifecycleError) throw error;
    const state = await keyStateAfterFailure(session, request.oldAccessKeyId, error);
    if (!retireTookEffect(state, request.retire)) {
      throw new LifecycleError(
        `${request.retire === 'delete' ? 'Deleting' : 'Deactivating'} the old key ${maskKeyId(request.oldAccessKeyId)} failed again (${describeAwsError(error)}). ${oldKeyState(error, state)}; profile "${request.profile}" uses its new key.`,
        'partial',
        'retire',
        request,
        { cause: error },
      );
    }
    deps.onEvent?.({ type: 'note', message: retireDoneAnyway(request.oldAccessKeyId, request.retire, error) });
  } finally {
    session.close();
  }
  const warning = removeJournalEntries(deps.journal, (e) => e.profile === request.profile && e.oldAccessKeyId === request.oldAccessKeyId);
  if (warning) deps.onEvent?.({ type: 'note', message: warning });
}

/** What IAM lists for a key after a failed retire: its status, 'gone', or undefined when IAM could not be asked. */
export type KeyStateAfterFailure = 'Active' | 'Inactive' | 'gone' | undefined;

/**
 * After a retire that failed: when the call timed out or AWS failed (5xx) it may have taken effect,
 * so IAM is asked (ListAccessKeys). A refusal (4xx) changed nothing: the key is still active.
 */
export async function keyStateAfterFailure(list: ProfileSession | (() => Promise<IamAccessKey[]>), accessKeyId: string, error: unknown): Promise<KeyStateAfterFailure> {
  if (!isAmbiguousFailure(error)) return 'Active';
  try {
    const keys = list instanceof ProfileSession ? await listAccessKeys(list) : await list();
    const key = keys.find((k) => k.accessKeyId === accessKeyId);
    return key ? (key.status === 'Inactive' ? 'Inactive' : 'Active') : 'gone';
  } catch {
    return undefined;
  }
}

/** True when IAM shows the retire done after all (deactivate: inactive or gone; delete: gone). */
export function retireTookEffect(state: KeyStateAfterFailure, action: RetireAction): boolean {
  return state === 'gone' || (action === 'deactivate' && state === 'Inactive');
}

/** A note for a retire whose answer was lost but which IAM shows done. */
export function retireDoneAnyway(accessKeyId: string, action: RetireAction, error: unknown): string {
  return `The request to ${action} the old key ${maskKeyId(accessKeyId)} failed (${describeAwsError(error)}), but IAM now lists the key as ${action === 'delete' ? 'deleted' : 'inactive'}: it took effect.`;
}

/**
 * What is true of a key that was not retired, from what IAM said: "It is still active" when AWS
 * refused or lists it active, "It may still be active" only when IAM could not be asked.
 */
export function oldKeyState(error: unknown, state: KeyStateAfterFailure = isAmbiguousFailure(error) ? undefined : 'Active'): string {
  if (state === undefined) return 'It may still be active: the request timed out or AWS failed, so it may also have taken effect, and IAM could not be asked; check the key in the IAM console';
  if (state === 'Inactive') return 'It is inactive now (IAM lists it so), but not deleted';
  if (isAmbiguousFailure(error)) return 'It is still active: IAM lists it as active after the failed request (should that request still arrive, AWS may yet apply it)';
  return 'It is still active';
}

/**
 * Removes the journal entries matching `which`. Returns undefined when done, or a warning
 * sentence (secret-free) when the journal could not be read or written.
 */
export function removeJournalEntries(journal: RotationJournal, which: (entry: JournalEntry) => boolean): string | undefined {
  try {
    for (const entry of journal.entries().filter(which)) journal.remove(entry.id);
    return undefined;
  } catch (error) {
    return `Warning: the rotation journal could not be updated (${(error as Error).message}); if an interrupted rotation is offered later, dismiss it.`;
  }
}

/**
 * Deactivates or deletes the key a profile holds, after a confirmation naming every local profile
 * that stops working. Returns false when the user declined (nothing changed).
 */
export async function retireProfileKey(profile: string, action: RetireAction, deps: LifecycleDeps): Promise<boolean> {
  const key = readProfileKey(deps.files, profile);
  const users = localKeyHolders(deps.files).filter((h) => h.accessKeyId === key.accessKeyId).map((h) => h.profile);
  const session = await ProfileSession.open(key, deps);
  try {
    let lastUse = 'last use unknown';
    try {
      lastUse = describeLastUse(await getLastUse(session, key.accessKeyId), deps.now?.() ?? new Date());
    } catch {
      // Shown only as context in the confirmation.
    }
    const masked = maskKeyId(key.accessKeyId);
    const accepted = await deps.confirm({
      kind: action === 'delete' ? 'delete-key' : 'deactivate-key',
      message: `${action === 'delete' ? 'Delete' : 'Deactivate'} access key ${masked} of ${profileList(users)} (${lastUse})?`,
      detail:
        action === 'delete'
          ? `${profileList(users)} and anything else using this key (scripts, servers, CI) stop working at once. Deleting cannot be undone: the key is gone for good.`
          : `${profileList(users)} and anything else using this key (scripts, servers, CI) stop working until the key is activated again in the IAM console.`,
      acceptLabel: action === 'delete' ? 'Delete Key' : 'Deactivate Key',
      explicit: true,
    });
    if (!accepted) return false;
    try {
      await retireKey(session, key.accessKeyId, action);
    } catch (error) {
      if (isAmbiguousFailure(error)) {
        const state = await keyStateAfterFailure(session, key.accessKeyId, error);
        if (retireTookEffect(state, action)) {
          deps.onEvent?.({ type: 'note', message: retireDoneAnyway(key.accessKeyId, action, error) });
          return true;
        }
        throw new LifecycleError(`${action === 'delete' ? 'Deleting' : 'Deactivating'} key ${masked} failed (${describeAwsError(error)}). ${oldKeyState(error, state)}.`, state === 'Active' ? 'unchanged' : 'partial', 'retire', undefined, { cause: error });
      }
      throw new LifecycleError(`${action === 'delete' ? 'Deleting' : 'Deactivating'} key ${masked} failed (${describeAwsError(error)}). The key is unchanged and still active.`, 'unchanged', 'retire', undefined, { cause: error });
    }
    return true;
  } finally {
    session.close();
  }
}

/**
 * Deletes the inactive keys of a profile's user that no local profile holds: what a rotation
 * with "deactivate" leaves behind. Returns the deleted key ids (empty when none, or declined).
 */
export async function deleteDeactivatedKeys(profile: string, deps: LifecycleDeps): Promise<string[]> {
  const key = readProfileKey(deps.files, profile);
  const local = new Set(localKeyHolders(deps.files).map((h) => h.accessKeyId));
  const session = await ProfileSession.open(key, deps);
  const now = deps.now?.() ?? new Date();
  try {
    const keys = (await listAccessKeys(session)).filter((k) => k.status === 'Inactive' && !local.has(k.accessKeyId));
    const deleted: string[] = [];
    for (const old of keys) {
      let lastUse = 'last use unknown';
      try {
        lastUse = describeLastUse(await getLastUse(session, old.accessKeyId), now);
      } catch {
        // Context only.
      }
      const accepted = await deps.confirm({
        kind: 'delete-deactivated-key',
        message: `Delete the deactivated key ${maskKeyId(old.accessKeyId)} of user ${session.identity.userName ?? session.identity.arn} (${describeAge(old, now)}, ${lastUse})?`,
        detail: 'It is inactive and no local profile holds it, so nothing can be using it now. Deleting cannot be undone.',
        acceptLabel: 'Delete Key',
        explicit: false,
      });
      if (!accepted) continue;
      await deleteAccessKey(session, old.accessKeyId);
      deleted.push(old.accessKeyId);
    }
    return deleted;
  } finally {
    session.close();
  }
}
