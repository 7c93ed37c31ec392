/**
 * rotateProfileKey: the rotation procedure, in AWS's recommended order (create the new key,
 * switch the file to it, check it works, then retire the old key), with a journal entry before
 * every step that changes something and an undo for every failure before the retire step.
 */
import type { CredentialsFileKind, HeldLock } from '../credentials';
import { maskKeyId } from '../keys';
import { describeAwsError, isAmbiguousFailure, isServiceError } from './aws-errors';
import { fileHoldsKey, restoreOldKey, writeNewKey, writeNewKeyElsewhere, type KeyWrite } from './file-update';
import { upperCaseKeyWarning } from './key-names';
import { JournalError, RotationJournal, type JournalEntry } from './journal';
import { createAccessKey, deleteAccessKey, listAccessKeys, listAccessKeysAs, type IamAccessKey } from './keys';
import { lockProfile } from './profile-lock';
import { localKeyHolders, profileList, readProfileKey, sectionsHoldingKey, type ProfileKey } from './local';
import { keyStateAfterFailure, oldKeyState, retireDoneAnyway, retireKey, retireTookEffect } from './retire';
import { cancelled, ProfileSession } from './session';
import { confirmTwoKeyHandling } from './two-keys';
import { KeyNotInFile, verifyProfileKey } from './verify';
import { LifecycleError, STEP_TITLES, type LifecycleDeps, type RetireAction, type RotationStep } from './types';

/** What to rotate. */
export interface RotationRequest {
  readonly profile: string;
  /** What happens to the old key once the new one works (default: deactivate). */
  readonly retire?: RetireAction;
  /** Cancels the rotation; honoured until the new key is written, ignored after. */
  readonly signal?: AbortSignal;
}

/** A finished rotation. */
export interface RotationResult {
  readonly profile: string;
  readonly userArn: string;
  readonly oldAccessKeyId: string;
  readonly newAccessKeyId: string;
  /** Every profile that now holds the new key (the rotated one first). */
  readonly updatedProfiles: readonly string[];
  readonly retired: RetireAction;
  /** The other key deleted during preflight to make room (two-key quota), if any. */
  readonly deletedOtherKey?: string;
  readonly usedMfa: boolean;
  /** Problems that did not stop the rotation (e.g. the journal could not be cleaned up); secret-free. */
  readonly warnings: readonly string[];
}

