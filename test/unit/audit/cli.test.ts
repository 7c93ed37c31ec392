/**
 * `aws-key-guard audit` in-process against the emulator: the JSON document's exact shape, the
 * table, --profile and --unused-days, exit codes, that nothing is written and no secret or whole
 * key id is printed.
 */
import * as assert from 'node:assert/strict';
import { chmodSync, readFileSync } from 'node:fs';
import { runCli } from '../../../src/cli/main';
import { type Emulator, startEmulator } from '../../../tools/emulator';
import { keysOf, SharedFilesSandbox } from '../profiles/helpers';
import { AUDIT_ACCOUNT, auditSeed } from './helpers';

const JSON_FIELDS = ['profile', 'kind', 'admin', 'mfaEnabled', 'keys', 'unusedServices', 'problems'];

describe('audit: aws-key-guard audit CLI', () => {
  let emulator: Emulator;
  let sandbox: SharedFilesSandbox;
  const users = ['admin', 'careful', 'henry'];

  before(async () => {
    emulator = await startEmulator({ seed: auditSeed() });
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.reset();
    sandbox = new SharedFilesSandbox(emulator.url);
    sandbox.write([
      ...users.map((user) => {
        const key = keysOf(emulator, user).at(-1) as { id: string; secret: string };
        return { name: user, keyId: key.id, secret: key.secret };
      }),
      { name: 'sso-dev', config: ['sso_session = corp', `sso_account_id = ${AUDIT_ACCOUNT}`, 'sso_role_name = Dev'] },
    ]);
  });
  afterEach(() => sandbox.dispose());

  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['audit', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t), env: { ...sandbox.env }, cwd: sandbox.dir });
    const all = out.join('\n') + err.join('\n');
    for (const user of users) for (const key of keysOf(emulator, user)) assert.ok(!all.includes(key.id) && !all.includes(key.secret), 'a key id or secret was printed');
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('--json: one object per profile with exactly the documented fields', async () => {
    const credentialsBefore = readFileSync(sandbox.credentialsFile, 'utf8');
    const { code, out, err } = await run('--json');
    assert.equal(code, 0, err);
    const audits = JSON.parse(out) as Record<string, unknown>[];
    assert.deepEqual(audits.map((a) => a.profile), ['sso-dev', 'admin', 'careful', 'henry']);
    for (const audit of audits) assert.deepEqual(Object.keys(audit), JSON_FIELDS);
    const byName = new Map(audits.map((a) => [a.profile, a]));
    const admin = byName.get('admin') as { kind: string; admin: boolean; mfaEnabled: boolean; keys: unknown[]; problems: { step: string; message: string }[] };
    assert.deepEqual([admin.kind, admin.admin, admin.mfaEnabled], ['iam-user', true, false]);
    assert.ok(admin.problems.every((p) => Object.keys(p).join() === 'step,message'));
    const henry = byName.get('henry') as { keys: { accessKeyId: string; status: string; ageDays: number; lastUsedDays: number | null }[]; unusedServices: string[] };
    assert.deepEqual(henry.keys.map((k) => Object.keys(k)), [['accessKeyId', 'status', 'ageDays', 'lastUsedDays'], ['accessKeyId', 'status', 'ageDays', 'lastUsedDays']]);
    assert.match(henry.keys[0].accessKeyId, /^AKIA\*{12}[A-Z2-7]{4}$/);
    assert.deepEqual(henry.keys.map((k) => [k.status, k.ageDays, k.lastUsedDays]), [['Active', 320, 200], ['Active', 30, 1]]);
    assert.equal(henry.unusedServices.length, 27);
    assert.deepEqual(byName.get('sso-dev'), { profile: 'sso-dev', kind: 'sso', admin: null, mfaEnabled: null, keys: [], unusedServices: null, problems: [] });
    // Nothing is ever written: no IAM change, the credentials file as it was.
    assert.deepEqual(emulator.calls().filter((c) => /^(Create|Update|Delete|Put|Attach|Detach|Enable)/.test(c.action)), []);
    assert.equal(readFileSync(sandbox.credentialsFile, 'utf8'), credentialsBefore);
  });

  it('prints a table with each profile\'s findings; --profile audits one profile only', async () => {
    const { code, out } = await run();
    assert.equal(code, 0);
    assert.match(out.split('\n')[0], /^PROFILE +KIND +ADMIN +MFA +KEYS +FINDINGS$/);
    assert.match(out, /^admin +iam-user +admin +no +AKIA…[A-Z2-7]{4} used \d+d ago +admin · no MFA/m);
    assert.match(out, /^henry:$/m);
    assert.match(out, /^ {2}\[keys\] key AKIA\*{12}[A-Z2-7]{4} has not been used for 200 days \(over 90\): delete it\?$/m);
    emulator.reset();
    const one = await run('--profile', 'careful', '--json');
    assert.deepEqual((JSON.parse(one.out) as { profile: string }[]).map((a) => a.profile), ['careful']);
    // The first run found that admin may read IAM: careful's facts are read through it, henry is left alone.
    assert.deepEqual([...new Set(emulator.calls().map((c) => c.userName))], ['admin']);
    assert.equal(emulator.accessKeys('careful')[0].lastUsed?.serviceName, 's3', 'careful\'s key signed nothing');
  });

  it('--unused-days changes what counts as unused', async () => {
    const { out } = await run('--json', '--unused-days', '365', '--profile', 'henry');
    const [henry] = JSON.parse(out) as { problems: { step: string }[] }[];
    assert.ok(!henry.problems.some((p) => p.step === 'keys'));
  });

  it('exits 2 on usage errors, an unknown profile and an unreadable credentials file', async () => {
    for (const argv of [['--unused-days', '0'], ['--unused-days'], ['--profile'], ['--frobnicate'], ['--profile', 'nope']]) {
      const { code, err } = await run(...argv);
      assert.equal(code, 2, argv.join(' '));
      assert.match(err, /^aws-key-guard audit: /);
    }
    if (process.getuid?.() !== 0) {
      chmodSync(sandbox.credentialsFile, 0o000);
      const { code, err } = await run();
      assert.equal(code, 2);
      assert.match(err, /^aws-key-guard audit: /);
    }
  });
});
