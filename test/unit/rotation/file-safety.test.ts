/**
 * Rotation against other writers of the same files: verification reads the file back, and a
 * write lost to another program never ends as a "success" that retires the only working key.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findProfile, readCredentialsDocument } from '../../../src/core/credentials';
import { LifecycleError, rotateProfileKey } from '../../../src/core/rotation';
import { assertFileKeyWorks, assertNoSecrets, demoKey, emulatorSecrets, fastDeps, fileKey, iamKeys, sandbox, section, useDemoEmulator } from './helpers';

describe('rotation: other writers of the file', function () {
  this.timeout(20_000);
  const env = useDemoEmulator();
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));
  const alice = demoKey('alice');

  it('a writer that ignores our lock puts the old file back after our write: no success, the old key stays active, the new key is deleted', async () => {
    const original = section('work', alice);
    const box = sandbox(cleanups, original);
    // What `aws configure set` does with what it read before our write: truncate and write it back.
    const deps = fastDeps(box, { checkpoint: (point) => void (point === 'after-write' && fs.writeFileSync(box.credentialsFile, original)) });
    await assert.rejects(
      rotateProfileKey({ profile: 'work' }, deps),
      (e: unknown) => e instanceof LifecycleError && e.state === 'unchanged' && e.step === 'verify' && /not in the file after all.*another program wrote the file/.test(e.message),
    );
    assert.equal(fs.readFileSync(box.credentialsFile, 'utf8'), original);
    await assertFileKeyWorks(env.emulator, box.credentialsFile, 'work', 'alice');
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Active`], 'the old key stays active and the new key is deleted');
    assert.deepEqual(box.journal.entries(), []);
    assertNoSecrets(deps.recorder.text(), [...emulatorSecrets(env.emulator), alice.secret]);
  });
});

describe('rotation: another process appends profiles through the same lock', function () {
  this.timeout(30_000);
  const env = useDemoEmulator();
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));
  const alice = demoKey('alice');
  const ROTATIONS = 5;

  it(`${ROTATIONS} rotations while profiles are appended: every rotation ends with its key in the file, no appended profile is lost`, async () => {
    const box = sandbox(cleanups, section('work', alice));
    const child = spawn(process.execPath, [path.join(__dirname, 'append-child.js'), box.credentialsFile], { stdio: ['pipe', 'pipe', 'pipe'] });
    cleanups.push(() => child.kill('SIGKILL'));
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('extra-2\n')) resolve();
      });
      child.once('exit', () => reject(new Error(`the appender stopped: ${stderr}`)));
    });

    const results: string[] = [];
    for (let i = 0; i < ROTATIONS; i++) {
      const result = await rotateProfileKey({ profile: 'work', retire: 'delete' }, fastDeps(box));
      assert.equal(fileKey(box.credentialsFile, 'work').id, result.newAccessKeyId, `rotation ${i}: the file holds the new key`);
      results.push(result.newAccessKeyId);
    }
    child.stdin.write('stop\n');
    assert.equal(await exited, 0, `the appender failed: ${stderr}`);

    const appended = stdout.split('\n').filter((l) => l.startsWith('extra-'));
    assert.ok(appended.length > ROTATIONS, `the appender kept writing during the rotations (${appended.length} profiles)`);
    const doc = readCredentialsDocument(box.credentialsFile, 'credentials');
    const missing = appended.filter((name) => !findProfile(doc, name));
    assert.deepEqual(missing, [], 'every appended profile is in the file');
    assert.equal(await assertFileKeyWorks(env.emulator, box.credentialsFile, 'work', 'alice'), results[results.length - 1]);
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${results[results.length - 1]}:Active`]);
  });
});

describe('rotation: another writer puts the old key back into a shared profile', function () {
  this.timeout(20_000);
  const env = useDemoEmulator();
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));
  const alice = demoKey('alice');

  it('the rotated profile holds the new key but a shared one the old key again: undone, the old key is not retired', async () => {
    const original = `${section('work', alice)}\n${section('work-copy', alice)}`;
    const box = sandbox(cleanups, original);
    const deps = fastDeps(box, {
      checkpoint: (point) => {
        if (point !== 'after-write') return;
        // Another program writes "work-copy" back from what it read before our write.
        const text = fs.readFileSync(box.credentialsFile, 'utf8');
        const copyAt = text.indexOf('[work-copy]');
        fs.writeFileSync(box.credentialsFile, text.slice(0, copyAt) + original.slice(original.indexOf('[work-copy]')));
      },
    });
    await assert.rejects(rotateProfileKey({ profile: 'work' }, deps), (e: unknown) => e instanceof LifecycleError && e.state === 'unchanged' && e.step === 'verify' && /"work-copy" in .* no longer holds the new key/.test(e.message));
    assert.equal(fs.readFileSync(box.credentialsFile, 'utf8'), original, 'both profiles hold the old key again');
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Active`]);
  });
});
