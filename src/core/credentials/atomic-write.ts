/**
 * Atomic, lost-update-safe replacement of a credentials file: under the file's advisory lock
 * (`<file>.lock` beside it, see lock.ts), temp file in the same directory, fsync, a last look at the
 * content right before the rename over the target, fsync of the directory. A symlinked file is
 * written through to its target (the link stays a link), mode and owner are kept (a write that
 * cannot keep the owner is refused), and no copy of old secrets stays.
 *
 * Orphans: a writer killed between creating its temp file and the rename leaves one temp file.
 * Temp names carry the writer's pid, so the next write removes temps whose writer is gone (or that
 * are older than a minute, for pids reused or from another pid namespace).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hashText, parseCredentialsText } from './document';
import { CredentialsFileError } from './errors';
import { isHeld, lockSync, type HeldLock } from './lock';
import { MAX_FILE_BYTES } from './read';

const TEMP_SUFFIX = '.akg-tmp';
const ORPHAN_MAX_AGE_MS = 60_000;
const LOCK_SUFFIX = '.lock';
/** A write holds the lock for milliseconds: older than this, its holder hung or died. */
const LOCK_STALE_MS = 10_000;
/** How long a writer waits for another's write before giving up (it blocks its thread meanwhile). */
const LOCK_WAIT_MS = 2_000;

/** Options for {@link writeCredentialsFileAtomic}. */
export interface AtomicWriteOptions {
  /** Hash of the content the edit was based on (from the read); null when the file did not exist. */
  readonly expectedHash: string | null;
  /** Test hook run after the temp file is complete and before the rename; a throw aborts the write. */
  readonly beforeRename?: (tempPath: string) => void;
}

/** Follows a chain of symlinks to the file that holds the content (which may not exist yet). */
export function resolveSymlinkTarget(filePath: string): string {
  let current = path.resolve(filePath);
  for (let hops = 0; hops < 40; hops++) {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return current;
      throw error;
    }
    if (!stat.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), fs.readlinkSync(current));
  }
  throw new CredentialsFileError('unreadable', filePath, 'Too many levels of symbolic links');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function tempPattern(target: string): RegExp {
  return new RegExp(`^\\.${escapeRegExp(path.basename(target))}\\.(\\d+)\\.[0-9a-f]{16}${escapeRegExp(TEMP_SUFFIX)}$`);
}

/** The temp files of our naming pattern next to `target` (for tests and diagnostics). */
export function listTempFiles(target: string): string[] {
  const pattern = tempPattern(target);
  return fs.readdirSync(path.dirname(target)).filter((name) => pattern.test(name));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files left by killed writers next to `filePath` (after following symlinks).
 * Our own pid counts as gone because our writes are synchronous. Returns how many were removed.
 */
export function removeOrphanTempFiles(filePath: string, now = Date.now()): number {
  const target = resolveSymlinkTarget(filePath);
  const pattern = tempPattern(target);
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(path.dirname(target));
  } catch {
    return 0;
  }
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match) continue;
    const full = path.join(path.dirname(target), name);
    try {
      const pid = Number(match[1]);
      const old = now - fs.lstatSync(full).mtimeMs > ORPHAN_MAX_AGE_MS;
      if (pid === process.pid || !isAlive(pid) || old) {
        fs.unlinkSync(full);
        removed++;
      }
    } catch {
      // Another writer removed or renamed it meanwhile: nothing to clean.
    }
  }
  return removed;
}

/** The advisory lock file of a credentials or config file: beside the file it guards (after symlinks). */
export function lockPathFor(filePath: string): string {
  return resolveSymlinkTarget(filePath) + LOCK_SUFFIX;
}

/**
 * Runs `write` holding the advisory lock of `filePath`, so that no other AWS Key Guard process
 * (editor window or CLI) writes the file between this process's read and its rename. Throws
 * CredentialsFileError 'locked' when another live writer holds it for more than two seconds.
 */
