/**
 * The profile facts loader against the IAM/STS emulator, through the real SDK: ages and bands,
 * last use, the user's other key, each classified failure, isolation of slow and failing
 * profiles, the cache and the injectable clock.
 */
import * as assert from 'node:assert/strict';
import { GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { type Emulator, startEmulator } from '../../../tools/emulator';
import { ProfileFactsLoader, type ProfileReport, type ProfileStatus } from '../../../src/core/profiles';
import { stsClient } from '../emulator/helpers';
import { ACCOUNT, closedPortUrl, keysOf, profilesSeed, type ProfileSpec, SharedFilesSandbox, startBlackHole } from './helpers';

function loaded(report: ProfileReport | undefined): Extract<ProfileStatus, { state: 'loaded' }>['facts'] {
  assert.ok(report, 'profile reported');
  assert.equal(report.status.state, 'loaded', `expected loaded, got ${JSON.stringify(report.status)}`);
  return (report.status as Extract<ProfileStatus, { state: 'loaded' }>).facts;
}

function failed(report: ProfileReport | undefined): Extract<ProfileStatus, { state: 'failed' }> {
  assert.ok(report, 'profile reported');
  assert.equal(report.status.state, 'failed', `expected failed, got ${JSON.stringify(report.status)}`);
  return report.status as Extract<ProfileStatus, { state: 'failed' }>;
}

describe('profiles: facts loader against the emulator', () => {
  let emulator: Emulator;
  let sandbox: SharedFilesSandbox;

  before(async () => {
    emulator = await startEmulator({ seed: profilesSeed() });
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.reset();
    sandbox = new SharedFilesSandbox(emulator.url);
  });
  afterEach(() => sandbox.dispose());

  /** A profile holding user's `index`th key, pointed at the emulator. */
  function userProfile(name: string, user: string, index = 0): ProfileSpec {
    const key = keysOf(emulator, user)[index];
    return { name, keyId: key.id, secret: key.secret };
  }

  function loader(options: Partial<ConstructorParameters<typeof ProfileFactsLoader>[0]> = {}): ProfileFactsLoader {
    return new ProfileFactsLoader({ env: sandbox.env, homedir: sandbox.dir, ...options });
  }

  async function reportsOf(l: ProfileFactsLoader): Promise<Map<string, ProfileReport>> {
    const snapshot = await l.load();
    return new Map(snapshot.reports.map((r) => [r.profile.name, r]));
  }

  it('reports age, band inputs, identity and status for keys 12, 95 and 400 days old', async () => {
    sandbox.write([userProfile('alice', 'alice'), userProfile('bob', 'bob'), userProfile('carol', 'carol')]);
    const started = emulator.now();
    const reports = await reportsOf(loader());
    const alice = loaded(reports.get('alice'));
    assert.equal(alice.key?.ageDays, 12);
    assert.equal(alice.key?.status, 'Active');
    assert.equal(alice.identity.accountId, ACCOUNT);
    assert.equal(alice.identity.arn, `arn:aws:iam::${ACCOUNT}:user/alice`);
    assert.equal(alice.identity.userName, 'alice');
    assert.deepEqual(alice.otherKeys, []);
    assert.equal(loaded(reports.get('bob')).key?.ageDays, 95);
    const carol = loaded(reports.get('carol')).key;
    assert.equal(carol?.ageDays, 400);
    // IAM records our own calls as a use of the key; they are not shown as its last use.
    assert.equal(carol?.lastUse?.date, undefined, 'still never used');
    const recorded = emulator.accessKeys('carol')[0].lastUsed;
    assert.ok(recorded && recorded.date.getTime() >= started.getTime() - 1000, 'the emulator did record our calls');
    assert.equal(reports.get('carol')!.profile.offlineAccountId, ACCOUNT, 'offline decoding agrees with STS');
  });

  it('shows the user\'s other key with its own age, status and last use', async () => {
    sandbox.write([userProfile('dave', 'dave', 0), userProfile('grace', 'grace', 1)]);
    const reports = await reportsOf(loader());
    const dave = loaded(reports.get('dave'));
    assert.equal(dave.key?.ageDays, 200);
    assert.equal(dave.otherKeys.length, 1);
    assert.equal(dave.otherKeys[0].ageDays, 20);
    assert.equal(dave.otherKeys[0].status, 'Active');
    assert.equal(dave.otherKeys[0].lastUse?.date, undefined, 'never used');
    const grace = loaded(reports.get('grace'));
    assert.equal(grace.otherKeys[0].status, 'Inactive');
    assert.equal(grace.otherKeys[0].ageDays, 150);
    assert.equal(grace.otherKeys[0].lastUse?.serviceName, 's3');
    assert.equal(grace.otherKeys[0].lastUse?.region, 'us-east-1');
  });

  it('says which permission is missing when IAM denies a call', async () => {
    sandbox.write([userProfile('frank', 'frank')]);
    const frank = failed((await reportsOf(loader())).get('frank'));
    assert.equal(frank.problem.code, 'access-denied');
    assert.equal(frank.problem.missingPermission, 'iam:ListAccessKeys');
    assert.equal(frank.identity?.arn, `arn:aws:iam::${ACCOUNT}:user/frank`, 'what STS told is kept');
  });

  it('tells an MFA-only policy, an inactive key, an unknown key and a wrong secret apart', async () => {
    const graceKeys = keysOf(emulator, 'grace');
    sandbox.write([
      userProfile('erin', 'erin'),
      userProfile('grace', 'grace', 1),
      { name: 'grace-old', keyId: graceKeys[0].id, secret: graceKeys[0].secret},
      { name: 'gone', keyId: 'AKIAXAAAAAAAAAAAGONE', secret: graceKeys[0].secret},
      { name: 'typo', keyId: keysOf(emulator, 'alice')[0].id, secret: 'x'.repeat(40)},
    ]);
    const reports = await reportsOf(loader());
    assert.equal(failed(reports.get('erin')).problem.code, 'mfa-required');
    assert.equal(failed(reports.get('grace-old')).problem.code, 'inactive-key', 'grace\'s other profile lists this key as Inactive');
    assert.equal(failed(reports.get('gone')).problem.code, 'invalid-key');
    assert.equal(failed(reports.get('typo')).problem.code, 'signature-mismatch');
    for (const report of reports.values()) {
      if (report.status.state === 'failed') assert.ok(!report.status.problem.message.includes(graceKeys[0].secret), 'no secret in a message');
    }
  });

  it('shows temporary credentials as such, and an expired session as expired', async () => {
    const alice = keysOf(emulator, 'alice')[0];
    const session = await stsClient(emulator, { accessKeyId: alice.id, secretAccessKey: alice.secret }).send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const creds = session.Credentials!;
    sandbox.write([{ name: 'temp', keyId: creds.AccessKeyId, secret: creds.SecretAccessKey, sessionToken: creds.SessionToken}]);
    const temp = (await reportsOf(loader())).get('temp');
    assert.equal(temp?.profile.temporary, true);
    assert.equal(temp?.profile.longTermKey, false);
    const facts = loaded(temp);
    assert.equal(facts.key, undefined, 'no key age for a session');
    assert.equal(facts.identity.accountId, ACCOUNT);
    emulator.advanceClock(16 * 60 * 1000);
    assert.equal(failed((await reportsOf(loader())).get('temp')).problem.code, 'expired-session');
  });

  it('skips SSO, role and process profiles without calling AWS', async () => {
    sandbox.write([
      { name: 'sso-dev', config: ['sso_session = corp', `sso_account_id = ${ACCOUNT}`, 'sso_role_name = Dev'] },
      { name: 'deploy', config: [`role_arn = arn:aws:iam::${ACCOUNT}:role/deploy`, 'source_profile = sso-dev'] },
      { name: 'tool', config: ['credential_process = /bin/false'] },
    ]);
    const reports = await reportsOf(loader());
    assert.deepEqual([...reports.values()].map((r) => [r.profile.name, r.status.state === 'skipped' ? r.status.reason : r.status.state]), [
      ['sso-dev', 'SSO profile: no long-term key'],
      ['deploy', 'role profile: no long-term key'],
      ['tool', 'credential process: no long-term key'],
    ]);
    assert.equal(emulator.calls().length, 0);
  });

  it('makes no AWS call in offline mode and still reports masked ids and offline account ids', async () => {
    sandbox.write([userProfile('alice', 'alice'), userProfile('bob', 'bob')]);
    const snapshot = await loader().load({ offline: true });
    assert.equal(emulator.calls().length, 0);
    assert.deepEqual(snapshot.reports.map((r) => [r.profile.name, r.status.state, r.profile.offlineAccountId, r.profile.maskedKeyId?.length]), [
      ['alice', 'skipped', ACCOUNT, 9],
      ['bob', 'skipped', ACCOUNT, 9],
    ]);
  });

  it('reports a closed port as offline, still with masked ids and offline account ids', async () => {
    sandbox.write([userProfile('alice', 'alice'), userProfile('bob', 'bob')]);
    sandbox.pointAt(await closedPortUrl());
    const snapshot = await loader().load();
    for (const report of snapshot.reports) {
      const problem = failed(report).problem;
      assert.equal(problem.code, 'offline');
      assert.match(problem.message, /ECONNREFUSED/);
      assert.equal(report.profile.offlineAccountId, ACCOUNT);
      assert.match(report.profile.maskedKeyId ?? '', /^AKIA…[A-Z2-7]{4}$/);
    }
  });

  it('times out an endpoint that never answers', async () => {
    const hole = await startBlackHole();
    try {
      sandbox.write([userProfile('alice', 'alice')]);
      sandbox.pointAt(hole.url);
      const started = Date.now();
      const snapshot = await loader({ profileTimeoutMs: 800 }).load();
      assert.equal(failed(snapshot.reports[0]).problem.code, 'timeout');
      assert.ok(Date.now() - started < 3000, 'the per-profile budget bounds the load');
    } finally {
      await hole.close();
    }
  });

  it('a hung profile never holds up the others', async () => {
    sandbox.write([userProfile('alice', 'alice'), userProfile('bob', 'bob'), userProfile('carol', 'carol')]);
    // The first caller identity request hangs; whichever profile sends it must time out alone.
    emulator.injectFault({ action: 'GetCallerIdentity', hang: true, count: 1 });
    const settled: string[] = [];
    const started = Date.now();
    const snapshot = await loader({ profileTimeoutMs: 1500 }).load({ onReport: (r) => settled.push(r.profile.name) });
    const elapsed = Date.now() - started;
    const states = snapshot.reports.map((r) => r.status.state);
    assert.deepEqual([...states].sort(), ['failed', 'loaded', 'loaded'], JSON.stringify(snapshot.reports.map((r) => r.status)));
    const stuck = snapshot.reports.find((r) => r.status.state === 'failed')!;
    assert.equal(failed(stuck).problem.code, 'timeout');
    assert.equal(settled[2], stuck.profile.name, 'the fast profiles settle first');
    assert.ok(elapsed < 4000, `the load ends soon after the per-profile timeout (${elapsed} ms)`);
  });

  it('loads profiles in parallel: with injected latency, far faster than one after another', async () => {
    const users = ['alice', 'bob', 'carol', 'dave', 'grace', 'admin'];
    sandbox.write(users.map((u) => userProfile(u, u, u === 'grace' ? 1 : 0)));
    emulator.injectFault({ action: '*', latencyMs: 300 });
    const started = Date.now();
    const snapshot = await loader({ concurrency: 6 }).load();
    const elapsed = Date.now() - started;
    assert.ok(snapshot.reports.every((r) => r.status.state === 'loaded'), JSON.stringify(snapshot.reports.map((r) => r.status.state)));
    // One profile's chain is two round trips (its key's GetAccessKeyLastUsed, then STS ‖ ListAccessKeys), three for a
    // user with a second key (its last use): ~600-900 ms. Serial: ~4 s.
    assert.ok(elapsed < 1800, `6 profiles loaded in ${elapsed} ms`);
  });

  it('serves repeated loads from the cache until invalidated, per profile or all', async () => {
    sandbox.write([userProfile('alice', 'alice'), userProfile('bob', 'bob')]);
    const l = loader();
    await l.load();
    const first = emulator.calls().length;
    assert.ok(first >= 6, `first load calls AWS (${first} calls)`);
    await l.load();
    assert.equal(emulator.calls().length, first, 'second load is cached');
    l.invalidate('bob');
    await l.load();
    const bobCalls = emulator.calls().slice(first);
    assert.ok(bobCalls.length >= 3 && bobCalls.every((c) => c.userName === 'bob'), 'only bob reloads');
    l.invalidate();
    await l.load();
    const full = emulator.calls().slice(first + bobCalls.length);
    assert.ok(['alice', 'bob'].every((user) => full.some((c) => c.userName === user && c.action === 'ListAccessKeys')), 'every profile reloads');
  });

  it('reloads a profile whose key changed on disk even without invalidation', async () => {
    sandbox.write([userProfile('main', 'alice')]);
    const l = loader();
    assert.equal(loaded((await l.load()).reports[0]).identity.userName, 'alice');
    sandbox.write([userProfile('main', 'carol')]);
    assert.equal(loaded((await l.load()).reports[0]).identity.userName, 'carol');
  });

  it('computes ages against the injected clock', async () => {
    sandbox.write([userProfile('alice', 'alice')]);
    const later = new Date(emulator.now().getTime() + 100 * 24 * 60 * 60 * 1000);
    const facts = loaded((await loader({ now: () => later }).load()).reports[0]);
    assert.equal(facts.key?.ageDays, 112);
    assert.equal(facts.loadedAt.getTime(), later.getTime());
  });
});
