/**
 * Recovery from an interrupted rotation (the process died between steps). The journal says how
 * far the rotation got; the file says which key the profile holds now. Together they decide:
 * - the file still holds the old key → any new key is an orphan nobody has: delete it;
 * - the file holds the new key → verify it and retire the old key (finish the rotation);
 * - the file holds neither → someone changed it: only report.
 */
import { readCredentialsDocument, type CredentialsFileKind } from '../credentials';
import { maskKeyId } from '../keys';
import { describeAwsError } from './aws-errors';
import { RotationJournal, type JournalEntry } from './journal';
import { deleteAccessKey, listAccessKeys } from './keys';
import { keyIdInDocument, localKeyHolders, readProfileKey } from './local';
import { completeSharedWrite } from './file-update';
import { keyStateAfterFailure, oldKeyState, removeJournalEntries, retireKey, retireTookEffect } from './retire';
import { lockProfile } from './profile-lock';
import { ProfileSession } from './session';
import { LifecycleError, type LifecycleDeps } from './types';
import { verifyProfileKey } from './verify';

/** What to do about an interrupted rotation. */
export type RecoveryAction =
  /** The new key never reached the file: delete it (its id may be unknown when the crash hit CreateAccessKey). */
  | 'delete-orphan'
  /** The file holds the new key: verify it and retire the old key. */
  | 'finish'
  /** The file holds neither key: nothing is done automatically. */
  | 'manual';

/** An interrupted rotation and the recommended action, with a sentence for the user. */
export interface InterruptedRotation {
  readonly entry: JournalEntry;
  readonly action: RecoveryAction;
  readonly message: string;
}

function fileKind(file: string, files: LifecycleDeps['files']): CredentialsFileKind {
  return file === files.configFile ? 'config' : 'credentials';
}

/**
 * Reads the journal and the file and says, for each interrupted rotation, what should happen.
 * Rotations still running (their owner, in this process or another, holds the profile's rotation
 * lock) are not interrupted and not listed.
 */
export function inspectJournal(journal: RotationJournal, files: LifecycleDeps['files']): InterruptedRotation[] {
  return journal.entries().filter((entry) => !journal.isRunning(entry)).map((entry) => {
    const held = keyIdInDocument(readCredentialsDocument(entry.file, fileKind(entry.file, files)), entry.profile);
    const who = `profile "${entry.profile}"`;
    const newKey = entry.newAccessKeyId ? ` ${maskKeyId(entry.newAccessKeyId)}` : '';
    if (held !== undefined && held === entry.newAccessKeyId) {
      return {
        entry,
        action: 'finish',
        message: `A rotation of ${who} was interrupted after the new key${newKey} was written to the file; the old key ${maskKeyId(entry.oldAccessKeyId)} is still active. Finish the rotation (verify the new key, ${entry.retire} the old one)?`,
      };
    }
    if (held === entry.oldAccessKeyId) {
      return {
        entry,
        action: 'delete-orphan',
        message: entry.newAccessKeyId
          ? `A rotation of ${who} was interrupted before the new key${newKey} reached the file; the profile still uses the old key. Delete the unused new key?`
          : `A rotation of ${who} was interrupted while creating a new key; the profile still uses the old key. Check AWS for an unused new key and delete it?`,
      };
    }
    return {
      entry,
      action: 'manual',
      message: `A rotation of ${who} was interrupted, and the profile now holds ${held ? `another key ${maskKeyId(held)}` : 'no key'}. Check the file and the user's keys in the IAM console; the journal entry can then be dismissed.`,
    };
  });
}

/**
 * Carries out the recommended action of an interrupted rotation and removes its journal entry.
 * Returns a sentence describing what was done. Throws LifecycleError when AWS refuses (the entry
 * stays, so it is offered again).
 */
export async function finishInterruptedRotation(interrupted: InterruptedRotation, journal: RotationJournal, deps: LifecycleDeps): Promise<string> {
  const { entry } = interrupted;
  // The list may be old (a dialog stayed open): the rotation may have resumed in its own process,
  // or another window may be recovering it. Only its lock and a fresh look at the journal tell.
  const lock = lockProfile(journal, entry.profile);
  try {
    if (!journal.entries().some((e) => e.id === entry.id)) {
      return `The interrupted rotation of profile "${entry.profile}" was already finished or cleaned up elsewhere; nothing was changed.`;
    }
    return await recoverLocked(interrupted, journal, deps);
  } finally {
    lock.release();
  }
}