export function withFileLock<T>(filePath: string, write: () => T): T {
  const target = resolveSymlinkTarget(filePath);
  const dir = path.dirname(target);
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700); // mkdir's mode is filtered by the umask
  }
  let lock: HeldLock;
  try {
    const result = lockSync(target + LOCK_SUFFIX, { staleAfterMs: LOCK_STALE_MS, timeoutMs: LOCK_WAIT_MS });
    if (!isHeld(result)) {
      const who = result.holder ? ` (process ${result.holder.pid} on ${result.holder.host})` : '';
      throw new CredentialsFileError('locked', filePath, `Another AWS Key Guard window or command${who} is writing the file; nothing was written. Try again in a moment`);
    }
    lock = result;
  } catch (error) {
    if (error instanceof CredentialsFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new CredentialsFileError('write-failed', filePath, `The file could not be written (${code}); its lock file cannot be created beside it. It was left unchanged`, undefined, { cause: error });
  }
  try {
    return write();
  } finally {
    lock.release();
  }
}

/** Makes a rename in `dir` durable (best effort: not every platform can fsync a folder). */
export function fsyncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not supported on every platform (Windows); the rename itself already happened.
  }
}

function currentContent(target: string): { bytes: Buffer; stat: fs.Stats } | undefined {
  try {
    return { bytes: fs.readFileSync(target), stat: fs.statSync(target) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CredentialsFileError('unreadable', target, `The file cannot be read (${(error as NodeJS.ErrnoException).code})`, undefined, { cause: error });
  }
}

/**
 * Replaces the file at `filePath` with `newText` atomically, under the file's advisory lock, only
 * if its content still hashes to `options.expectedHash` (checked before the temp file is written
 * and again right before the rename). Throws CredentialsFileError ('changed-on-disk', 'locked',
 * 'owner-not-kept', 'write-failed', ...) and leaves the file and its directory as they were on any
 * failure.
 */
export function writeCredentialsFileAtomic(filePath: string, newText: string, options: AtomicWriteOptions): void {
  withFileLock(filePath, () => writeLockedCredentialsFile(filePath, newText, options));
}

/** {@link writeCredentialsFileAtomic} for a caller that already holds the file's lock ({@link withFileLock}). */
export function writeLockedCredentialsFile(filePath: string, newText: string, options: AtomicWriteOptions): void {
  const bytes = Buffer.from(newText, 'utf8');
  if (bytes.length > MAX_FILE_BYTES) throw new CredentialsFileError('too-large', filePath, 'The new content is larger than 1 MB; nothing was written');
  if (bytes.includes(0)) throw new CredentialsFileError('binary', filePath, 'The new content holds a NUL byte; nothing was written');
  parseCredentialsText(newText, { path: filePath, kind: 'credentials' }); // throws on content the SDK refuses
  const target = resolveSymlinkTarget(filePath);
  const dir = path.dirname(target);
  const current = currentContent(target);
  const changed = () => new CredentialsFileError('changed-on-disk', filePath, 'The file changed on disk since it was read; nothing was written. Reload it and try again');
  if ((current ? hashText(current.bytes) : null) !== options.expectedHash) throw changed();
  removeOrphanTempFiles(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(8).toString('hex')}${TEMP_SUFFIX}`);
  const mode = current ? current.stat.mode & 0o7777 : 0o600;
  let fd: number | undefined;
  let renamed = false;
  try {
    fd = fs.openSync(temp, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY | (fs.constants.O_NOFOLLOW ?? 0), 0o600);
    fs.fchmodSync(fd, mode);
    const own = fs.fstatSync(fd);
    if (current && (own.uid !== current.stat.uid || own.gid !== current.stat.gid)) {
      try {
        fs.fchownSync(fd, current.stat.uid, current.stat.gid);
      } catch (error) {
        // Only root may give a file away: replacing the file would silently change its owner.
        throw new CredentialsFileError('owner-not-kept', filePath, `The file belongs to another user (uid ${current.stat.uid}) and its owner could not be kept (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}); nothing was written. Edit it as its owner`, undefined, { cause: error });
      }
    }
    for (let written = 0; written < bytes.length; ) written += fs.writeSync(fd, bytes, written, bytes.length - written);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    options.beforeRename?.(temp);
    // A writer that ignores the lock (the AWS CLI) may have written meanwhile: look once more.
    const last = currentContent(target);
    if ((last ? hashText(last.bytes) : null) !== options.expectedHash) throw changed();
    fs.renameSync(temp, target);
    renamed = true;
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    if (!renamed) fs.rmSync(temp, { force: true });
    if (error instanceof CredentialsFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new CredentialsFileError('write-failed', filePath, `The file could not be written (${code}); it was left unchanged`, undefined, { cause: error });
  }
  fsyncDirectory(dir);
}
