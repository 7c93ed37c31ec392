/**
 * `aws-key-guard profiles` in-process against the emulator: the table, the JSON document, offline
 * mode, exit codes, and that no secret or whole key id is ever printed.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { runCli } from '../../../src/cli/main';
import { type Emulator, startEmulator } from '../../../tools/emulator';
import { ACCOUNT, keysOf, profilesSeed, SharedFilesSandbox } from './helpers';

describe('profiles: aws-key-guard profiles CLI', () => {
  let emulator: Emulator;
  let sandbox: SharedFilesSandbox;
  const secrets: string[] = [];

  before(async () => {
    emulator = await startEmulator({ seed: profilesSeed() });
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.reset();
    sandbox = new SharedFilesSandbox(emulator.url);
    const profile = (name: string, user: string, index = 0) => {
      const key = keysOf(emulator, user)[index];
      secrets.push(key.secret);
      return { name, keyId: key.id, secret: key.secret };
    };
    sandbox.write([
      profile('default', 'alice'),
      profile('bob', 'bob'),
      profile('carol', 'carol'),
      profile('dave', 'dave'),
      profile('frank', 'frank'),
      { name: 'sso-dev', config: ['sso_session = corp', `sso_account_id = ${ACCOUNT}`, 'sso_role_name = Dev'] },
    ]);
  });
  afterEach(() => sandbox.dispose());

  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['profiles', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t), env: { ...sandbox.env }, cwd: sandbox.dir });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  function assertNothingSecret(text: string): void {
    for (const secret of secrets) assert.ok(!text.includes(secret), 'a secret was printed');
    for (const user of ['alice', 'bob', 'carol', 'dave', 'frank']) for (const key of keysOf(emulator, user)) assert.ok(!text.includes(key.id), 'a whole key id was printed');
  }

  it('prints a table of profile, kind, masked key, age with band, last use and status', async () => {
    const { code, out, err } = await run();
    assert.equal(code, 0, err);
    const lines = out.split('\n');
    assert.match(lines[0], /^ {2}PROFILE +KIND +KEY +AGE +LAST USED +STATUS$/);
    const row = (name: string) => lines.find((l) => l.slice(2).startsWith(`${name} `)) ?? assert.fail(`no row for ${name}:\n${out}`);
    assert.match(row('default'), /^\* default +static +AKIA…[A-Z2-7]{4} +12 days +\d{4}-\d{2}-\d{2} · s3 · eu-west-1 +Active$/);
    assert.match(row('bob'), / 95 days \(due\) /);
    assert.match(row('carol'), / 400 days \(overdue\) /);
    assert.match(row('frank'), /static .* - +- +access-denied$/);
    assert.match(row('sso-dev'), /sso +- +- +- +SSO profile: no long-term key$/);
    assert.match(out, /Could not load:\n {2}frank: Not allowed to call iam:ListAccessKeys/);
    assert.match(out, /Other keys of the same users:\n {2}dave: AKIA…[A-Z2-7]{4} Active, 20 days, last used never/);
    assertNothingSecret(out + err);
  });

  it('prints JSON with masked key ids, ages, bands, errors and no secret', async () => {
    const { code, out } = await run('--json');
    assert.equal(code, 0);
    const doc = JSON.parse(out);
    assert.equal(doc.activeProfile, 'default');
    assert.equal(doc.credentialsFile, sandbox.credentialsFile);
    const byName = new Map<string, Record<string, unknown>>(doc.profiles.map((p: { name: string }) => [p.name, p]));
    const carol = byName.get('carol') as { key: { ageDays: number; band: string; status: string; accessKeyId: string }; arn: string; line: number; state: string };
    assert.equal(carol.state, 'loaded');
    assert.deepEqual([carol.key.ageDays, carol.key.band, carol.key.status], [400, 'overdue', 'Active']);
    assert.match(carol.key.accessKeyId, /^AKIA\*{12}[A-Z2-7]{4}$/);
    assert.equal(carol.arn, `arn:aws:iam::${ACCOUNT}:user/carol`);
    assert.equal(carol.line, 9);
    const frank = byName.get('frank') as { error: { code: string; missingPermission: string } };
    assert.deepEqual([frank.error.code, frank.error.missingPermission], ['access-denied', 'iam:ListAccessKeys']);
    const dave = byName.get('dave') as { otherKeys: Array<{ ageDays: number; lastUsed: unknown }> };
    assert.deepEqual(dave.otherKeys.map((k) => [k.ageDays, k.lastUsed]), [[20, null]]);
    assertNothingSecret(out);
  });

  it('--offline makes no AWS call and still shows masked keys and account ids', async () => {
    const { code, out } = await run('--offline', '--json');
    assert.equal(code, 0);
    assert.equal(emulator.calls().length, 0);
    const doc = JSON.parse(out);
    assert.ok(doc.profiles.filter((p: { kind: string }) => p.kind === 'static').every((p: { offlineAccountId: string; state: string }) => p.offlineAccountId === ACCOUNT && p.state === 'skipped'));
    const table = await run('--offline');
    assert.match(table.out, /\* default +static +AKIA…[A-Z2-7]{4} +- +- +not checked/);
  });

  it('applies --due-days and --overdue-days', async () => {
    const { out } = await run('--due-days', '10', '--overdue-days', '90');
    assert.match(out, /\* default .* 12 days \(due\) /);
    assert.match(out, / bob .* 95 days \(overdue\) /);
  });

  it('exits 2 on a usage error and on an unreadable credentials file, 0 on --help', async () => {
    const bad = await run('--bogus');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /unknown option '--bogus'/);
    assert.equal((await run('--due-days', 'soon')).code, 2);
    assert.equal((await run('--help')).code, 0);
    const dirAsFile = `${sandbox.dir}/as-dir`;
    mkdirSync(dirAsFile);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['profiles'], { out: (t) => out.push(t), err: (t) => err.push(t), env: { AWS_SHARED_CREDENTIALS_FILE: dirAsFile, AWS_CONFIG_FILE: sandbox.configFile }, cwd: sandbox.dir });
    assert.equal(code, 2);
    assert.match(err.join('\n'), /not a regular file/);
  });
});
