/**
 * Our own use of each key, remembered so it is never shown as the key's last use. IAM records every
 * call signed with a key, ours included, as that key's last use: after one check every key would
 * read "last used today · iam". This record keeps, per key, the time and service of each call we
 * signed with it and the last use we observed that was not ours, plus which local profiles may read
 * other users' last use. It lives outside the credentials file (`~/.aws-key-guard/key-use.json`,
 * mode 0600) and holds no secret: keys are named by a truncated SHA-256 of their id.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KeyLastUse } from './model';

/** How close IAM's last-used date must be to one of our calls, same service, to be that call. */
export const OWN_CALL_WINDOW_MS = 10 * 60 * 1000;
/** Our calls older than this can no longer be IAM's latest use worth explaining; dropped. */
const OWN_CALL_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** At most this many calls are kept per key (the newest). */
const OWN_CALLS_PER_KEY = 200;
/** How long changes wait to be written together. */
const SAVE_DELAY_MS = 500;
/** A profile found unable to read other users' last use is asked again after this long. */
export const PROBER_RECHECK_MS = 7 * 24 * 60 * 60 * 1000;

interface StoredUse {
  /** ISO date; absent for "never used". */
  date?: string;
  service?: string;
  region?: string;
}

interface StoredKey {
  ownCalls: { at: string; service: string }[];
  /** The last use observed that was not ours, when one was observed. */
  foreign?: StoredUse;
}

interface StoredFile {
  version: 1;
  keys: Record<string, StoredKey>;
  /** Whether a profile's key may read other users' last use, by key hash. */
  probers: Record<string, { canRead: boolean; checkedAt: string }>;
}

/** A key's last use as we show it: IAM's answer with our own calls taken out. */
export type InterpretedLastUse = KeyLastUse;

/** Receives every call we sign with a long-term key, before it is sent. */
export interface OwnCallRecorder {
  ownCall(accessKeyId: string, service: string): void;
}

/** The record's default path: $AWS_KEY_GUARD_KEY_USE, else $XDG_STATE_HOME/aws-key-guard, else ~/.aws-key-guard. */
export function defaultKeyUsePath(env: Readonly<Record<string, string | undefined>>, homedir: string): string {
  if (env.AWS_KEY_GUARD_KEY_USE) return env.AWS_KEY_GUARD_KEY_USE;
  if (env.XDG_STATE_HOME) return path.join(env.XDG_STATE_HOME, 'aws-key-guard', 'key-use.json');
  return path.join(homedir, '.aws-key-guard', 'key-use.json');
}

function keyHash(accessKeyId: string): string {
  return createHash('sha256').update(accessKeyId).digest('hex').slice(0, 24);
}

function emptyFile(): StoredFile {
  return { version: 1, keys: {}, probers: {} };
}

/**
 * The persisted record. Reads once, keeps it in memory, and writes after each change (merged with
 * what another process, the CLI or a second window, wrote meanwhile). A record that cannot be
 * read or written only costs accuracy, never a profile's facts: failures are kept in `lastError`.
 */
export class KeyUseRecord implements OwnCallRecorder {
  private data: StoredFile | undefined;
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  /** The last read or write failure, for the log. */
  lastError: string | undefined;