/** The dependencies of a rotation: the lifecycle deps plus the journal. */
export interface RotationDeps extends LifecycleDeps {
  readonly journal: RotationJournal;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Rotates the access key of a local profile. Resolves with what changed; rejects with a
 * LifecycleError whose `state` and message describe where AWS and the file stand:
 * create fails → nothing changed; write fails → the new key is deleted; verify fails → the file
 * is restored and the new key deleted; retire fails → the new key is in use and the old key still
 * active (`retry` holds the request for {@link retireOldKey}).
 */
export async function rotateProfileKey(request: RotationRequest, deps: RotationDeps): Promise<RotationResult> {
  const step = (s: RotationStep) => deps.onEvent?.({ type: 'step', step: s, title: STEP_TITLES[s] });

  // 1. Preflight: the profile, its identity, its keys, room for a new key.
  step('preflight');
  const key = readProfileKey(deps.files, request.profile);
  const lock = lockProfile(deps.journal, key.profile);
  try {
    return await rotateLocked(request, deps, key, lock);
  } finally {
    lock.release();
  }
}

async function rotateLocked(request: RotationRequest, deps: RotationDeps, key: ProfileKey, lock: HeldLock): Promise<RotationResult> {
  const retire = request.retire ?? 'deactivate';
  const signal = request.signal;
  const sleep = deps.sleep ?? defaultSleep;
  const step = (s: RotationStep) => deps.onEvent?.({ type: 'step', step: s, title: STEP_TITLES[s] });
  const note = (message: string) => deps.onEvent?.({ type: 'note', message });
  const checkCancel = (at: RotationStep) => {
    if (signal?.aborted) throw cancelled(at as 'preflight');
  };
  const pending = safeEntries(deps.journal).find((e) => e.profile === request.profile);
  if (pending) {
    throw new LifecycleError(`An earlier rotation of profile "${request.profile}" was interrupted; finish or undo it first (Finish Interrupted Rotation / aws-key-guard rotate --recover). Nothing was changed.`, 'unchanged', 'preflight');
  }
  const session = await ProfileSession.open(key, deps, signal);
  // Once the other key is deleted, no failure may say "nothing was changed" (see mentionDeletedOther).
  let deletedOther: IamAccessKey | undefined;
  try {
    if (!session.identity.userName) {
      throw new LifecycleError(`Profile "${key.profile}" signs in as ${session.identity.arn}, not as an IAM user; only IAM user keys can be rotated. Nothing was changed.`, 'unchanged', 'preflight');
    }
    const keys = await awsStep('preflight', 'list the user\'s access keys', () => listAccessKeys(session, undefined, signal));
    if (!keys.some((k) => k.accessKeyId === key.accessKeyId)) {
      throw new LifecycleError(`IAM does not list key ${maskKeyId(key.accessKeyId)} for ${session.identity.arn}. Nothing was changed.`, 'unchanged', 'preflight');
    }
    const now = deps.now?.() ?? new Date();
    const holders = localKeyHolders(deps.files);
    const otherKey = await confirmTwoKeyHandling({ session, key, keys, holders, now, deps, signal });
    // Every other profile section holding the key, in this file and in the other shared file.
    const sections = sectionsHoldingKey(deps.files, key.accessKeyId).filter((h) => !(h.path === key.path && h.profile === key.profile));
    const sameFile = sections.filter((h) => h.path === key.path).map((h) => h.profile);
    const other = sections.filter((h) => h.path !== key.path);
    let sharedProfiles: string[] = [];
    let sharedElsewhere: { path: string; kind: CredentialsFileKind; profiles: string[] } | undefined;
    if (sections.length > 0) {
      const users = [...(sameFile.length ? [profileList(sameFile)] : []), ...(other.length ? [`${profileList(other.map((h) => h.profile))} in ${other[0].path}`] : [])].join(' and ');
      const accepted = await deps.confirm({
        kind: 'update-shared-profiles',
        message: `Key ${maskKeyId(key.accessKeyId)} is also used by ${users}. Put the new key there too?`,
        detail: `If not, ${users} will keep the old key, which stops working once it is ${retire === 'delete' ? 'deleted' : 'deactivated'}.`,
        acceptLabel: 'Update All',
        explicit: false,
      });
      if (accepted) {
        sharedProfiles = sameFile;
        if (other.length) sharedElsewhere = { path: other[0].path, kind: other[0].file, profiles: other.map((h) => h.profile) };
      }
    }
    checkCancel('preflight');
    if (otherKey) {
      await deleteOtherKey(session, otherKey);
      deletedOther = otherKey;
      note(`Deleted the other key ${maskKeyId(otherKey.accessKeyId)} to make room for the new key.`);
    }
    const keysBefore = keys.map((k) => k.accessKeyId).filter((id) => id !== otherKey?.accessKeyId);

    // 2 (MFA) happens inside the session when IAM asks for it.
    // After the other key was deleted, a cancel here would leave the user with nothing for it: go on to create.
    if (!deletedOther) checkCancel('create');
    const entry = journalPut(deps.journal, {
      id: RotationJournal.newId(),
      profile: key.profile,
      file: key.path,
      userArn: session.identity.arn,
      oldAccessKeyId: key.accessKeyId,
      keysBefore,
      sharedProfiles,
      ...(sharedElsewhere ? { sharedElsewhere: { file: sharedElsewhere.path, profiles: sharedElsewhere.profiles } } : {}),
      retire,
      step: 'creating',
      startedAt: now.toISOString(),
      updatedAt: now.toISOString(),
      owner: { pid: lock.info.pid, host: lock.info.host, processStartedAt: lock.info.processStartedAt, token: lock.info.token },
    }, otherKey);
    await deps.checkpoint?.('before-create');

    // 3. CreateAccessKey.
    step('create');
    const newKey = await createNewKey(session, entry, keysBefore, deps, sleep);
    await deps.checkpoint?.('after-create');
    const created = journalUpdate(deps.journal, entry, { step: 'created', newAccessKeyId: newKey.accessKeyId });
    note(`Created key ${maskKeyId(newKey.accessKeyId)}.`);
    if (signal?.aborted) await undoCreate(session, created, 'The rotation was cancelled', undefined, deps);

    // 4. Write the new key into the file (and into the other file's profiles sharing the key).
    step('write');
    let writes: KeyWrite[];
    try {
      writes = [writeNewKey(key, newKey, sharedProfiles)];
    } catch (error) {
      return await undoCreate(session, created, `Writing the new key into ${key.path} failed (${describeAwsError(error)})`, error, deps);
    }
    if (sharedElsewhere) {
      try {
        writes.push(writeNewKeyElsewhere(sharedElsewhere, key.accessKeyId, newKey));
      } catch (error) {
        // Both files change together or neither does: put the first one back, then delete the key.
        restoreAfterFailedSecondWrite(writes[0], key, newKey.accessKeyId, sharedElsewhere.path, error);
        return await undoCreate(session, created, `Writing the new key into ${sharedElsewhere.path} failed (${describeAwsError(error)}); ${key.path} was put back as it was`, error, deps);
      }
    }
    await deps.checkpoint?.('after-write');
    const written = journalUpdate(deps.journal, created, { step: 'written' });
    const updatedProfiles = [...new Set(writes.flatMap((w) => w.profiles))];
    note(`Wrote the new key into ${writes.map((w) => `${profileList(w.profiles)} in ${w.path}`).join(' and ')}.`);

    // 5. Verify it as it is in the file now: another writer may have replaced the write.
    step('verify');
    try {
      await verifyProfileKey({ profile: key.profile, expectedArn: session.identity.arn, expectedAccessKeyId: newKey.accessKeyId, files: deps.files, deps, sleep, onRetry: note });
      // Retiring the old key breaks every profile still holding it: the shared ones must hold the new key too.
      const lost = writes.flatMap((w) => w.profiles.filter((p) => !fileHoldsKey(w.path, w.kind, p, newKey.accessKeyId)).map((p) => `"${p}" in ${w.path}`));
      if (lost.length) throw new KeyNotInFile(`${lost.join(', ')} no longer ${lost.length > 1 ? 'hold' : 'holds'} the new key: another program wrote the file meanwhile`);
    } catch (error) {
      await undoWrite(session, written, writes, key, newKey.accessKeyId, error, deps);
    }
    await deps.checkpoint?.('after-verify');
    const verified = journalUpdate(deps.journal, written, { step: 'verified' });

    // 6. Retire the old key.
    step('retire');
    const warnings: string[] = [];
    try {
      await retireKey(session, key.accessKeyId, retire);
    } catch (error) {
      // A timeout or a 5xx may hide a retire that happened: IAM says what is true.
      const asNewKey = { profile: key.profile, credentials: { accessKeyId: newKey.accessKeyId, secretAccessKey: newKey.secretAccessKey }, ...deps.files };
      const state = await keyStateAfterFailure(() => listAccessKeysAs(asNewKey, deps.clientOptions), key.accessKeyId, error);
      if (!retireTookEffect(state, retire)) {
        throw new LifecycleError(
          `The new key ${maskKeyId(newKey.accessKeyId)} works and is in ${profileList(updatedProfiles)}, but ${retire === 'delete' ? 'deleting' : 'deactivating'} the old key ${maskKeyId(key.accessKeyId)} failed (${describeAwsError(error)}). ${oldKeyState(error, state).replace(/^It /, 'The old key ')}: retry, or ${retire} it in the IAM console.`,
          'partial',
          'retire',
          { profile: key.profile, oldAccessKeyId: key.accessKeyId, retire },
          { cause: error },
        );
      }
      note(retireDoneAnyway(key.accessKeyId, retire, error));
    }
    const keyNames = safeUpperCaseKeyWarning(writes);
    if (keyNames) {
      warnings.push(keyNames);
      note(keyNames);
    }
    const journalProblem = journalRemove(deps.journal, verified.id);
    if (journalProblem) {
      // The rotation is done; a stale entry only means a recovery prompt later, which can be dismissed.
      const warning = `Warning: the rotation finished, but its entry could not be removed from the rotation journal (${journalProblem}); if Finish Interrupted Rotation offers it later, dismiss it.`;
      warnings.push(warning);
      note(warning);
    }
    await deps.checkpoint?.('after-retire');
    return {
      profile: key.profile,
      userArn: session.identity.arn,
      oldAccessKeyId: key.accessKeyId,
      newAccessKeyId: newKey.accessKeyId,
      updatedProfiles,
      retired: retire,
      deletedOtherKey: otherKey?.accessKeyId,
      usedMfa: session.usesMfa,
      warnings,
    };
  } catch (error) {
    throw deletedOther ? mentionDeletedOther(error, deletedOther) : error;
  } finally {
    session.close();
  }
}

/** The upper-case key name warning for the written profiles; a file that cannot be read again only loses the note. */
function safeUpperCaseKeyWarning(writes: readonly KeyWrite[]): string | undefined {
  try {
    return upperCaseKeyWarning(writes.flatMap((w) => w.profiles.map((profile) => ({ path: w.path, kind: w.kind, profile }))));
  } catch {
    return undefined;
  }
}

/** Deletes the other key (two-key quota). A timeout or 5xx may have deleted it: said as such. */
async function deleteOtherKey(session: ProfileSession, other: IamAccessKey): Promise<void> {
  const masked = maskKeyId(other.accessKeyId);
  try {
    await deleteAccessKey(session, other.accessKeyId);
  } catch (error) {
    if (isServiceError(error) && !isAmbiguousFailure(error)) {
      throw new LifecycleError(`Could not delete the other key ${masked} (${describeAwsError(error)}). Nothing was changed.`, 'unchanged', 'preflight', undefined, { cause: error });
    }
    throw new LifecycleError(
      `Deleting the other key ${masked} failed (${describeAwsError(error)}), and it may have been deleted anyway (the request timed out or AWS failed). No new key was created; the profile's key is untouched. Check the user's keys in the IAM console before rotating again.`,
      'partial',
      'preflight',
      undefined,
      { cause: error },
    );
  }
}

/**
 * A failure after the other key was deleted: that deletion cannot be undone, so the state is
 * partial and the message names the deleted key (masked) instead of saying nothing changed.
 */
function mentionDeletedOther(error: unknown, other: IamAccessKey): unknown {
  if (!(error instanceof LifecycleError)) return error;
  const masked = maskKeyId(other.accessKeyId);
  if (error.state === 'partial' && error.message.includes(masked)) return error;
  const message = `${error.message.replace(/([Nn])othing was changed/g, '$1othing else was changed')} The other key ${masked} was deleted before, to make room for the new key (as you confirmed); that cannot be undone.`;
  return new LifecycleError(message, 'partial', error.step, error.retry, { cause: error.cause ?? error });
}

/** Removes a journal entry; returns undefined, or the (secret-free) reason it could not be removed. */
function journalRemove(journal: RotationJournal, id: string): string | undefined {
  try {
    journal.remove(id);
    return undefined;
  } catch (error) {
    return error instanceof JournalError ? error.message : String(error);
  }
}

/** A sentence to append to a failure message when the journal entry could not be removed. */
function journalNote(journal: RotationJournal, id: string): string {
  const problem = journalRemove(journal, id);
  return problem ? ` (The rotation journal could not be updated: ${problem}; if Finish Interrupted Rotation offers this rotation later, let it check AWS or dismiss it.)` : '';
}

/** Runs a preflight AWS call; its failure changes nothing. */
async function awsStep<T>(step: RotationStep, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof LifecycleError) throw error;
    if ((error as Error).name === 'AbortError') throw cancelled(step as 'preflight');
    throw new LifecycleError(`Could not ${what} (${describeAwsError(error)}). Nothing was changed.`, 'unchanged', step, undefined, { cause: error });
  }
}

