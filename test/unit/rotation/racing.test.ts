/**
 * Rotations and recoveries racing each other: a running rotation (in another process, or in this
 * one) is never "recovered"; two rotations of one profile never both pass preflight; two
 * processes writing the journal never drop each other's entries.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { finishInterruptedRotation, inspectJournal, LifecycleError, retireOldKey, rotateProfileKey, RotationJournal, type RotationCheckpoint } from '../../../src/core/rotation';
import { assertFileKeyWorks, demoKey, fastDeps, fileKey, iamKeys, sandbox, section, useDemoEmulator } from './helpers';

/** Starts crash-child.js and resolves once it waits at `point` (alive); returns its kill. */
async function rotationPausedAt(home: string, point: RotationCheckpoint): Promise<{ kill: () => Promise<void> }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'crash-child.js'), home, point], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes(`at ${point}`)) resolve();
    });
    child.once('exit', () => reject(new Error(`the child exited before ${point}: ${stdout} ${stderr}`)));
  });
  return {
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

describe('rotation: racing rotations and recoveries', function () {
  this.timeout(20_000);
  const env = useDemoEmulator();
  const cleanups: Array<() => void | Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const alice = demoKey('alice');

  it('a rotation running in another process is not offered for recovery, and a stale offer is refused without deleting its key', async () => {
    const box = sandbox(cleanups as Array<() => void>, section('work', alice));
    const running = await rotationPausedAt(box.home, 'after-create');
    cleanups.push(running.kill);
    const [entry] = box.journal.entries();
    assert.equal(entry?.profile, 'work', 'the running rotation has its journal entry');
    const newId = env.emulator.accessKeys('alice').find((k) => k.accessKeyId !== alice.id)?.accessKeyId;
    assert.ok(newId, 'the running rotation created its new key');

    assert.deepEqual(inspectJournal(box.journal, box.files), [], 'nothing to recover while the owner runs');
    const out: string[] = [];
    assert.equal(await runCli(['rotate', '--recover', '--yes'], { out: (t) => out.push(t), err: (t) => out.push(t), env: { HOME: box.home }, cwd: box.home }), 0);
    assert.match(out.join('\n'), /No interrupted rotation to recover/);
    // A window that listed the entry before (say, a dialog left open) and now acts on it:
    const stale = { entry, action: 'delete-orphan' as const, message: '' };
    await assert.rejects(finishInterruptedRotation(stale, box.journal, fastDeps(box)), (e: unknown) => e instanceof LifecycleError && e.state === 'unchanged' && /already running/.test(e.message));
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Active`, `${newId}:Active`], "the running rotation's new key was not touched");

    // Once its owner is gone, the same entry is recovered.
    await running.kill();
    const interrupted = inspectJournal(box.journal, box.files);
    assert.deepEqual(interrupted.map((i) => i.action), ['delete-orphan']);
    await finishInterruptedRotation(interrupted[0], box.journal, fastDeps(box));
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Active`]);
    assert.deepEqual(box.journal.entries(), []);
  });

  it('two rotations of one profile: the second is refused in preflight while the first waits for a confirmation', async () => {
    const box = sandbox(cleanups as Array<() => void>, `${section('work', alice)}\n${section('work-copy', alice)}`);
    let answer!: (yes: boolean) => void;
    let asked!: () => void;
    const question = new Promise<void>((resolve) => (asked = resolve));
    const first = rotateProfileKey({ profile: 'work' }, { ...fastDeps(box), confirm: () => (asked(), new Promise<boolean>((resolve) => (answer = resolve))) });
    await question;
    await assert.rejects(rotateProfileKey({ profile: 'work' }, fastDeps(box)), (e: unknown) => e instanceof LifecycleError && e.state === 'unchanged' && /already running/.test(e.message));
    answer(true);
    const result = await first;
    assert.equal(fileKey(box.credentialsFile, 'work').id, result.newAccessKeyId);
    await assertFileKeyWorks(env.emulator, box.credentialsFile, 'work', 'alice');
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Inactive`, `${result.newAccessKeyId}:Active`], 'one new key, not two');
    // The lock is released: the next rotation of the profile may start.
    await rotateProfileKey({ profile: 'work', retire: 'delete' }, fastDeps(box));
  });

  it('a Retry of the retire step is refused while another rotation or recovery of the profile holds its lock', async () => {
    const box = sandbox(cleanups as Array<() => void>, section('work', alice));
    env.emulator.injectFault({ action: 'UpdateAccessKey', error: 'AccessDenied', count: 1 });
    const failed = await rotateProfileKey({ profile: 'work' }, fastDeps(box)).then(
      () => assert.fail('the retire step should fail'),
      (e: unknown) => e as LifecycleError,
    );
    assert.ok(failed.retry);
    const held = box.journal.lockProfile('work');
    assert.ok('release' in held, 'the lock is free once the rotation ended');
    await assert.rejects(retireOldKey(failed.retry, fastDeps(box)), (e: unknown) => e instanceof LifecycleError && e.state === 'unchanged' && /already running/.test(e.message));
    assert.equal(env.emulator.accessKeys('alice').find((k) => k.accessKeyId === alice.id)?.status, 'Active');
    held.release();
    await retireOldKey(failed.retry, fastDeps(box));
    assert.equal(env.emulator.accessKeys('alice').find((k) => k.accessKeyId === alice.id)?.status, 'Inactive');
  });

  it('two processes adding journal entries at once: no entry is lost', async () => {
    const box = sandbox(cleanups as Array<() => void>, section('work', alice));
    const COUNT = 40;
    const run = (prefix: string) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(__dirname, 'journal-child.js'), box.journalFile, prefix, String(COUNT)], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`journal child failed: ${stderr}`))));
      });
    await Promise.all([run('a'), run('b')]);
    const ids = new RotationJournal(box.journalFile).entries().map((e) => e.id);
    assert.equal(ids.length, 2 * COUNT, `${2 * COUNT - ids.length} entries were lost`);
  });
});
