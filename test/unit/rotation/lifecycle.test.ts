/** Two-key quota, MFA-required users, deactivate/delete, Delete Deactivated Key, leak response. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import {
  deactivateLeakedKey,
  deleteDeactivatedKeys,
  leakCandidates,
  LifecycleError,
  retireProfileKey,
  rotateProfileKey,
  type MfaCodeRequest,
} from '../../../src/core/rotation';
import { newAccessKeyId } from '../../../tools/emulator/ids';
import { assertFileKeyWorks, assertNoSecrets, demoKey, emulatorSecrets, fastDeps, iamKeys, sandbox, section, useDemoEmulator } from './helpers';

const isUnchanged = (pattern: RegExp) => (e: unknown) => e instanceof LifecycleError && e.state === 'unchanged' && pattern.test(e.message);

describe('rotation: two keys, MFA, deactivate/delete, leaks', function () {
  this.timeout(20_000);
  const env = useDemoEmulator();
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));
  const [dave0, dave1] = [demoKey('dave', 0), demoKey('dave', 1)];
  const [grace0, grace1] = [demoKey('grace', 0), demoKey('grace', 1)];
  const erin = demoKey('erin');
  const ERIN_MFA = 'arn:aws:iam::123456789012:mfa/erin';

  describe('two-key quota', () => {
    it('an inactive other key: a plain confirmation, deleted, then rotated; the rotated key is never touched before', async () => {
      const box = sandbox(cleanups, section('grace', grace1));
      const deps = fastDeps(box);
      const result = await rotateProfileKey({ profile: 'grace' }, deps);
      assert.equal(deps.recorder.questions[0].kind, 'delete-other-key');
      assert.equal(deps.recorder.questions[0].explicit, false);
      assert.match(deps.recorder.questions[0].message, /Delete the other key AKIA\*+JEWS \(Inactive, created 150 days ago, last used 70 days ago \(s3, us-east-1\)\)/);
      assert.equal(result.deletedOtherKey, grace0.id);
      assert.deepEqual(iamKeys(env.emulator, 'grace'), [`${grace1.id}:Inactive`, `${result.newAccessKeyId}:Active`]);
    });

    it('an active other key: an explicit confirmation showing its last use; declined changes nothing', async () => {
      const box = sandbox(cleanups, section('dave', dave0));
      const deps = fastDeps(box, {}, () => false);
      await assert.rejects(rotateProfileKey({ profile: 'dave' }, deps), isUnchanged(/already has two access keys.*was kept.*Nothing was changed/));
      const question = deps.recorder.questions[0];
      assert.equal(question.explicit, true);
      assert.match(question.message, /AKIA\*+W52A \(Active, created 20 days ago, never used\)/);
      assert.match(question.detail, /ACTIVE and no local profile uses it/);
      assert.deepEqual(iamKeys(env.emulator, 'dave'), [`${dave0.id}:Active`, `${dave1.id}:Active`]);
    });

    it('an active other key, accepted: deleted, rotation completes', async () => {
      const box = sandbox(cleanups, section('dave', dave0));
      const result = await rotateProfileKey({ profile: 'dave' }, fastDeps(box));
      assert.deepEqual(iamKeys(env.emulator, 'dave'), [`${dave0.id}:Inactive`, `${result.newAccessKeyId}:Active`]);
    });

    it('cancelled right after the other key was deleted: not "nothing changed" but partial, naming the deleted key', async () => {
      const box = sandbox(cleanups, section('dave', dave0));
      const controller = new AbortController();
      const deps = fastDeps(box, { onEvent: (e) => void (e.type === 'note' && /Deleted the other key/.test(e.message) && controller.abort()) });
      await assert.rejects(rotateProfileKey({ profile: 'dave', signal: controller.signal }, deps), (e: unknown) => {
        assert.ok(e instanceof LifecycleError);
        assert.equal(e.state, 'partial', e.message);
        assert.match(e.message, /other key AKIA\*+W52A was deleted/);
        assert.doesNotMatch(e.message, /Nothing was changed|nothing was changed/);
        assertNoSecrets(e.message, [...emulatorSecrets(env.emulator), dave0.secret, dave1.secret]);
        return true;
      });
      assert.deepEqual(iamKeys(env.emulator, 'dave'), [`${dave0.id}:Active`], 'the profile keeps its key; the other key is gone');
    });

    it('CreateAccessKey fails after the other key was deleted: partial, naming the deleted key', async () => {
      const box = sandbox(cleanups, section('dave', dave0));
      env.emulator.injectFault({ action: 'CreateAccessKey', error: 'AccessDenied', message: 'no identity-based policy allows the iam:CreateAccessKey action' });
      await assert.rejects(rotateProfileKey({ profile: 'dave' }, fastDeps(box)), (e: unknown) => {
        assert.ok(e instanceof LifecycleError);
        assert.equal(e.state, 'partial', e.message);
        assert.equal(e.step, 'create');
        assert.match(e.message, /Creating a new access key failed \(AccessDenied.*Nothing else was changed.*other key AKIA\*+W52A was deleted/);
        return true;
      });
      assert.deepEqual(iamKeys(env.emulator, 'dave'), [`${dave0.id}:Active`]);
    });

    it('the other key is used by a local profile: refused without asking', async () => {
      const box = sandbox(cleanups, `${section('dave', dave0)}\n${section('dave-ci', dave1)}`);
      const deps = fastDeps(box);
      await assert.rejects(rotateProfileKey({ profile: 'dave' }, deps), isUnchanged(/other key AKIA\*+W52A is used by local profile "dave-ci"/));
      assert.equal(deps.recorder.questions.length, 0);
      assert.equal(env.emulator.accessKeys('dave').length, 2);
    });
  });

  describe('MFA-required users', () => {
    const codes = (requests: MfaCodeRequest[]) => async (request: MfaCodeRequest) => {
      requests.push(request);
      return env.emulator.mfaCode(request.serialNumber);
    };

    it('mfa_serial in the config: signs in with GetSessionToken first and rotates', async () => {
      const box = sandbox(cleanups, section('erin', erin), `[profile erin]\nmfa_serial = ${ERIN_MFA}\n`);
      const requests: MfaCodeRequest[] = [];
      const deps = fastDeps(box, { askMfaCode: codes(requests) });
      const result = await rotateProfileKey({ profile: 'erin' }, deps);
      assert.equal(result.usedMfa, true);
      assert.deepEqual(requests, [{ profile: 'erin', serialNumber: ERIN_MFA, serialSource: 'profile' }]);
      assert.ok(deps.recorder.events.some((e) => e.type === 'step' && e.step === 'mfa'));
      await assertFileKeyWorks(env.emulator, box.credentialsFile, 'erin', 'erin');
      assert.deepEqual(iamKeys(env.emulator, 'erin'), [`${erin.id}:Inactive`, `${result.newAccessKeyId}:Active`]);
      assertNoSecrets(deps.recorder.text(), emulatorSecrets(env.emulator));
    });

    it('no mfa_serial: the explicit deny triggers MFA with the usual device name', async () => {
      const box = sandbox(cleanups, section('erin', erin));
      const requests: MfaCodeRequest[] = [];
      const result = await rotateProfileKey({ profile: 'erin' }, fastDeps(box, { askMfaCode: codes(requests) }));
      assert.equal(result.usedMfa, true);
      assert.deepEqual(requests, [{ profile: 'erin', serialNumber: ERIN_MFA, serialSource: 'guess' }]);
    });

    it('no way to ask for a code: refused, says MFA is required', async () => {
      const box = sandbox(cleanups, section('erin', erin));
      await assert.rejects(rotateProfileKey({ profile: 'erin' }, fastDeps(box)), isUnchanged(/IAM requires MFA for profile "erin" \(device arn:aws:iam::123456789012:mfa\/erin\).*--mfa-code/));
      assert.equal(env.emulator.accessKeys('erin').length, 1);
    });

    it('a wrong code: refused with AWS\'s reason, nothing changed', async () => {
      const box = sandbox(cleanups, section('erin', erin), `[profile erin]\nmfa_serial = ${ERIN_MFA}\n`);
      const wrong = async () => (env.emulator.mfaCode(ERIN_MFA) === '000000' ? '111111' : '000000');
      await assert.rejects(rotateProfileKey({ profile: 'erin' }, fastDeps(box, { askMfaCode: wrong })), isUnchanged(/MFA sign-in for profile "erin" failed \(AccessDenied: MultiFactorAuthentication failed/));
    });

    it('an implicit deny (missing permission) does not ask for MFA', async () => {
      const box = sandbox(cleanups, section('frank', demoKey('frank')));
      let asked = 0;
      await assert.rejects(
        rotateProfileKey({ profile: 'frank' }, fastDeps(box, { askMfaCode: async () => String(++asked) })),
        isUnchanged(/Creating a new access key failed \(AccessDenied: .*iam:CreateAccessKey/),
      );
      assert.equal(asked, 0);
    });
  });

  describe('deactivate, delete, delete deactivated', () => {
    it('Deactivate Access Key names every profile that stops working', async () => {
      const alice = demoKey('alice');
      const box = sandbox(cleanups, `${section('work', alice)}\n${section('work2', alice)}`);
      const deps = fastDeps(box);
      assert.equal(await retireProfileKey('work', 'deactivate', deps), true);
      // Signing in with the key to ask counts as a use: AWS reports the preflight's call (STS or IAM) as today's.
      assert.match(deps.recorder.questions[0].message, /Deactivate access key AKIA\*+2CVY of profiles "work" and "work2" \(last used today \((?:iam|sts), us-east-1\)\)/);
      assert.match(deps.recorder.questions[0].detail, /stop working until the key is activated again/);
      assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Inactive`]);
    });

    it('Delete Access Key, declined: nothing changes', async () => {
      const bob = demoKey('bob');
      const box = sandbox(cleanups, section('bob', bob));
      const deps = fastDeps(box, {}, () => false);
      assert.equal(await retireProfileKey('bob', 'delete', deps), false);
      assert.match(deps.recorder.questions[0].detail, /cannot be undone/);
      assert.deepEqual(iamKeys(env.emulator, 'bob'), [`${bob.id}:Active`]);
    });

    it('Delete Deactivated Key removes the key a rotation deactivated, and only that', async () => {
      const box = sandbox(cleanups, section('grace', grace1));
      const deleted = await deleteDeactivatedKeys('grace', fastDeps(box));
      assert.deepEqual(deleted, [grace0.id]);
      assert.deepEqual(iamKeys(env.emulator, 'grace'), [`${grace1.id}:Active`]);
    });
  });

  describe('leak response', () => {
    const admin = { user: 'admin', id: 'AKIARZPUZDIKN3ARQJVJ', secret: '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' };

    it('finds same-account profiles offline, holders first, and none for another account', () => {
      const alice = demoKey('alice');
      const box = sandbox(cleanups, `${section('admin', admin)}\n${section('work', alice)}`);
      const bob = demoKey('bob');
      const forBob = leakCandidates(bob.id, box.files);
      assert.equal(forBob.accountId, '123456789012');
      assert.deepEqual(forBob.sameAccount.map((h) => h.profile), ['admin', 'work']);
      assert.deepEqual(forBob.holders, []);
      assert.deepEqual(leakCandidates(alice.id, box.files).sameAccount.map((h) => h.profile), ['work', 'admin']);
      assert.deepEqual(leakCandidates(newAccessKeyId('999988887777'), box.files).sameAccount, []);
    });

    it('looks up the owner with GetAccessKeyLastUsed and deactivates a key no local profile holds', async () => {
      const bob = demoKey('bob');
      const box = sandbox(cleanups, section('admin', admin));
      const deps = fastDeps(box);
      const { facts, deactivated } = await deactivateLeakedKey(bob.id, 'admin', deps);
      assert.equal(deactivated, true);
      assert.equal(facts.userName, 'bob');
      assert.equal(facts.lastUseText, 'last used 40 days ago (ec2, eu-west-1)');
      assert.match(deps.recorder.questions[0].message, /Deactivate the leaked key AKIA\*+V4NF of user bob/);
      assert.deepEqual(iamKeys(env.emulator, 'bob'), [`${bob.id}:Inactive`]);
      assert.ok(env.emulator.calls().some((c) => c.action === 'UpdateAccessKey' && c.userName === 'admin'));
    });

    it('a profile without IAM rights on other users: refused, says why, nothing changed', async () => {
      const box = sandbox(cleanups, section('work', demoKey('alice')));
      await assert.rejects(deactivateLeakedKey(demoKey('bob').id, 'work', fastDeps(box)), isUnchanged(/could not look up key AKIA\*+V4NF \(AccessDenied/));
      assert.equal(fs.existsSync(box.journalFile), false);
    });
  });
});
