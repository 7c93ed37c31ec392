/**
 * The parts of the profile facts that need no AWS: offline facts from the files, age bands, error
 * classification and the concurrency pool.
 */
import * as assert from 'node:assert/strict';
import { parseCredentialsText } from '../../../src/core/credentials';
import {
  ageBand,
  ageInDays,
  classifyProblem,
  deniedActionOf,
  formatLastUse,
  localProfilesOf,
  mapWithConcurrency,
  sanitizeThresholds,
  shortMaskKeyId,
} from '../../../src/core/profiles';
import { accountEncodedId } from '../../../tools/emulator';

// Generated so that it encodes a known account, as current AWS key ids do.
const KEY = accountEncodedId('AKIA', '111122223333');
const credentialsText = [
  '[default]',
  `aws_access_key_id = ${KEY}`,
  'aws_secret_access_key = abcdefghijabcdefghijabcdefghijabcdefghij',
  '',
  '# a session',
  '[temp]',
  'aws_access_key_id = ASIA2E3MOIH4XAMPAAAA',
  'aws_secret_access_key = abcdefghijabcdefghijabcdefghijabcdefghij',
  'aws_session_token = IQoJb3JpZ2luX2VjEXAMPLE',
  '',
].join('\n');
const configText = ['[profile sso-dev]', 'sso_session = corp', 'sso_account_id = 111122223333', '', '[profile deploy]', 'role_arn = arn:aws:iam::111122223333:role/deploy', 'source_profile = default', '', '[profile tool]', 'credential_process = /bin/get-creds', ''].join('\n');

function parsed() {
  return {
    credentials: parseCredentialsText(credentialsText, { path: '/home/u/.aws/credentials', kind: 'credentials' }),
    config: parseCredentialsText(configText, { path: '/home/u/.aws/config', kind: 'config' }),
  };
}

describe('profiles: offline facts', () => {
  it('lists every profile of both files with kind, masked key, offline account id, file and line', () => {
    const profiles = localProfilesOf(parsed(), {});
    const byName = new Map(profiles.map((p) => [p.name, p]));
    assert.deepEqual([...byName.keys()].sort(), ['default', 'deploy', 'sso-dev', 'temp', 'tool']);
    const main = byName.get('default')!;
    assert.equal(main.kind, 'static');
    assert.equal(main.maskedKeyId, `AKIA…${KEY.slice(-4)}`);
    assert.equal(main.longTermKey, true);
    assert.equal(main.temporary, false);
    assert.equal(main.file, 'credentials');
    assert.equal(main.line, 1);
    assert.equal(main.offlineAccountId, '111122223333');
    const temp = byName.get('temp')!;
    assert.equal(temp.temporary, true);
    assert.equal(temp.longTermKey, false);
    assert.equal(temp.line, 6);
    assert.equal(byName.get('sso-dev')!.kind, 'sso');
    assert.equal(byName.get('deploy')!.kind, 'role');
    assert.equal(byName.get('tool')!.kind, 'process');
    assert.equal(byName.get('tool')!.file, 'config');
    assert.equal(byName.get('tool')!.line, 9);
  });

  it('marks AWS_PROFILE as active, else default', () => {
    assert.deepEqual(localProfilesOf(parsed(), {}).filter((p) => p.active).map((p) => p.name), ['default']);
    assert.deepEqual(localProfilesOf(parsed(), { AWS_PROFILE: 'deploy' }).filter((p) => p.active).map((p) => p.name), ['deploy']);
  });

  it('changes the fingerprint when the secret changes, without holding the secret', () => {
    const before = localProfilesOf(parsed(), {}).find((p) => p.name === 'default')!;
    const other = parseCredentialsText(credentialsText.replace('abcdefghijabcdefghijabcdefghijabcdefghij', 'zyxwvutsrqzyxwvutsrqzyxwvutsrqzyxwvutsrq'), { path: '/c', kind: 'credentials' });
    const after = localProfilesOf({ credentials: other }, {}).find((p) => p.name === 'default')!;
    assert.notEqual(before.fingerprint, after.fingerprint);
    assert.ok(!JSON.stringify(before).includes('abcdefghij'), 'no secret in the offline facts');
  });

  it('masks short and long ids', () => {
    assert.equal(shortMaskKeyId('AKIAIOSFODNN7EXAMPLE'), 'AKIA…MPLE');
    assert.equal(shortMaskKeyId('AKIA'), '…');
  });
});

