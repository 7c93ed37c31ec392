/**
 * A retire whose answer never came: IAM (ListAccessKeys) says whether it took effect, and the
 * message says what is true instead of "may still be active".
 */
import * as assert from 'node:assert/strict';
import { LifecycleError, rotateProfileKey, type RetireAction } from '../../../src/core/rotation';
import type { FaultSpec } from '../../../tools/emulator';
import { assertFileKeyWorks, demoKey, fastDeps, iamKeys, sandbox, section, useDemoEmulator, type Sandbox } from './helpers';

describe('rotation: a retire request that timed out', function () {
  this.timeout(20_000);
  const env = useDemoEmulator();
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));
  const alice = demoKey('alice');

  function rotate(box: Sandbox, retire: RetireAction, fault: FaultSpec) {
    const deps = fastDeps(box, { clientOptions: { requestTimeoutMs: 1000, maxAttempts: 1 } });
    const onEvent = deps.onEvent!;
    return { deps, run: rotateProfileKey({ profile: 'work', retire }, { ...deps, onEvent: (e) => (e.type === 'step' && e.step === 'retire' && env.emulator.injectFault(fault), onEvent(e)) }) };
  }

  for (const retire of ['deactivate', 'delete'] as const) {
    it(`the ${retire} took effect but its answer was lost: IAM says so, the rotation succeeds`, async () => {
      const box = sandbox(cleanups, section('work', alice));
      const { deps, run } = rotate(box, retire, { action: retire === 'delete' ? 'DeleteAccessKey' : 'UpdateAccessKey', lostAnswer: true, count: 1 });
      const result = await run;
      const newId = await assertFileKeyWorks(env.emulator, box.credentialsFile, 'work', 'alice');
      assert.equal(result.newAccessKeyId, newId);
      assert.deepEqual(iamKeys(env.emulator, 'alice'), retire === 'delete' ? [`${newId}:Active`] : [`${alice.id}:Inactive`, `${newId}:Active`]);
      assert.ok(deps.recorder.events.some((e) => e.type === 'note' && /IAM now lists the key as (inactive|deleted): it took effect/.test(e.message)));
      assert.deepEqual(box.journal.entries(), []);
    });
  }

  it('the request never arrived: IAM lists the old key as active, and the message says so', async () => {
    const box = sandbox(cleanups, section('work', alice));
    const { run } = rotate(box, 'deactivate', { action: 'UpdateAccessKey', hang: true, count: 1 });
    await assert.rejects(run, (e: unknown) => e instanceof LifecycleError && e.state === 'partial' && e.step === 'retire' && /The old key is still active: IAM lists it as active after the failed request/.test(e.message));
    const newId = await assertFileKeyWorks(env.emulator, box.credentialsFile, 'work', 'alice');
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Active`, `${newId}:Active`]);
  });
});
