/**
 * The per-profile rotation lock: one rotation, recovery or retire Retry of a profile at a time,
 * across editor windows and the CLI (see RotationJournal.lockProfile).
 */
import { isHeld, type HeldLock } from '../credentials';
import type { RotationJournal } from './journal';
import { LifecycleError } from './types';

/** Takes the profile's rotation lock, or throws LifecycleError (nothing changed) naming who holds it. */
export function lockProfile(journal: RotationJournal, profile: string): HeldLock {
  let result;
  try {
    result = journal.lockProfile(profile);
  } catch (error) {
    throw new LifecycleError(`${(error as Error).message}. No key was created or retired. Nothing was changed.`, 'unchanged', 'preflight');
  }
  if (isHeld(result)) return result;
  const who = result.holder ? ` (process ${result.holder.pid} on ${result.holder.host})` : '';
  throw new LifecycleError(`A rotation or recovery of profile "${profile}" is already running in another window or command${who}; wait for it to finish. Nothing was changed.`, 'unchanged', 'preflight');
}