describe('profiles: age bands', () => {
  it('counts whole days and bands them at the thresholds', () => {
    const now = new Date('2025-06-01T12:00:00Z');
    assert.equal(ageInDays(new Date('2025-05-20T12:00:00Z'), now), 12);
    assert.equal(ageInDays(new Date('2025-05-20T12:00:01Z'), now), 11);
    assert.equal(ageInDays(new Date('2025-07-01T00:00:00Z'), now), 0, 'a clock skew never gives a negative age');
    assert.equal(ageBand(89), 'fine');
    assert.equal(ageBand(90), 'due');
    assert.equal(ageBand(179), 'due');
    assert.equal(ageBand(180), 'overdue');
    assert.equal(ageBand(40, { dueDays: 30, overdueDays: 60 }), 'due');
  });

  it('repairs nonsensical thresholds instead of hiding warnings', () => {
    assert.deepEqual(sanitizeThresholds({ dueDays: -1, overdueDays: Number.NaN }), { dueDays: 90, overdueDays: 180 });
    assert.deepEqual(sanitizeThresholds({ dueDays: 100, overdueDays: 50 }), { dueDays: 100, overdueDays: 100 });
  });

  it('formats last use as date · service · region, or never', () => {
    assert.equal(formatLastUse({ date: new Date('2025-03-14T10:00:00Z'), serviceName: 's3', region: 'us-east-1' }), '2025-03-14 · s3 · us-east-1');
    assert.equal(formatLastUse({}), 'never');
    assert.equal(formatLastUse(undefined), 'never');
  });
});

describe('profiles: error classification', () => {
  it('names the denied action from AWS\'s message, else the call made', () => {
    const denied = Object.assign(new Error('User: arn:aws:iam::111122223333:user/frank is not authorized to perform: iam:ListAccessKeys on resource: user frank because no identity-based policy allows the iam:ListAccessKeys action'), { name: 'AccessDenied' });
    const problem = classifyProblem(denied, 'iam:GetAccessKeyLastUsed');
    assert.equal(problem.code, 'access-denied');
    assert.equal(problem.missingPermission, 'iam:ListAccessKeys');
    assert.match(problem.message, /iam:ListAccessKeys/);
    assert.equal(classifyProblem(Object.assign(new Error('Access denied.'), { name: 'AccessDenied' }), 'iam:GetAccessKeyLastUsed').missingPermission, 'iam:GetAccessKeyLastUsed');
    assert.equal(deniedActionOf('no action here'), undefined);
  });

  it('recognises network failures, also inside AggregateError', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    assert.equal(classifyProblem(refused, 'sts:GetCallerIdentity').code, 'offline');
    assert.equal(classifyProblem(new AggregateError([refused], 'all failed'), 'sts:GetCallerIdentity').code, 'offline');
    assert.equal(classifyProblem(Object.assign(new Error('x'), { name: 'TimeoutError' }), 'sts:GetCallerIdentity').code, 'timeout');
  });

  it('maps AWS credential errors to distinct codes', () => {
    const named = (name: string) => classifyProblem(Object.assign(new Error(name), { name }), 'sts:GetCallerIdentity').code;
    assert.equal(named('InvalidClientTokenId'), 'invalid-key');
    assert.equal(named('SignatureDoesNotMatch'), 'signature-mismatch');
    assert.equal(named('ExpiredToken'), 'expired-session');
    assert.equal(named('SomethingElse'), 'unknown');
  });
});

describe('profiles: concurrency pool', () => {
  it('keeps at most `limit` tasks in flight and returns results in input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapWithConcurrency([50, 10, 30, 5, 20, 1, 15], 3, async (ms, i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, ms));
      inFlight--;
      return i;
    });
    assert.deepEqual(results, [0, 1, 2, 3, 4, 5, 6]);
    assert.equal(peak, 3);
  });
});
