/** Contract tests: GenerateCredentialReport / GetCredentialReport and the report's CSV. */
import * as assert from 'node:assert/strict';
import {
  CredentialReportExpiredException,
  CredentialReportNotPresentException,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ALICE, expectAwsError, iamClient, stsClient, useEmulator } from './helpers';

const COLUMNS =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
  'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
  'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

async function reportRows(iam: IAMClient): Promise<Map<string, Record<string, string>>> {
  const out = await iam.send(new GetCredentialReportCommand({}));
  assert.equal(out.ReportFormat, 'text/csv');
  assert.ok(out.GeneratedTime instanceof Date);
  assert.ok(out.Content instanceof Uint8Array, 'the SDK decodes the base64 blob');
  const [header, ...lines] = Buffer.from(out.Content).toString('utf8').split('\n');
  assert.equal(header, COLUMNS);
  const names = header.split(',');
  return new Map(lines.map((line) => {
    const values = line.split(',');
    assert.equal(values.length, names.length, line);
    const row = Object.fromEntries(names.map((name, i) => [name, values[i]]));
    return [row.user, row];
  }));
}

describe('emulator: credential report', () => {
  const env = useEmulator();

  it('is not present until generated; generation says STARTED, then COMPLETE', async () => {
    const iam = iamClient(env.emulator);
    const missing = await expectAwsError(iam.send(new GetCredentialReportCommand({})), { name: 'CredentialReportNotPresentException', status: 410, code: 'ReportNotPresent' });
    assert.ok(missing instanceof CredentialReportNotPresentException);
    assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'STARTED');
    assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'COMPLETE');
  });

  it('has AWS\'s columns, the root account first and one row per user with key ages and last use', async () => {
    await stsClient(env.emulator, ALICE, { region: 'eu-central-1' }).send(new GetCallerIdentityCommand({}));
    const iam = iamClient(env.emulator);
    await iam.send(new GenerateCredentialReportCommand({}));
    const rows = await reportRows(iam);
    assert.deepEqual([...rows.keys()], ['<root_account>', 'root-admin', 'alice', 'bob', 'carol', 'dan']);
    assert.equal(rows.get('<root_account>')?.arn, 'arn:aws:iam::111122223333:root');

    const alice = rows.get('alice') as Record<string, string>;
    assert.equal(alice.arn, 'arn:aws:iam::111122223333:user/alice');
    assert.equal(alice.access_key_1_active, 'true');
    assert.match(alice.access_key_1_last_rotated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    assert.equal(alice.access_key_1_last_used_service, 'sts');
    assert.equal(alice.access_key_1_last_used_region, 'eu-central-1');
    assert.equal(alice.access_key_2_active, 'false');
    assert.equal(alice.access_key_2_last_rotated, 'N/A');
    assert.equal(alice.mfa_active, 'false');
    assert.equal(alice.password_enabled, 'false');

    const bob = rows.get('bob') as Record<string, string>;
    assert.equal(bob.access_key_1_active, 'true');
    assert.equal(bob.access_key_1_last_used_date, 'N/A');
    assert.equal(bob.access_key_2_active, 'false', 'the inactive second key');
    const ageDays = (Date.now() - Date.parse(bob.access_key_1_last_rotated)) / 86_400_000;
    assert.ok(Math.abs(ageDays - 400) < 0.01, `age ${ageDays}`);
    assert.equal(rows.get('carol')?.mfa_active, 'true');
  });

  it('expires after four hours (ReportExpired)', async () => {
    const iam = iamClient(env.emulator);
    await iam.send(new GenerateCredentialReportCommand({}));
    env.emulator.advanceClock(4 * 3_600_000 + 1000);
    const error = await expectAwsError(iam.send(new GetCredentialReportCommand({})), { name: 'CredentialReportExpiredException', status: 410, code: 'ReportExpired' });
    assert.ok(error instanceof CredentialReportExpiredException);
    assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'STARTED');
  });
});
