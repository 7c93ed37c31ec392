import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listTempFiles, readCredentialsDocument, removeOrphanTempFiles } from '../../../src/core/credentials';
import { CRASH_NEW, CRASH_OLD } from './crash-contents';
import { runCleanups, tempDir } from './helpers';

const KILLS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Writer {
  readonly ready: Promise<void>;
  readonly exited: Promise<NodeJS.Signals | null>;
  readonly go: () => void;
  readonly kill: () => void;
  readonly stderr: () => string;
}

/** Starts a writer that loads and waits for "go"; it writes only once told to. */
function startWriter(file: string): Writer {
  const child = spawn(process.execPath, [path.join(__dirname, 'crash-writer.js'), file], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', () => reject(new Error(`writer exited before starting: ${stderr}`)));
  });
  ready.catch(() => undefined);
  return { ready, exited, go: () => child.stdin.write('go\n'), kill: () => child.kill('SIGKILL'), stderr: () => stderr };
}

describe('crash safety: writer killed with SIGKILL at random moments', function () {
  this.timeout(120_000);
  const cleanups: Array<() => void> = [];
  afterEach(() => runCleanups(cleanups));

  it(`after each of ${KILLS} kills the file is the old or the new content exactly, with at most one orphan temp`, async () => {
    const file = path.join(tempDir(cleanups), 'credentials');
    fs.writeFileSync(file, CRASH_OLD, { mode: 0o600 });
    const seen = { old: 0, new: 0, orphans: 0 };
    // Writers boot ahead (Node's start-up is slower than the kills); each touches nothing until "go".
    const pool = Array.from({ length: 3 }, () => startWriter(file));
    cleanups.push(() => pool.forEach((w) => w.kill()));
    for (let i = 0; i < KILLS; i++) {
      const writer = pool.shift()!;
      await writer.ready;
      writer.go();
      pool.push(startWriter(file));
      await sleep(5 + Math.floor(Math.random() * 36));
      writer.kill();
      assert.equal(await writer.exited, 'SIGKILL', `the writer failed on its own: ${writer.stderr()}`);
      const doc = readCredentialsDocument(file, 'credentials');
      assert.ok(doc.text === CRASH_OLD || doc.text === CRASH_NEW, `kill ${i}: the file is neither the old nor the new content`);
      assert.equal(doc.profiles.length, doc.text === CRASH_OLD ? 40 : 55);
      if (doc.text === CRASH_OLD) seen.old++;
      else seen.new++;
      const temps = listTempFiles(file);
      assert.ok(temps.length <= 1, `kill ${i}: ${temps.length} temp files`);
      seen.orphans += temps.length;
      // The killed writer's pid is dead, so its temp file counts as an orphan and is removed (the
      // next write would do the same; removing it here keeps each kill independent of the next).
      assert.equal(removeOrphanTempFiles(file), temps.length);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    }
    assert.deepEqual(listTempFiles(file), []);
    assert.ok(seen.old > 0 && seen.new > 0, `writes happened between kills: ${JSON.stringify(seen)}`);
    console.log(`      kills: ${KILLS}, file old: ${seen.old}, new: ${seen.new}, kills that left an orphan temp: ${seen.orphans}`);
  });
});