function safeEntries(journal: RotationJournal): JournalEntry[] {
  try {
    return journal.entries();
  } catch (error) {
    throw new LifecycleError(`${(error as Error).message}. Nothing was changed.`, 'unchanged', 'preflight');
  }
}

function journalPut(journal: RotationJournal, entry: JournalEntry, deletedOther: IamAccessKey | undefined): JournalEntry {
  try {
    journal.put(entry);
    return entry;
  } catch (error) {
    const extra = deletedOther ? ` The other key ${maskKeyId(deletedOther.accessKeyId)} was deleted as you confirmed.` : '';
    throw new LifecycleError(`${(error as JournalError).message}. No key was created.${extra || ' Nothing was changed.'}`, deletedOther ? 'partial' : 'unchanged', 'create');
  }
}

function journalUpdate(journal: RotationJournal, entry: JournalEntry, change: Partial<JournalEntry>): JournalEntry {
  const next = { ...entry, ...change, updatedAt: new Date().toISOString() };
  try {
    journal.put(next);
  } catch {
    // The rotation goes on: the journal is for crashes, and this process is alive to finish or undo.
  }
  return next;
}

/** CreateAccessKey; on failure makes sure no new key is left behind before reporting. */
async function createNewKey(session: ProfileSession, entry: JournalEntry, keysBefore: readonly string[], deps: RotationDeps, sleep: (ms: number) => Promise<void>) {
  try {
    return await createAccessKey(session, sleep);
  } catch (error) {
    if (!isAmbiguousFailure(error)) {
      // AWS answered with an error: no key was made.
      const journalProblem = journalNote(deps.journal, entry.id);
      throw new LifecycleError(`Creating a new access key failed (${describeAwsError(error)}). Nothing was changed: the old key is still in the file and active.${journalProblem}`, 'unchanged', 'create', undefined, { cause: error });
    }
    // A timeout or a 5xx may hide a key that was made: look, and delete any key we did not have.
    let found: string[];
    try {
      found = (await listAccessKeys(session)).map((k) => k.accessKeyId).filter((id) => !keysBefore.includes(id));
      for (const id of found) await deleteAccessKey(session, id);
    } catch {
      throw new LifecycleError(
        `Creating a new access key failed (${describeAwsError(error)}), and AWS could not be asked whether a key was made anyway. The file still holds the old key, which still works. Run Finish Interrupted Rotation (aws-key-guard rotate --recover) to remove a stray new key.`,
        'partial',
        'create',
        undefined,
        { cause: error },
      );
    }
    // The journal entry stays: AWS may still finish the lost request, and the next start looks again.
    const cleaned = found.length ? ` The new key ${found.map(maskKeyId).join(', ')} that AWS made anyway was deleted.` : '';
    throw new LifecycleError(
      `Creating a new access key failed (${describeAwsError(error)}).${cleaned} The old key is still in the file and active. In case AWS still makes the key, run Finish Interrupted Rotation (aws-key-guard rotate --recover) later.`,
      'unchanged',
      'create',
      undefined,
      { cause: error },
    );
  }
}

