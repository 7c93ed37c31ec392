/**
 * The rotation journal: a small JSON file that records, before and after each step that changes
 * something, which rotation is under way (profile, file, key ids, step). Key ids are identifiers,
 * not secrets; no secret is ever written here. When a process dies mid-rotation, the next start
 * reads the journal and can finish or undo what was left (see recovery.ts).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
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
  /** Other profiles that were to receive the new key. */
  readonly sharedProfiles: readonly string[];
  readonly retire: RetireAction;
  readonly step: JournalStep;
  readonly startedAt: string;
  readonly updatedAt: string;
}

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
    this.save([...this.entries().filter((e) => e.id !== entry.id), entry]);
  }

  /** Removes an entry (a finished or undone rotation). */
  remove(id: string): void {
    const entries = this.entries();
    if (entries.some((e) => e.id === id)) this.save(entries.filter((e) => e.id !== id));
  }

  /** A fresh entry id. */
  static newId(): string {
    return randomBytes(6).toString('hex');
  }

  // Temp file, fsync, rename: a crash leaves the old journal or the new one, never half of one.
  private save(rotations: JournalEntry[]): void {
    const dir = path.dirname(this.filePath);
    const temp = path.join(dir, `.${path.basename(this.filePath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
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
  }
}

/** Where the CLI keeps its journal: $AWS_KEY_GUARD_JOURNAL, else $XDG_STATE_HOME/aws-key-guard, else ~/.aws-key-guard. */
export function defaultJournalPath(env: Readonly<Record<string, string | undefined>>, homedir: string): string {
  if (env.AWS_KEY_GUARD_JOURNAL) return env.AWS_KEY_GUARD_JOURNAL;
  if (env.XDG_STATE_HOME) return path.join(env.XDG_STATE_HOME, 'aws-key-guard', 'journal.json');
  return path.join(homedir, '.aws-key-guard', 'journal.json');
}
