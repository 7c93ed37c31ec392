import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LifecycleError, rotateProfileKey } from '../../../src/core/rotation';
import { assertFileKeyWorks, assertNoSecrets, demoKey, emulatorSecrets, fastDeps, fileKey, iamKeys, makeDirectoryUnwritable, sandbox, section, useDemoEmulator } from './helpers';

describe('rotation: rotateProfileKey against the emulator', function () {
  this.timeout(20_000);
  const env = useDemoEmulator();
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));
  const alice = demoKey('alice');
  const bob = demoKey('bob');

  it('creates, writes, verifies and deactivates: only the key values change in the file', async () => {
    const original = `# my keys\r\n${section('work', alice).replace(/\n/g, '\r\n')}\r\n${section('other', bob).replace(/\n/g, '\r\n')}`;
    const box = sandbox(cleanups, original);
    const deps = fastDeps(box);
    const result = await rotateProfileKey({ profile: 'work' }, deps);

    const now = fileKey(box.credentialsFile, 'work');
    assert.equal(now.id, result.newAccessKeyId);
    assert.notEqual(now.id, alice.id);
    const text = fs.readFileSync(box.credentialsFile, 'utf8');
    assert.equal(text.replace(now.id, alice.id).replace(now.secret, alice.secret), original, 'only the two values changed, CRLF kept');
    assert.equal(await assertFileKeyWorks(env.emulator, box.credentialsFile, 'work', 'alice'), result.newAccessKeyId);
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Inactive`, `${result.newAccessKeyId}:Active`]);
    assert.deepEqual(
      deps.recorder.events.filter((e) => e.type === 'step').map((e) => (e.type === 'step' ? e.step : '')),
      ['preflight', 'create', 'write', 'verify', 'retire'],
    );
    assert.deepEqual(box.journal.entries(), [], 'the journal is empty after a finished rotation');
    assert.equal(result.retired, 'deactivate');
    assert.deepEqual(result.updatedProfiles, ['work']);
    assertNoSecrets(deps.recorder.text(), [...emulatorSecrets(env.emulator), alice.secret]);
    assert.equal(fs.statSync(box.credentialsFile).mode & 0o777, 0o600);
  });

  it('deletes the old key with retire "delete" and drops a stale aws_session_token', async () => {
    const box = sandbox(cleanups, section('work', alice, 'aws_session_token = FwoGZXIvYXdzEXAMPLEstaleToken\nregion = eu-west-1\n'));
    const result = await rotateProfileKey({ profile: 'work', retire: 'delete' }, fastDeps(box));
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${result.newAccessKeyId}:Active`]);
    const text = fs.readFileSync(box.credentialsFile, 'utf8');
    assert.doesNotMatch(text, /aws_session_token/);
    assert.match(text, /region = eu-west-1\n$/);
    await assertFileKeyWorks(env.emulator, box.credentialsFile, 'work', 'alice');
  });

  it('a key shared by two profile names: both get the new key when the user agrees', async () => {
    const box = sandbox(cleanups, `${section('work', alice)}\n${section('work-copy', alice)}\n${section('bob', bob)}`);
    const deps = fastDeps(box);
    const result = await rotateProfileKey({ profile: 'work' }, deps);
    assert.deepEqual(result.updatedProfiles, ['work', 'work-copy']);
    assert.equal(fileKey(box.credentialsFile, 'work-copy').id, result.newAccessKeyId);
    assert.equal(fileKey(box.credentialsFile, 'bob').id, bob.id);
    assert.equal(deps.recorder.questions[0].kind, 'update-shared-profiles');
    assert.match(deps.recorder.questions[0].message, /"work-copy"/);
  });

  it('a key shared by two profile names: declined, only the rotated profile changes', async () => {
    const box = sandbox(cleanups, `${section('work', alice)}\n${section('work-copy', alice)}`);
    const result = await rotateProfileKey({ profile: 'work' }, fastDeps(box, {}, () => false));
    assert.deepEqual(result.updatedProfiles, ['work']);
    assert.equal(fileKey(box.credentialsFile, 'work-copy').id, alice.id);
  });

  it('refuses a profile without a long-term key, and one with temporary credentials, changing nothing', async () => {
    const box = sandbox(cleanups, `[temp]\naws_access_key_id = ASIARZPUZDIKESSO2CVY\naws_secret_access_key = x\naws_session_token = y\n`, '[profile sso]\nsso_session = s\n');
    for (const profile of ['temp', 'sso', 'missing']) {
      await assert.rejects(rotateProfileKey({ profile }, fastDeps(box)), (e: unknown) => e instanceof LifecycleError && e.state === 'unchanged' && /Nothing was changed/.test(e.message));
    }
    assert.equal(env.emulator.calls().filter((c) => c.action === 'CreateAccessKey').length, 0);
  });

  it('cancellation before the write deletes the new key; the file is untouched', async () => {
    const box = sandbox(cleanups, section('work', alice));
    const before = fs.readFileSync(box.credentialsFile, 'utf8');
    const controller = new AbortController();
    const deps = fastDeps(box, { checkpoint: (point) => void (point === 'after-create' && controller.abort()) });
    await assert.rejects(rotateProfileKey({ profile: 'work', signal: controller.signal }, deps), (e: unknown) => e instanceof LifecycleError && e.state === 'unchanged' && /cancelled.*new key was deleted/i.test(e.message));
    assert.equal(fs.readFileSync(box.credentialsFile, 'utf8'), before);
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Active`]);
    assert.deepEqual(box.journal.entries(), []);
  });

  it('refuses to start while an interrupted rotation of the same profile is in the journal', async () => {
    const box = sandbox(cleanups, section('work', alice));
    box.journal.put({ id: 'x1', profile: 'work', file: box.credentialsFile, userArn: 'arn', oldAccessKeyId: alice.id, keysBefore: [alice.id], sharedProfiles: [], retire: 'deactivate', step: 'creating', startedAt: '', updatedAt: '' });
    await assert.rejects(rotateProfileKey({ profile: 'work' }, fastDeps(box)), /interrupted/);
    assert.equal(env.emulator.calls().length, 0, 'no AWS call was made');
  });

  it('a journal that cannot be written stops the rotation before any key is created', async () => {
    const box = sandbox(cleanups, section('work', alice));
    fs.mkdirSync(path.dirname(box.journalFile));
    const undo = makeDirectoryUnwritable(path.dirname(box.journalFile));
    cleanups.push(undo);
    await assert.rejects(rotateProfileKey({ profile: 'work' }, fastDeps(box)), (e: unknown) => e instanceof LifecycleError && e.state === 'unchanged' && /journal cannot be written.*No key was created/.test(e.message));
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Active`]);
  });

  it('the journal cannot be cleaned up after a finished rotation: success, with a warning', async () => {
    const box = sandbox(cleanups, section('work', alice));
    let undo: (() => void) | undefined;
    cleanups.push(() => undo?.());
    const deps = fastDeps(box, { checkpoint: (point) => void (point === 'after-verify' && (undo = makeDirectoryUnwritable(path.dirname(box.journalFile)))) });
    const result = await rotateProfileKey({ profile: 'work' }, deps);
    assert.equal(fileKey(box.credentialsFile, 'work').id, result.newAccessKeyId);
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Inactive`, `${result.newAccessKeyId}:Active`]);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0], /rotation finished, but its entry could not be removed from the rotation journal/);
    assert.ok(deps.recorder.events.some((e) => e.type === 'note' && /journal/.test(e.message)), 'the warning is reported');
    assertNoSecrets(deps.recorder.text(), [...emulatorSecrets(env.emulator), alice.secret]);
  });

  it('the journal cannot be cleaned up after CreateAccessKey fails: still the LifecycleError, which mentions the journal', async () => {
    const box = sandbox(cleanups, section('work', alice));
    let undo: (() => void) | undefined;
    cleanups.push(() => undo?.());
    env.emulator.injectFault({ action: 'CreateAccessKey', error: 'LimitExceeded' });
    const deps = fastDeps(box, { checkpoint: (point) => void (point === 'before-create' && (undo = makeDirectoryUnwritable(path.dirname(box.journalFile)))) });
    await assert.rejects(rotateProfileKey({ profile: 'work' }, deps), (e: unknown) => {
      assert.ok(e instanceof LifecycleError, `a LifecycleError, not ${String(e)}`);
      assert.equal(e.state, 'unchanged');
      assert.equal(e.step, 'create');
      assert.match(e.message, /Creating a new access key failed \(LimitExceeded.*rotation journal could not be updated/);
      return true;
    });
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Active`]);
  });

  it('the journal cannot be cleaned up after a failed write: still the LifecycleError (new key deleted)', async () => {
    const box = sandbox(cleanups, section('work', alice));
    let undo: (() => void) | undefined;
    cleanups.push(() => undo?.());
    const deps = fastDeps(box, {
      checkpoint: (point) => {
        if (point !== 'after-create') return;
        undo = makeDirectoryUnwritable(path.dirname(box.journalFile));
        fs.writeFileSync(box.credentialsFile, section('work', bob)); // the file changed: the write is refused
      },
    });
    await assert.rejects(rotateProfileKey({ profile: 'work' }, deps), (e: unknown) => {
      assert.ok(e instanceof LifecycleError, `a LifecycleError, not ${String(e)}`);
      assert.equal(e.step, 'write');
      assert.match(e.message, /new key was deleted.*rotation journal could not be updated/);
      return true;
    });
    assert.deepEqual(iamKeys(env.emulator, 'alice'), [`${alice.id}:Active`]);
  });
});
