/**
 * The rotation journal: a small JSON file that records, before and after each step that changes
 * something, which rotation is under way (profile, file, key ids, step). Key ids are identifiers,
 * not secrets; no secret is ever written here. When a process dies mid-rotation, the next start
 * reads the journal and can finish or undo what was left (see recovery.ts).
 *
 * Every entry names its owner (the rotating process and its per-profile rotation lock): an entry
 * whose rotation still runs, in this process or another window, is not offered for recovery.
 * Writes are read-modify-write under the journal's own lock, and the directory is fsynced after
 * the rename, so that the record of a new key survives a crash right after CreateAccessKey.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fsyncDirectory, isHeld, lockHolder, lockSync, tryLock, type HeldLock, type LockInfo, type ProcessOwner } from '../credentials';
import type { RetireAction } from './types';

/** How far a rotation got; each value is written before the state it names could exist in AWS or the file. */
export type JournalStep =
  /** About to call CreateAccessKey: a new key may exist that the journal does not name yet. */
  | 'creating'
  /** The new key exists (id recorded); the file may or may not hold it. */
  | 'created'
  /** The file holds the new key. */
  | 'written'
  /** The new key works; the old key is still active. */
  | 'verified';

/** One rotation that has not finished. */
export interface JournalEntry {
  readonly id: string;
  readonly profile: string;
  /** The file whose section held the key. */
  readonly file: string;
  readonly userArn: string;
  readonly oldAccessKeyId: string;
  /** The user's key ids before CreateAccessKey: any other key found later is the new one. */
  readonly keysBefore: readonly string[];
  readonly newAccessKeyId?: string;
  /** Other profiles of `file` that were to receive the new key. */
  readonly sharedProfiles: readonly string[];
  /** Profiles of the other shared file that were to receive the new key (written after `file`). */
  readonly sharedElsewhere?: { readonly file: string; readonly profiles: readonly string[] };
  readonly retire: RetireAction;
  readonly step: JournalStep;
  readonly startedAt: string;
  readonly updatedAt: string;
  /** The rotating process and the token of its rotation lock (absent in entries of older versions). */
  readonly owner?: ProcessOwner & { readonly token: string };
}

/** Journal writes hold its lock for milliseconds. */
const JOURNAL_LOCK = { staleAfterMs: 10_000, timeoutMs: 2_000 };
/**
 * A rotation holds its profile's lock from preflight to the end, which includes waiting for an MFA
 * code: only an owner on another host (which cannot be asked) makes it stale by age.
 */
const ROTATION_LOCK = { staleAfterMs: 24 * 3600_000 };

interface JournalFile {
  readonly version: 1;
  readonly rotations: JournalEntry[];
}

/** The journal could not be read or written; a rotation does not start without it. */
export class JournalError extends Error {
  override readonly name = 'JournalError';
}

/** A journal file at `filePath` (created with its directory on first write, mode 0600). */
export class RotationJournal {
  constructor(readonly filePath: string) {}

  /** Unfinished rotations, oldest first. A missing file is an empty journal. */
  entries(): JournalEntry[] {
    let text: string;
    try {
      text = fs.readFileSync(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new JournalError(`The rotation journal cannot be read (${(error as NodeJS.ErrnoException).code}): ${this.filePath}`);
    }
    try {
      const parsed = JSON.parse(text) as JournalFile;
      if (parsed.version !== 1 || !Array.isArray(parsed.rotations)) throw new Error('unknown format');
      return parsed.rotations;
    } catch {
      throw new JournalError(`The rotation journal is damaged; move it aside to continue: ${this.filePath}`);
    }
  }

  /** Adds or replaces the entry with the same id. */
  put(entry: JournalEntry): void {
    this.update((entries) => [...entries.filter((e) => e.id !== entry.id), entry]);
  }

  /** Removes an entry (a finished or undone rotation). */
  remove(id: string): void {
    this.update((entries) => (entries.some((e) => e.id === id) ? entries.filter((e) => e.id !== id) : undefined));
  }

  /**
   * Takes the rotation lock of `profile` (a file beside the journal): at most one rotation or
   * recovery of a profile runs at a time, across windows and the CLI. Returns the live holder
   * instead when another one runs. Throws JournalError when the lock cannot be created.
   */
  lockProfile(profile: string): HeldLock | { readonly holder: LockInfo | undefined } {
    try {
      this.ensureDirectory();
      return tryLock(this.profileLockPath(profile), ROTATION_LOCK);
    } catch (error) {
      throw new JournalError(`The rotation journal cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)}): ${path.dirname(this.filePath)}`);
    }
  }

  /** True while the rotation that wrote `entry` still runs (its owner holds the profile's rotation lock). */
  isRunning(entry: JournalEntry): boolean {
    if (!entry.owner) return false;
    return lockHolder(this.profileLockPath(entry.profile), ROTATION_LOCK)?.token === entry.owner.token;
  }

  /** A fresh entry id. */
  static newId(): string {
    return randomBytes(6).toString('hex');
  }

  private profileLockPath(profile: string): string {
    const name = createHash('sha256').update(profile).digest('hex').slice(0, 16);
    return path.join(path.dirname(this.filePath), `rotation-${name}.lock`);
  }

  private ensureDirectory(): void {
    fs.mkdirSync(path.dirname(this.filePath), { recursive: true, mode: 0o700 });
  }

  // Read-modify-write under the journal's lock: two processes never drop each other's entries.
  private update(change: (entries: JournalEntry[]) => JournalEntry[] | undefined): void {
    let lock: HeldLock;
    try {
      this.ensureDirectory();
      const result = lockSync(`${this.filePath}.lock`, JOURNAL_LOCK);
      if (!isHeld(result)) throw new JournalError(`The rotation journal is locked by another process${result.holder ? ` (${result.holder.pid})` : ''}; try again: ${this.filePath}`);
      lock = result;
    } catch (error) {
      if (error instanceof JournalError) throw error;
      throw new JournalError(`The rotation journal cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)}): ${this.filePath}`);
    }
    try {
      const next = change(this.entries());
      if (next) this.save(next);
    } finally {
      lock.release();
    }
  }

  // Temp file, fsync, rename, fsync of the directory: a crash leaves the old journal or the new
  // one, never half of one, and a finished save survives the crash.
  private save(rotations: JournalEntry[]): void {
    const dir = path.dirname(this.filePath);
    const temp = path.join(dir, `.${path.basename(this.filePath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      const fd = fs.openSync(temp, 'wx', 0o600);
      try {
        fs.writeSync(fd, JSON.stringify({ version: 1, rotations } satisfies JournalFile, null, 2) + '\n');
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temp, this.filePath);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      throw new JournalError(`The rotation journal cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)}): ${this.filePath}`);
    }
    fsyncDirectory(dir);
  }
}

/** Where the CLI keeps its journal: $AWS_KEY_GUARD_JOURNAL, else $XDG_STATE_HOME/aws-key-guard, else ~/.aws-key-guard. */
export function defaultJournalPath(env: Readonly<Record<string, string | undefined>>, homedir: string): string {
  if (env.AWS_KEY_GUARD_JOURNAL) return env.AWS_KEY_GUARD_JOURNAL;
  if (env.XDG_STATE_HOME) return path.join(env.XDG_STATE_HOME, 'aws-key-guard', 'journal.json');
  return path.join(homedir, '.aws-key-guard', 'journal.json');
}