/** Deletes the new key after a failed or cancelled write; throws the error describing the outcome. */
async function undoCreate(session: ProfileSession, entry: JournalEntry, what: string, cause: unknown, deps: RotationDeps): Promise<never> {
  const newId = entry.newAccessKeyId!;
  try {
    await deleteAccessKey(session, newId);
  } catch (error) {
    throw new LifecycleError(
      `${what}. The file still holds the old key, which still works, but deleting the unused new key ${maskKeyId(newId)} failed (${describeAwsError(error)}): delete it in the IAM console or run Finish Interrupted Rotation.`,
      'partial',
      'write',
      undefined,
      { cause },
    );
  }
  const journalProblem = journalNote(deps.journal, entry.id);
  if (cause === undefined) throw new LifecycleError(`${what}. The new key was deleted; nothing was changed.${journalProblem}`, 'unchanged', 'write');
  throw new LifecycleError(`${what}. The new key was deleted; the file still holds the old key, which still works.${journalProblem}`, 'unchanged', 'write', undefined, { cause });
}

/**
 * The second file could not be written: puts the first back. When that fails too, throws the
 * partial state (the first file holds the new key, which Finish Interrupted Rotation completes).
 */
function restoreAfterFailedSecondWrite(first: KeyWrite, key: ProfileKey, newId: string, otherPath: string, cause: unknown): void {
  try {
    restoreOldKey(first, key, newId);
  } catch (error) {
    throw new LifecycleError(
      `Writing the new key into ${otherPath} failed (${describeAwsError(cause)}), and putting the old key back into ${key.path} failed too (${describeAwsError(error)}). ${profileList(first.profiles)} in ${key.path} hold the new key ${maskKeyId(newId)}; the old key ${maskKeyId(key.accessKeyId)} is still active and still in ${otherPath}. Run Finish Interrupted Rotation to complete the rotation.`,
      'partial',
      'write',
      undefined,
      { cause },
    );
  }
}

