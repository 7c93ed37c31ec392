/**
 * The advisory lock of a credentials file, on real files with real processes: a live holder makes
 * a writer wait and then refuse; a lock whose process is gone, or that is too old, is taken over.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CredentialsFileError, editCredentialsFile, lockPathFor, setProperties } from '../../../src/core/credentials';
import { runCleanups, tempDir } from './helpers';

const TEXT = '[work]\nregion = us-east-1\n';

function lockOf(pid: number, acquiredAt = Date.now(), processStartedAt = Date.now()): string {
  return JSON.stringify({ pid, host: os.hostname(), processStartedAt, acquiredAt, token: 'other' });
}

function setRegion(file: string, region: string): void {
  editCredentialsFile(file, 'credentials', (doc) => setProperties(doc, 'work', { region }));
}

describe('credentials: the advisory write lock', function () {
  this.timeout(20_000);
  const cleanups: Array<() => void> = [];
  afterEach(() => runCleanups(cleanups));

  function file(): string {
    const f = path.join(tempDir(cleanups), 'credentials');
    fs.writeFileSync(f, TEXT, { mode: 0o600 });
    return f;
  }

  it('a lock held by a live process: the write waits, then is refused and nothing is written', () => {
    const f = file();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    cleanups.push(() => holder.kill('SIGKILL'));
    const started = readStart(holder.pid!);
    fs.writeFileSync(lockPathFor(f), lockOf(holder.pid!, Date.now(), started));
    const t0 = Date.now();
    assert.throws(() => setRegion(f, 'eu-west-1'), (e: unknown) => e instanceof CredentialsFileError && e.code === 'locked' && new RegExp(`process ${holder.pid}`).test(e.message));
    assert.ok(Date.now() - t0 >= 1500, 'it waited for the holder');
    assert.equal(fs.readFileSync(f, 'utf8'), TEXT);
    assert.ok(fs.existsSync(lockPathFor(f)), "the live holder's lock stays");
  });

  it('a lock left by a process that is gone is stale: the write goes ahead and leaves no lock', () => {
    const f = file();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.writeFileSync(lockPathFor(f), lockOf(Number(gone.stdout)));
    setRegion(f, 'eu-west-1');
    assert.match(fs.readFileSync(f, 'utf8'), /region = eu-west-1/);
    assert.ok(!fs.existsSync(lockPathFor(f)));
  });

  it('a lock older than a write can take is stale even when its pid runs (reused pid, hung writer)', () => {
    const f = file();
    fs.writeFileSync(lockPathFor(f), lockOf(process.ppid, Date.now() - 60_000));
    setRegion(f, 'eu-west-1');
    assert.match(fs.readFileSync(f, 'utf8'), /region = eu-west-1/);
  });

  it('a lock naming a live pid that started later than the lock says is stale (the pid was reused)', () => {
    const f = file();
    fs.writeFileSync(lockPathFor(f), lockOf(process.ppid, Date.now(), Date.now() - 3_600_000 * 24 * 400));
    setRegion(f, 'eu-west-1');
    assert.match(fs.readFileSync(f, 'utf8'), /region = eu-west-1/);
  });
});

/** A process's start time as the lock records it (ms since the epoch), from /proc on Linux. */
function readStart(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const boot = Number(fs.readFileSync('/proc/stat', 'utf8').split('\n').find((l) => l.startsWith('btime '))!.slice(6));
    return boot * 1000 + ticks * 10;
  } catch {
    return Date.now();
  }
}
