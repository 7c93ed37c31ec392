/**
 * The audit core against the emulator, through the real SDK: each fact (MFA, permissions with
 * admin and escalation, keys with unused ones, Access Advisor, roles/SSO instead), each fact
 * failing alone, non-IAM profiles, and that the audit's calls are not shown as the keys' use.
 */
import * as assert from 'node:assert/strict';
import { PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { auditJson, auditSummary, hasFindings, type ProfileAudit, ProfileAuditor } from '../../../src/core/audit';
import { ProfileFactsLoader } from '../../../src/core/profiles';
import { type Emulator, startEmulator } from '../../../tools/emulator';
import { iamClient } from '../emulator/helpers';
import { keysOf, type ProfileSpec, SharedFilesSandbox } from '../profiles/helpers';
import { AUDIT_ACCOUNT, auditSeed, ESCALATOR_POLICY } from './helpers';

describe('audit: facts per profile against the emulator', () => {
  let emulator: Emulator;
  let sandbox: SharedFilesSandbox;

  before(async () => {
    emulator = await startEmulator({ seed: auditSeed() });
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(async () => {
    emulator.reset();
    sandbox = new SharedFilesSandbox(emulator.url);
    await iamClient(emulator, emulator.admin).send(new PutUserPolicyCommand({ UserName: 'escalator', PolicyName: 'keys', PolicyDocument: ESCALATOR_POLICY }));
  });
  afterEach(() => sandbox.dispose());

  function userProfile(name: string, user = name, index = 0): ProfileSpec {
    const key = keysOf(emulator, user)[index];
    return { name, keyId: key.id, secret: key.secret };
  }

  async function auditAll(profiles: ProfileSpec[], unusedDays?: number): Promise<Map<string, ProfileAudit>> {
    sandbox.write(profiles);
    const loader = new ProfileFactsLoader({ env: sandbox.env, homedir: sandbox.dir, now: () => emulator.now() });
    const auditor = new ProfileAuditor(loader, { advisorPolling: { intervalMs: 10, maxPolls: 5 }, unusedDays, now: () => emulator.now() });
    const { audits } = await auditor.auditAll();
    return new Map(audits.map((a) => [a.profile, a]));
  }

  it('an admin without MFA: admin, no MFA, raised as "admin · no MFA"', async () => {
    const admin = (await auditAll([userProfile('admin')])).get('admin') as ProfileAudit;
    assert.equal(admin.kind, 'iam-user');
    assert.equal(admin.admin, true);
    assert.equal(admin.mfaEnabled, false);
    assert.equal(auditSummary(admin), 'admin · no MFA');
    assert.ok(admin.problems.some((p) => p.step === 'permissions' && /AdministratorAccess is attached \(user\)/.test(p.message)));
    assert.deepEqual(admin.escalation, [], 'admin already has everything');
  });

  it('a careful user: MFA, read-only, nothing to fix', async () => {
    const careful = (await auditAll([userProfile('careful')])).get('careful') as ProfileAudit;
    assert.equal(careful.admin, false);
    assert.equal(careful.mfaEnabled, true);
    assert.deepEqual(careful.policies, [{ name: 'ReadOnlyAccess', source: 'user', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }]);
    assert.deepEqual(careful.services?.unused, []);
    assert.deepEqual(careful.problems, []);
    assert.equal(hasFindings(careful), false);
    assert.equal(auditSummary(careful), undefined);
  });

  it('30 services granted, 3 used; the second key unused for 200 days is flagged "delete?"', async () => {
    const henry = (await auditAll([userProfile('henry', 'henry', 1)])).get('henry') as ProfileAudit;
    assert.equal(henry.services?.granted.length, 30);
    assert.deepEqual(henry.services?.used, ['dynamodb', 'lambda', 's3']);
    assert.ok(henry.problems.some((p) => p.step === 'least-privilege' && p.message.startsWith('27 of 30 granted services unused: acm, apigateway')));
    assert.deepEqual(henry.keys.map((k) => [k.ageDays, k.lastUsedDays, k.unused, k.localProfiles]), [
      [320, 200, true, []],
      [30, 1, false, ['henry']],
    ]);
    assert.ok(henry.problems.some((p) => p.step === 'keys' && /^key AKIA\*{12}[A-Z2-7]{4} has not been used for 200 days \(over 90\): delete it\?$/.test(p.message)));
    const lenient = (await auditAll([userProfile('henry', 'henry', 1)], 365)).get('henry') as ProfileAudit;
    assert.deepEqual(lenient.keys.map((k) => k.unused), [false, false], '--unused-days 365');
  });

  it('admin through a group; a never-used key older than 90 days is unused; the audit\'s own calls are not its use', async () => {
    const opsy = (await auditAll([userProfile('opsy')])).get('opsy') as ProfileAudit;
    assert.equal(opsy.admin, true);
    assert.ok(opsy.problems.some((p) => /AdministratorAccess is attached \(group ops\)/.test(p.message)));
    assert.deepEqual(opsy.keys.map((k) => [k.lastUsedDays, k.unused]), [[null, true]]);
    assert.ok(emulator.accessKeys('opsy')[0].lastUsed, 'IAM did record our calls');
    const again = (await auditAll([userProfile('opsy')])).get('opsy') as ProfileAudit;
    assert.deepEqual(again.keys.map((k) => k.lastUsedDays), [null], 'still never used after an audit');
  });

  it('flags privilege-escalation grants on * from an inline policy', async () => {
    const escalator = (await auditAll([userProfile('escalator')])).get('escalator') as ProfileAudit;
    assert.equal(escalator.admin, false);
    assert.deepEqual(escalator.escalation, ['iam:CreateAccessKey', 'iam:AttachUserPolicy', 'iam:AttachGroupPolicy', 'iam:AttachRolePolicy']);
    assert.deepEqual(escalator.policies, [{ name: 'keys', source: 'user inline' }]);
  });

  it('each fact fails on its own, never the profile', async () => {
    const audits = await auditAll([userProfile('no-mfa-read'), userProfile('no-policy-read'), userProfile('no-advisor')]);
    const noMfa = audits.get('no-mfa-read') as ProfileAudit;
    assert.equal(noMfa.mfaEnabled, null);
    assert.equal(noMfa.admin, false);
    assert.ok(noMfa.services !== null);
    assert.deepEqual(noMfa.problems.filter((p) => p.failed).map((p) => p.step), ['mfa']);
    assert.match(noMfa.problems.find((p) => p.failed)?.message ?? '', /^could not read MFA devices: .*iam:ListMFADevices/);
    const noPolicy = audits.get('no-policy-read') as ProfileAudit;
    assert.equal(noPolicy.admin, null);
    assert.equal(noPolicy.mfaEnabled, false);
    assert.deepEqual(noPolicy.problems.filter((p) => p.failed).map((p) => p.step), ['permissions']);
    const noAdvisor = audits.get('no-advisor') as ProfileAudit;
    assert.equal(noAdvisor.services, null);
    assert.equal(noAdvisor.admin, false);
    assert.deepEqual(noAdvisor.problems.filter((p) => p.failed).map((p) => p.step), ['least-privilege']);
    assert.equal(auditJson(noAdvisor).unusedServices, null);
  });

  it('non-IAM profiles have no IAM facts; a key account reached by SSO or a role gets the suggestion', async () => {
    const audits = await auditAll([
      userProfile('careful'),
      userProfile('henry', 'henry', 1),
      { name: 'sso-dev', config: ['sso_session = corp', `sso_account_id = ${AUDIT_ACCOUNT}`, 'sso_role_name = Dev'] },
      { name: 'deploy', config: [`role_arn = arn:aws:iam::${AUDIT_ACCOUNT}:role/deploy`, 'source_profile = henry'] },
      { name: 'tool', config: ['credential_process = /bin/false'] },
    ]);
    for (const [name, kind] of [['sso-dev', 'sso'], ['deploy', 'role'], ['tool', 'process']] as const) {
      assert.deepEqual(auditJson(audits.get(name) as ProfileAudit), { profile: name, kind, admin: null, mfaEnabled: null, keys: [], unusedServices: null, problems: [] });
    }
    const roles = (audits.get('careful') as ProfileAudit).problems.filter((p) => p.step === 'roles');
    assert.equal(roles.length, 1);
    assert.match(roles[0].message, /^account 111122223333 is also reached through sso-dev \(IAM Identity Center\), deploy \(a role\): use that instead/);
    const henryRoles = (audits.get('henry') as ProfileAudit).problems.filter((p) => p.step === 'roles');
    assert.match(henryRoles[0].message, /through sso-dev \(IAM Identity Center\): /, 'a role sourced from the key itself still needs the key');
  });
});
