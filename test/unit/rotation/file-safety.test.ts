/**
 * Rotation against other writers of the same files: verification reads the file back, and a
 * write lost to another program never ends as a "success" that retires the only working key.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { LifecycleError, rotateProfileKey } from '../../../src/core/rotation';
import { assertFileKeyWorks, assertNoSecrets, demoKey, emulatorSecrets, fastDeps, iamKeys, sandbox, section, useDemoEmulator } from './helpers';

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
