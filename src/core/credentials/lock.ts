/**
 * Advisory locks shared by every AWS Key Guard process (editor windows, the CLI): a lock file
 * created with O_EXCL that names its owner (pid, host, the process's start time). A lock whose
 * owner is gone (no such pid, or the pid now belongs to a process started later) or that is older
 * than the caller's limit is stale and taken over. Writers that ignore the lock (the AWS CLI) are
 * not stopped by it; the content checks around each write catch those.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';

/** Who holds a lock or owns a journal entry. */
export interface ProcessOwner {
  readonly pid: number;
  readonly host: string;
  /** When the owning process started (ms since the epoch), to tell a reused pid from the owner. */
  readonly processStartedAt: number;
}

/** The content of a lock file. */
export interface LockInfo extends ProcessOwner {
  /** When the lock was taken (ms since the epoch). */
  readonly acquiredAt: number;
  /** Unique per acquisition: a release never removes someone else's lock. */
  readonly token: string;
}

/** A held lock; `release()` is idempotent. */
export interface HeldLock {
  readonly path: string;
  readonly info: LockInfo;
  release(): void;
}

const PROCESS_STARTED_AT = Math.round(Date.now() - process.uptime() * 1000);
// Two clocks measure a process's start (ours and the kernel's): allow for their disagreement.
const START_TOLERANCE_MS = 5_000;
/** Tokens of the locks this process holds now: a lock file naming our pid but no held token is stale. */
const heldTokens = new Set<string>();

/** This process as an owner. */
export function currentProcessOwner(): ProcessOwner {
  return { pid: process.pid, host: os.hostname(), processStartedAt: PROCESS_STARTED_AT };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Linux: a process's start time from /proc (clock ticks after boot); undefined elsewhere.
function linuxProcessStart(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const bootLine = fs.readFileSync('/proc/stat', 'utf8').split('\n').find((l) => l.startsWith('btime '));
    if (!bootLine || !Number.isFinite(ticks)) return undefined;
    return Number(bootLine.slice(6)) * 1000 + ticks * 10; // USER_HZ is 100 on every Linux port Node runs on
  } catch {
    return undefined;
  }
}

/**
 * True when the owner process no longer runs on this host. An owner on another host cannot be
 * checked: it counts as running (the caller's age limit decides).
 */
export function ownerIsGone(owner: ProcessOwner): boolean {
  if (owner.host !== os.hostname()) return false;
  if (!pidAlive(owner.pid)) return true;
  if (owner.pid === process.pid) return owner.processStartedAt !== PROCESS_STARTED_AT;
  const started = linuxProcessStart(owner.pid);
  return started !== undefined && Math.abs(started - owner.processStartedAt) > START_TOLERANCE_MS;
}

function readLock(lockPath: string): { info?: LockInfo; ino: number; mtimeMs: number } | undefined {
  let stat: fs.Stats;
  let text: string;
  try {
    stat = fs.statSync(lockPath);
    text = fs.readFileSync(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const info = JSON.parse(text) as LockInfo;
    if (typeof info.pid !== 'number' || typeof info.token !== 'string') return { ino: stat.ino, mtimeMs: stat.mtimeMs };
    return { info, ino: stat.ino, mtimeMs: stat.mtimeMs };
  } catch {
    // Being written right now, or damaged: its age decides.
    return { ino: stat.ino, mtimeMs: stat.mtimeMs };
  }
}

/** Options for {@link tryLock} and {@link lockSync}. */
export interface LockOptions {
  /** A lock older than this is stale whoever holds it (writes of a file take milliseconds). */
  readonly staleAfterMs: number;
}

const UNREADABLE_GRACE_MS = 2_000;

function isStale(lock: { info?: LockInfo; mtimeMs: number }, options: LockOptions, now: number): boolean {
  if (!lock.info) return now - lock.mtimeMs > UNREADABLE_GRACE_MS;
  if (now - lock.info.acquiredAt > options.staleAfterMs) return true;
  if (lock.info.pid === process.pid && lock.info.host === os.hostname() && lock.info.processStartedAt === PROCESS_STARTED_AT) return !heldTokens.has(lock.info.token);
  return ownerIsGone(lock.info);
}

// Moves a stale lock aside, making sure it is the one judged stale and not a fresh one taken meanwhile.
function breakStaleLock(lockPath: string, staleIno: number): void {
  const aside = `${lockPath}.${randomBytes(6).toString('hex')}.stale`;
  try {
    fs.renameSync(lockPath, aside);
  } catch {
    return; // Someone else broke it first.
  }
  try {
    if (fs.statSync(aside).ino !== staleIno) fs.linkSync(aside, lockPath); // a fresh lock: put it back
  } catch {
    // Yet another lock was taken meanwhile: that one stands.
  }
  fs.rmSync(aside, { force: true });
}

/** The live holder of the lock at `lockPath`, or undefined when it is free or stale. */
export function lockHolder(lockPath: string, options: LockOptions): LockInfo | undefined {
  const current = readLock(lockPath);
  return current?.info && !isStale(current, options, Date.now()) ? current.info : undefined;
}

/**
 * Takes the lock at `lockPath` if it is free or stale. Returns the held lock, or the info of the
 * live holder (undefined info when its lock file is being written).
 */
export function tryLock(lockPath: string, options: LockOptions): HeldLock | { readonly holder: LockInfo | undefined } {
  for (let attempt = 0; attempt < 3; attempt++) {
    const info: LockInfo = { ...currentProcessOwner(), acquiredAt: Date.now(), token: randomBytes(8).toString('hex') };
    try {
      const fd = fs.openSync(lockPath, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o600);
      try {
        fs.writeSync(fd, JSON.stringify(info));
      } finally {
        fs.closeSync(fd);
      }
      heldTokens.add(info.token);
      return { path: lockPath, info, release: () => releaseLock(lockPath, info.token) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const current = readLock(lockPath);
    if (!current) continue; // released meanwhile
    if (!isStale(current, options, Date.now())) return { holder: current.info };
    breakStaleLock(lockPath, current.ino);
  }
  return { holder: readLock(lockPath)?.info };
}

function releaseLock(lockPath: string, token: string): void {
  if (!heldTokens.delete(token)) return;
  try {
    if (readLock(lockPath)?.info?.token === token) fs.unlinkSync(lockPath);
  } catch {
    // Already gone: nothing to release.
  }
}

const waitCell = new Int32Array(new SharedArrayBuffer(4));

/**
 * Takes the lock, waiting up to `timeoutMs` (in short synchronous sleeps: holders keep these locks
 * for the milliseconds of one write). Returns undefined on timeout, with the holder's info.
 */
export function lockSync(lockPath: string, options: LockOptions & { readonly timeoutMs: number }): HeldLock | { readonly holder: LockInfo | undefined } {
  const deadline = Date.now() + options.timeoutMs;
  for (let pause = 2; ; pause = Math.min(pause * 2, 25)) {
    const result = tryLock(lockPath, options);
    if ('release' in result || Date.now() >= deadline) return result;
    Atomics.wait(waitCell, 0, 0, pause);
  }
}

/** True when `result` is a held lock. */
export function isHeld(result: HeldLock | { readonly holder: LockInfo | undefined }): result is HeldLock {
  return 'release' in result;
}
