/**
 * "Last used" is never our own use: the loader asks GetAccessKeyLastUsed before any other call
 * signed with the key, records every call it signs, and shows the last foreign use it observed;
 * through a prober profile the key signs nothing at all. Against the emulator, which records
 * every call's use as IAM does.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { type Emulator, type Seed, startEmulator } from '../../../tools/emulator';
import { formatLastUse, lastUseNote, ProfileFactsLoader, type ProfileReport, type ProfileStatus } from '../../../src/core/profiles';
import { stsClient } from '../emulator/helpers';
import { ACCOUNT, keysOf, profilesSeed, type ProfileSpec, SharedFilesSandbox } from './helpers';

function facts(report: ProfileReport | undefined): Extract<ProfileStatus, { state: 'loaded' }>['facts'] {
  assert.ok(report?.status.state === 'loaded', `expected loaded, got ${JSON.stringify(report?.status)}`);
  return report.status.facts;
}

/** The demo-like seed plus a self-managed admin who may read every user's last use. */
function seedWithReader(): Seed {
  const seed = profilesSeed();
  return { ...seed, users: [...seed.users, { name: 'reader', keys: [{ ageDays: 5 }] }] };
}

describe('profiles: last use is never our own use', () => {
  let emulator: Emulator;
  let sandbox: SharedFilesSandbox;

  before(async () => {
    emulator = await startEmulator({ seed: seedWithReader() });
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.reset();
    sandbox = new SharedFilesSandbox(emulator.url);
  });
  afterEach(() => sandbox.dispose());

  function userProfile(name: string, user: string, index = 0): ProfileSpec {
    const key = keysOf(emulator, user)[index];
    return { name, keyId: key.id, secret: key.secret };
  }

  /** A loader on the emulator's clock, like a fresh editor session or CLI run. */
  function loader(): ProfileFactsLoader {
    return new ProfileFactsLoader({ env: sandbox.env, homedir: sandbox.dir, now: () => emulator.now() });
  }

  async function load(l: ProfileFactsLoader): Promise<Map<string, ProfileReport>> {
    return new Map((await l.load()).reports.map((r) => [r.profile.name, r]));
  }

  it('a never-used key still reads "never used" after ten refreshes, and an ec2 use still reads ec2', async () => {
    sandbox.write([userProfile('carol', 'carol'), userProfile('bob', 'bob')]);
    let session = loader();
    for (let refresh = 0; refresh < 10; refresh++) {
      // Half the refreshes are the refresh button, half a new session (the CLI, a reload).
      if (refresh % 2 === 0) session.invalidate();
      else session = loader();
      emulator.advanceClock(60_000);
      const reports = await load(session);
      const carol = facts(reports.get('carol')).key;
      assert.equal(formatLastUse(carol?.lastUse), 'never', `refresh ${refresh + 1}`);
      const bob = facts(reports.get('bob')).key;
      assert.equal(bob?.lastUse?.serviceName, 'ec2', `refresh ${refresh + 1}`);
      assert.equal(bob?.lastUse?.region, 'eu-west-1');
      if (refresh > 0) assert.equal(lastUseNote(bob?.lastUse), 'our own checks since are not counted');
    }
    // IAM itself does record our calls: only our interpretation keeps them out.
    assert.match(emulator.accessKeys('carol')[0].lastUsed?.serviceName ?? '', /^(iam|sts)$/);
  });

  it('asks GetAccessKeyLastUsed of the key before any other call signed with it', async () => {
    sandbox.write([userProfile('carol', 'carol')]);
    await load(loader());
    const carolKey = keysOf(emulator, 'carol')[0].id;
    const signed = emulator.calls().filter((c) => c.accessKeyId === carolKey);
    assert.equal(signed[0].action, 'GetAccessKeyLastUsed');
    assert.ok(signed.length >= 3, 'identity and listing follow');
  });

  it('shows a foreign use made between two refreshes', async () => {
    sandbox.write([userProfile('carol', 'carol')]);
    await load(loader());
    emulator.advanceClock(60 * 60_000);
    const carol = keysOf(emulator, 'carol')[0];
    // The foreign call's time, bracketed by the emulator's clock (AWS dates may drop the milliseconds):
    // a bound taken after the next load would count that load's time too, seconds on a busy machine.
    const before = Math.floor(emulator.now().getTime() / 1000) * 1000;
    await stsClient(emulator, { accessKeyId: carol.id, secretAccessKey: carol.secret }).send(new GetCallerIdentityCommand({}));
    const after = emulator.now().getTime();
    emulator.advanceClock(60 * 60_000);
    const key = facts((await load(loader())).get('carol')).key;
    assert.equal(key?.lastUse?.serviceName, 'sts');
    const foreignAt = key?.lastUse?.date?.getTime() ?? 0;
    assert.ok(foreignAt >= before && foreignAt <= after, `the foreign call's time: ${foreignAt - before} ms into [${before}, ${after}]`);
    assert.equal(lastUseNote(key?.lastUse), undefined);
  });

  it('prefers a profile of the same account that may read the key\'s last use: the key signs nothing', async () => {
    sandbox.write([userProfile('reader', 'reader'), userProfile('carol', 'carol'), userProfile('bob', 'bob')]);
    // The first session observes every key itself (a prober's own last use is read before it signs
    // for others); the next sessions try each profile as a prober once and remember the answer.
    assert.equal(facts((await load(loader())).get('carol')).via, undefined);
    await load(loader());
    await load(loader());
    emulator.reset();
    for (let refresh = 0; refresh < 3; refresh++) {
      const reports = await load(loader());
      const carol = facts(reports.get('carol'));
      assert.equal(carol.via, 'reader');
      assert.equal(carol.identity.arn, `arn:aws:iam::${ACCOUNT}:user/carol`);
      assert.equal(carol.identity.accountId, ACCOUNT);
      assert.equal(carol.key?.ageDays, 400);
      assert.equal(formatLastUse(carol.key?.lastUse), 'never');
      assert.equal(facts(reports.get('bob')).key?.lastUse?.serviceName, 'ec2');
    }
    assert.equal(emulator.accessKeys('carol')[0].lastUsed, undefined, 'carol\'s key was never used, not even by us');
    assert.equal(emulator.accessKeys('bob')[0].lastUsed?.serviceName, 'ec2');
    const carolKey = keysOf(emulator, 'carol')[0].id;
    assert.deepEqual(emulator.calls().filter((c) => c.accessKeyId === carolKey), []);
  });

  it('falls back to the key itself when no other profile may read it, and remembers the refusal', async () => {
    sandbox.write([userProfile('alice', 'alice'), userProfile('carol', 'carol')]);
    await load(loader());
    emulator.reset();
    await load(loader());
    const aliceKey = keysOf(emulator, 'alice')[0].id;
    const denied = emulator.calls().filter((c) => c.accessKeyId === aliceKey && c.errorCode === 'AccessDenied');
    assert.ok(denied.length >= 1, 'alice was tried as a prober once');
    emulator.reset();
    await load(loader());
    assert.deepEqual(emulator.calls().filter((c) => c.errorCode === 'AccessDenied'), [], 'the refusal is remembered');
    const record = fs.readFileSync(sandbox.keyUseFile, 'utf8');
    assert.ok(!record.includes(aliceKey) && !record.includes(keysOf(emulator, 'alice')[0].secret), 'no key id and no secret in the record');
    assert.equal(fs.statSync(sandbox.keyUseFile).mode & 0o777, 0o600);
  });

  it('a refresh of one profile signs nothing with the other profiles\' keys', async () => {
    sandbox.write([userProfile('alice', 'alice'), userProfile('carol', 'carol'), userProfile('bob', 'bob')]);
    const session = loader();
    await load(session);
    const before = emulator.calls().length;
    session.invalidate('bob');
    await load(session);
    const bobKey = keysOf(emulator, 'bob')[0].id;
    const after = emulator.calls().slice(before);
    assert.ok(after.length > 0);
    assert.deepEqual([...new Set(after.map((c) => c.accessKeyId))], [bobKey]);
  });
});