async function recoverLocked(interrupted: InterruptedRotation, journal: RotationJournal, deps: LifecycleDeps): Promise<string> {
  const { entry } = interrupted;
  if (interrupted.action === 'manual') {
    journal.remove(entry.id);
    return `Dismissed the interrupted rotation of profile "${entry.profile}"; nothing was changed in AWS.`;
  }
  const key = readProfileKey(deps.files, entry.profile);
  const session = await ProfileSession.open(key, deps);
  try {
    if (interrupted.action === 'delete-orphan') {
      const local = new Set(localKeyHolders(deps.files).map((h) => h.accessKeyId));
      const current = await listAccessKeys(session);
      // Only keys made by this rotation: not there before it began, in no local profile, and
      // (when the crash hid the new key's id) created within minutes of the rotation's start.
      const started = Date.parse(entry.startedAt);
      const inWindow = (date: Date | undefined) => !date || Number.isNaN(started) || (date.getTime() >= started - 60_000 && date.getTime() <= started + 600_000);
      const orphans = current
        .filter((k) => !entry.keysBefore.includes(k.accessKeyId) && !local.has(k.accessKeyId))
        .filter((k) => (entry.newAccessKeyId ? k.accessKeyId === entry.newAccessKeyId : inWindow(k.createDate)))
        .map((k) => k.accessKeyId);
      for (const id of orphans) await deleteAccessKey(session, id);
      await deps.checkpoint?.('after-retire');
      const done =
        orphans.length > 0
          ? `Deleted the unused new key ${orphans.map(maskKeyId).join(', ')}; profile "${entry.profile}" keeps its key ${maskKeyId(key.accessKeyId)}.`
          : `No unused new key was found; profile "${entry.profile}" keeps its key ${maskKeyId(key.accessKeyId)}. Nothing needed doing.`;
      return withJournalWarning(done, journal, entry);
    }
    requireNewKeyInFile(entry, deps);
    // A crash between the rotation's file writes: the profiles sharing the key get it now.
    const newValues = { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
    completeSharedWrite({ path: entry.file, kind: fileKind(entry.file, deps.files), profiles: entry.sharedProfiles }, entry.oldAccessKeyId, newValues);
    if (entry.sharedElsewhere) {
      const elsewhere = entry.sharedElsewhere;
      completeSharedWrite({ path: elsewhere.file, kind: fileKind(elsewhere.file, deps.files), profiles: elsewhere.profiles }, entry.oldAccessKeyId, newValues);
    }
    await verifyProfileKey({ profile: entry.profile, expectedArn: entry.userArn, expectedAccessKeyId: entry.newAccessKeyId!, files: deps.files, deps, sleep: deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))) });
    // The action was chosen before a confirmation that may have stayed open: look at the file
    // again right before retiring, and never retire the key the profile holds (as retireOldKey).
    requireNewKeyInFile(entry, deps);
    try {
      await retireKey(session, entry.oldAccessKeyId, entry.retire);
    } catch (error) {
      // A timeout or a 5xx may hide a retire that happened: IAM says what is true.
      const state = await keyStateAfterFailure(session, entry.oldAccessKeyId, error);
      if (!retireTookEffect(state, entry.retire)) {
        throw new LifecycleError(
          `Profile "${entry.profile}" uses the new key ${maskKeyId(key.accessKeyId)}, but ${entry.retire === 'delete' ? 'deleting' : 'deactivating'} the old key ${maskKeyId(entry.oldAccessKeyId)} failed (${describeAwsError(error)}). ${oldKeyState(error, state)}; run Finish Interrupted Rotation again.`,
          'partial',
          'retire',
          undefined,
          { cause: error },
        );
      }
    }
    await deps.checkpoint?.('after-retire');
    const done = `Finished the rotation of profile "${entry.profile}": it uses the new key ${maskKeyId(key.accessKeyId)} and the old key ${maskKeyId(entry.oldAccessKeyId)} was ${entry.retire === 'delete' ? 'deleted' : 'deactivated'}.`;
    return withJournalWarning(done, journal, entry);
  } catch (error) {
    if (error instanceof LifecycleError) throw error;
    throw new LifecycleError(`Recovering the interrupted rotation of profile "${entry.profile}" failed (${describeAwsError(error)}). Nothing more was changed; try again later.`, 'partial', undefined, undefined, { cause: error });
  } finally {
    session.close();
  }
}

/**
 * The recovery is done in AWS and the files: a journal that cannot be cleaned up only adds a
 * warning (the entry may be offered again, and can then be dismissed).
 */
function withJournalWarning(done: string, journal: RotationJournal, entry: JournalEntry): string {
  const warning = removeJournalEntries(journal, (e) => e.id === entry.id);
  return warning ? `${done} ${warning}` : done;
}

/** Throws LifecycleError (nothing changed) unless the profile holds the rotation's new key. */
function requireNewKeyInFile(entry: JournalEntry, deps: LifecycleDeps): void {
  const now = readProfileKey(deps.files, entry.profile).accessKeyId;
  if (now === entry.newAccessKeyId) return;
  throw new LifecycleError(
    now === entry.oldAccessKeyId
      ? `Profile "${entry.profile}" holds the old key ${maskKeyId(entry.oldAccessKeyId)} again; retiring it would break the profile, so it was not retired. Nothing was changed; run Finish Interrupted Rotation again to review.`
      : `Profile "${entry.profile}" now holds ${maskKeyId(now)}, not the new key${entry.newAccessKeyId ? ` ${maskKeyId(entry.newAccessKeyId)}` : ''}; the old key ${maskKeyId(entry.oldAccessKeyId)} was not retired. Nothing was changed; run Finish Interrupted Rotation again to review.`,
    'unchanged',
    'retire',
  );
}
