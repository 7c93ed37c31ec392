/**
 * Finish Interrupted Rotation whose work is done in AWS and the file, but whose journal entry
 * cannot be removed: reported as done, with a warning, not as a failed recovery.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { finishInterruptedRotation, inspectJournal, LifecycleError, rotateProfileKey } from '../../../src/core/rotation';
import { assertFileKeyWorks, demoKey, fastDeps, iamKeys, makeDirectoryUnwritable, sandbox, section, useDemoEmulator } from './helpers';

describe('rotation: Finish Interrupted Rotation with a journal that cannot be written', function () {
  this.timeout(20_000);
  const env = useDemoEmulator();
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));
  const alice = demoKey('alice');

  it('the old key is retired, then the journal cannot be cleaned up: success with a warning', async () => {
    const box = sandbox(cleanups, section('work', alice));
    // A rotation that stopped at the retire step leaves the file on the new key and the entry behind.
    env.emulator.injectFault({ action: 'UpdateAccessKey', error: 'AccessDenied', count: 1 });
    await assert.rejects(rotateProfileKey({ profile: 'work' }, fastDeps(box)), (e: unknown) => e instanceof LifecycleError && e.step === 'retire');
    const [interrupted] = inspectJournal(box.journal, box.files);
    assert.equal(interrupted.action, 'finish');

    let undo: (() => void) | undefined;
    cleanups.push(() => undo?.());
    const deps = fastDeps(box, { checkpoint: (point) => void (point === 'after-retire' && (undo = makeDirectoryUnwritable(path.dirname(box.journalFile)))) });
    const message = await finishInterruptedRotation(interrupted, box.journal, deps);
    assert.match(message, /^Finished the rotation of profile "work".*Warning: the rotation journal could not be updated/);
    const newId = await assertFileKeyWorks(env.emulator, box.credentialsFile, 'work', 'alice');
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Inactive`, `${newId}:Active`]);
  });
});
