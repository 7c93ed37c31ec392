/**
 * Delete Unused Key in the core, against the emulator: refuses a key a local profile holds (nothing
 * sent to IAM), deletes an unused key and confirms IAM no longer lists it, and reports a denied
 * deletion as "not deleted".
 */
import * as assert from 'node:assert/strict';
import { DeleteKeyError, deleteUnusedKey } from '../../../src/core/audit';
import { type LocalProfile, readLocalProfiles } from '../../../src/core/profiles';
import { type Emulator, startEmulator } from '../../../tools/emulator';
import { keysOf, SharedFilesSandbox } from '../profiles/helpers';
import { auditSeed } from './helpers';

describe('audit: Delete Unused Key', () => {
  let emulator: Emulator;
  let sandbox: SharedFilesSandbox;

  before(async () => {
    const seed = auditSeed();
    seed.users.push({ name: 'keeper', policy: { selfOnly: true, denyActions: ['iam:DeleteAccessKey'] }, keys: [{ ageDays: 10 }, { ageDays: 400, lastUsed: 'never' }] });
    emulator = await startEmulator({ seed });
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.reset();
    sandbox = new SharedFilesSandbox(emulator.url);
  });
  afterEach(() => sandbox.dispose());

  function profiles(): LocalProfile[] {
    return readLocalProfiles(sandbox.env, sandbox.dir).profiles;
  }

  function input(user: string, signerIndex: number, deleteIndex: number) {
    const keys = keysOf(emulator, user);
    const signer = profiles().find((p) => p.accessKeyId === keys[signerIndex].id) as LocalProfile;
    return { signer, userName: user, accessKeyId: keys[deleteIndex].id, files: { credentialsFile: sandbox.credentialsFile, configFile: sandbox.configFile }, localProfiles: profiles };
  }

  it('deletes an unused key with the profile\'s own credentials and checks IAM no longer lists it', async () => {
    const [old, current] = keysOf(emulator, 'henry');
    sandbox.write([{ name: 'henry', keyId: current.id, secret: current.secret }]);
    await deleteUnusedKey(input('henry', 1, 0));
    assert.deepEqual(emulator.accessKeys('henry').map((k) => k.accessKeyId), [current.id]);
    assert.deepEqual(
      emulator.calls().map((c) => c.action),
      ['DeleteAccessKey', 'ListAccessKeys'],
    );
    assert.ok(!emulator.accessKeys('henry').some((k) => k.accessKeyId === old.id));
  });

  it('refuses a key a local profile holds, before any call', async () => {
    const [old, current] = keysOf(emulator, 'henry');
    sandbox.write([{ name: 'henry', keyId: current.id, secret: current.secret }, { name: 'henry-old', keyId: old.id, secret: old.secret }]);
    await assert.rejects(deleteUnusedKey(input('henry', 1, 0)), (error: Error) => error instanceof DeleteKeyError && /used by local profile "henry-old": not deleted/.test(error.message));
    assert.deepEqual(emulator.calls(), []);
    assert.equal(emulator.accessKeys('henry').length, 2);
  });

  it('says "not deleted" when IAM refuses', async () => {
    const [current] = keysOf(emulator, 'keeper');
    sandbox.write([{ name: 'keeper', keyId: current.id, secret: current.secret }]);
    await assert.rejects(deleteUnusedKey(input('keeper', 0, 1)), (error: Error) => error instanceof DeleteKeyError && /it was not deleted: .*iam:DeleteAccessKey/.test(error.message));
    assert.equal(emulator.accessKeys('keeper').length, 2);
  });
});