/** Restores the files and deletes the new key after a failed verification; always throws. */
async function undoWrite(session: ProfileSession, entry: JournalEntry, writes: readonly KeyWrite[], key: ProfileKey, newId: string, cause: unknown, deps: RotationDeps): Promise<never> {
  const what =
    cause instanceof KeyNotInFile
      ? `The new key ${maskKeyId(newId)} is not in the file after all (${cause.message})`
      : `The new key ${maskKeyId(newId)} did not work (${describeAwsError(cause)})`;
  const restored: string[] = [];
  // The other file first: the rotated profile keeps the new key until last, so that a crash in
  // between leaves a rotation that Finish Interrupted Rotation can complete.
  for (const write of [...writes].reverse()) {
    try {
      for (const name of restoreOldKey(write, key, newId)) if (!restored.includes(name)) restored.push(name);
    } catch (error) {
      throw new LifecycleError(
        `${what}, and putting the old key back into ${write.path} failed (${describeAwsError(error)}). The file holds the new key; the old key ${maskKeyId(key.accessKeyId)} is still active. Run Finish Interrupted Rotation to try again.`,
        'partial',
        'verify',
        undefined,
        { cause },
      );
    }
  }
  const all = writes.flatMap((w) => w.profiles);
  const missing = [...new Set(all.filter((p) => !restored.includes(p)))];
  if (missing.length > 0) {
    // The file was edited meanwhile and these profiles were not put back: keep the new key for them.
    throw new LifecycleError(
      `${what}. The file changed meanwhile: the old key is back in ${restored.length ? profileList(restored) : 'no profile'}, but ${profileList(missing)} could not be restored and were left as they are. The old key ${maskKeyId(key.accessKeyId)} is still active; the new key ${maskKeyId(newId)} was kept. Check the file, then run Finish Interrupted Rotation.`,
      'partial',
      'verify',
      undefined,
      { cause },
    );
  }
  try {
    await deleteAccessKey(session, newId);
  } catch (error) {
    throw new LifecycleError(
      `${what}. The old key is back in ${profileList(restored)} and still works, but deleting the new key failed (${describeAwsError(error)}): delete it in the IAM console or run Finish Interrupted Rotation.`,
      'partial',
      'verify',
      undefined,
      { cause },
    );
  }
  const journalProblem = journalNote(deps.journal, entry.id);
  throw new LifecycleError(`${what}. The old key was put back into ${profileList(restored)} and the new key was deleted; nothing was changed.${journalProblem}`, 'unchanged', 'verify', undefined, { cause });
}