  constructor(
    readonly filePath: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Remembers a call signed with `accessKeyId` to `service` ("iam", "sts"), at the current time. */
  ownCall(accessKeyId: string, service: string): void {
    const key = this.entry(accessKeyId);
    const nowMs = this.now().getTime();
    key.ownCalls.push({ at: new Date(nowMs).toISOString(), service });
    key.ownCalls = key.ownCalls.filter((c) => nowMs - Date.parse(c.at) < OWN_CALL_RETENTION_MS).slice(-OWN_CALLS_PER_KEY);
    this.scheduleSave();
  }

  /**
   * Takes IAM's last use of `accessKeyId` and returns what to show: IAM's answer when it is a
   * foreign use (remembered as the last foreign use), or the last foreign use observed before when
   * IAM's answer is one of our own calls (same service, within {@link OWN_CALL_WINDOW_MS}).
   */
  interpret(accessKeyId: string, iam: KeyLastUse): InterpretedLastUse {
    const key = this.entry(accessKeyId);
    if (!iam.date) {
      key.foreign = {};
      this.scheduleSave();
      return {};
    }
    const used = iam.date.getTime();
    const ours = key.ownCalls.some((c) => c.service === iam.serviceName && Math.abs(Date.parse(c.at) - used) <= OWN_CALL_WINDOW_MS);
    if (!ours) {
      key.foreign = { date: iam.date.toISOString(), service: iam.serviceName, region: iam.region };
      this.scheduleSave();
      return { ...iam };
    }
    if (!key.foreign) return { ...iam, ownCheckOnly: true };
    const foreign = key.foreign;
    return { date: foreign.date ? new Date(foreign.date) : undefined, serviceName: foreign.service, region: foreign.region, ownChecksHidden: true };
  }

  /**
   * True once a use of `accessKeyId` (or "never") was observed. A key is asked to read other keys'
   * last use only after that: signing with it earlier would hide its own last foreign use.
   */
  hasObserved(accessKeyId: string): boolean {
    return this.load().keys[keyHash(accessKeyId)]?.foreign !== undefined;
  }

  /** What is known about `accessKeyId` reading other users' last use: true, false, or undefined (unknown or due a recheck). */
  canProbe(accessKeyId: string): boolean | undefined {
    const known = this.load().probers[keyHash(accessKeyId)];
    if (!known) return undefined;
    if (!known.canRead && this.now().getTime() - Date.parse(known.checkedAt) > PROBER_RECHECK_MS) return undefined;
    return known.canRead;
  }

  /** Remembers whether `accessKeyId` could read another user's last use. */
  setCanProbe(accessKeyId: string, canRead: boolean): void {
    this.load().probers[keyHash(accessKeyId)] = { canRead, checkedAt: this.now().toISOString() };
    this.scheduleSave();
  }

  private entry(accessKeyId: string): StoredKey {
    const keys = this.load().keys;
    const hash = keyHash(accessKeyId);
    keys[hash] ??= { ownCalls: [] };
    return keys[hash];
  }

  private load(): StoredFile {
    if (!this.data) this.data = this.read() ?? emptyFile();
    return this.data;
  }

  private read(): StoredFile | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.lastError = `cannot read ${this.filePath} (${(error as NodeJS.ErrnoException).code})`;
      return undefined;
    }
    try {
      const parsed = JSON.parse(text) as StoredFile;
      if (parsed?.version !== 1 || typeof parsed.keys !== 'object' || typeof parsed.probers !== 'object') throw new Error('unknown format');
      return parsed;
    } catch {
      this.lastError = `ignored a damaged ${this.filePath}`;
      return undefined;
    }
  }

  /** Writes pending changes now (the CLI calls this before it exits). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty) this.save();
  }

  // One write per burst of calls: a refresh of thirty profiles must not write the file a hundred
  // times. Loads and audits flush when they finish; a process that dies in between loses at most
  // this long of records (its calls then show as a use, as they would without the record).
  private scheduleSave(): void {
    this.dirty = true;
    this.timer ??= setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }

  // Merge with the file as it is now (another process may have added calls), then write atomically.
  private save(): void {
    this.dirty = false;
    const mine = this.load();
    const theirs = this.read();
    if (theirs) {
      for (const [hash, key] of Object.entries(theirs.keys)) {
        const own = mine.keys[hash];
        if (!own) mine.keys[hash] = key;
        else {
          const seen = new Set(own.ownCalls.map((c) => `${c.at}|${c.service}`));
          own.ownCalls = [...key.ownCalls.filter((c) => !seen.has(`${c.at}|${c.service}`)), ...own.ownCalls].sort((a, b) => a.at.localeCompare(b.at)).slice(-OWN_CALLS_PER_KEY);
          own.foreign ??= key.foreign;
        }
      }
      for (const [hash, prober] of Object.entries(theirs.probers)) mine.probers[hash] ??= prober;
    }
    const dir = path.dirname(this.filePath);
    const temp = path.join(dir, `.${path.basename(this.filePath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(temp, JSON.stringify(mine) + '\n', { mode: 0o600, flag: 'wx' });
      fs.renameSync(temp, this.filePath);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      this.lastError = `cannot write ${this.filePath} (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    }
  }
}
