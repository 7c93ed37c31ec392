/** The record of our own calls per key, on real files in a temp folder: interpretation, merging, damage. */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyUseRecord, OWN_CALL_WINDOW_MS } from '../../../src/core/profiles';

const KEY = 'AKIAXAAAAAAAAAAAKEY1';

describe('profiles: the record of our own calls', () => {
  let dir: string;
  let now: Date;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'akg-key-use-'));
    now = new Date('2026-06-01T12:00:00Z');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const record = (file = join(dir, 'key-use.json')) => new KeyUseRecord(file, () => now);

  it('hides our own call (same service, inside the window) behind the last foreign use', () => {
    const r = record();
    const foreign = { date: new Date('2026-05-01T08:00:00Z'), serviceName: 'ec2', region: 'eu-west-1' };
    assert.deepEqual(r.interpret(KEY, foreign), foreign);
    r.ownCall(KEY, 'iam');
    assert.deepEqual(r.interpret(KEY, { date: new Date(now.getTime() + 60_000), serviceName: 'iam', region: 'us-east-1' }), { ...foreign, ownChecksHidden: true });
    // Another service at the same time, or the same service outside the window, is not ours.
    assert.equal(r.interpret(KEY, { date: now, serviceName: 's3', region: 'us-east-1' }).serviceName, 's3');
    r.ownCall(KEY, 'iam');
    const later = { date: new Date(now.getTime() + OWN_CALL_WINDOW_MS + 1000), serviceName: 'iam', region: 'us-east-1' };
    assert.deepEqual(r.interpret(KEY, later), later);
  });

  it('says so when only our own check is known', () => {
    const r = record();
    r.ownCall(KEY, 'sts');
    assert.equal(r.interpret(KEY, { date: now, serviceName: 'sts' }).ownCheckOnly, true);
  });

  it('persists without the key id, merges what another process wrote, and ignores a damaged file', () => {
    const file = join(dir, 'key-use.json');
    const first = record(file);
    first.interpret(KEY, {});
    first.ownCall(KEY, 'iam');
    first.flush();
    assert.ok(!readFileSync(file, 'utf8').includes(KEY));
    const second = record(file);
    assert.equal(second.hasObserved(KEY), true, 'read back');
    second.setCanProbe(KEY, true);
    second.flush();
    first.ownCall('AKIAXAAAAAAAAAAAKEY2', 'iam');
    first.flush();
    assert.equal(record(file).canProbe(KEY), true, 'the other process\'s finding survives');
    writeFileSync(file, '{not json');
    const damaged = record(file);
    assert.equal(damaged.hasObserved(KEY), false);
    assert.match(damaged.lastError ?? '', /damaged/);
  });
});
