/**
 * respondToLeakedKey against the demo emulator (real SDK over HTTP): every step, a failure of every
 * step, a second response, pagination, an unknown key, a local holder, an already inactive key.
 */
import * as assert from 'node:assert/strict';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { maskKeyId } from '../../../src/core/keys';
import { REVOKE_POLICY_NAME, respondToLeakedKey, type ResponseDeps, type ResponseReport, type ResponseStep } from '../../../src/core/response';
import { rotateProfileKey, type ConfirmationRequest } from '../../../src/core/rotation';
import { assertNoSecrets, demoKey, emulatorSecrets, fastDeps, fileKey, iamKeys, sandbox, section, type Sandbox } from '../rotation/helpers';
import { INTRUDER_KEY, LEAKED, responderSandbox, sessionOf, trailClient, useResponseEmulator } from './helpers';

function deps(box: Sandbox, answer: (q: ConfirmationRequest) => boolean = (q) => q.kind !== 'delete-leaked-key'): ResponseDeps & { questions: ConfirmationRequest[] } {
  const base = fastDeps(box, {}, answer);
  const questions = base.recorder.questions as ConfirmationRequest[];
  return {
    ...base,
    questions,
    rotate: async (profile) => {
      const result = await rotateProfileKey({ profile, retire: 'deactivate' }, { ...base, confirm: async () => true });
      return { newAccessKeyId: result.newAccessKeyId };
    },
  };
}

function step(report: ResponseReport, name: ResponseStep) {
  const found = report.steps.find((s) => s.step === name);
  assert.ok(found, `the report has a ${name} step`);
  return found;
}

describe('response: respondToLeakedKey', function () {
  this.timeout(30_000);
  const env = useResponseEmulator();
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

  it('contains, investigates every page of every region, leaves deletion to the owner and reports MFA; one question up front', async () => {
    const box = responderSandbox(cleanups);
    const d = deps(box);
    const report = await respondToLeakedKey({ accessKeyId: LEAKED.id }, d);
    assert.equal(report.refusal, undefined);
    assert.equal(report.profile, 'security', 'alice may not act on other users; the security profile may');
    assert.match(report.profileReason ?? '', /account 123456789012.*1 other was refused/);
    assert.deepEqual(report.owner, { userName: 'ci-deploy', userArn: 'arn:aws:iam::123456789012:user/ci-deploy' });
    assert.deepEqual(report.steps.map((s) => [s.step, s.status]), [['contain', 'done'], ['investigate', 'done'], ['eradicate', 'skipped'], ['harden', 'done']]);
    assert.equal(report.contained, true);
    // The one confirmation lists what will happen, and says other sessions end too; then only the explicit delete offer.
    assert.deepEqual(d.questions.map((q) => q.kind), ['respond-to-leak', 'delete-leaked-key']);
    assert.match(d.questions[0].detail, /Deactivate key .*ci-deploy/);
    assert.match(d.questions[0].detail, /also ends the user's other current sessions/);
    assert.match(d.questions[0].detail, /Role sessions .* are not covered/);
    assert.equal(d.questions[1].explicit, true);
    // AWS now.
    assert.deepEqual(iamKeys(env.emulator, 'ci-deploy'), [`${LEAKED.id}:Inactive`, `${INTRUDER_KEY.id}:Active`]);
    assert.deepEqual([...env.emulator.state.user('ci-deploy').inlinePolicies.keys()], [REVOKE_POLICY_NAME]);
    // The investigation: seeded history in us-east-1 and eu-west-1 (more than one page), and the key the leaked key made.
    const found = report.investigation!;
    assert.deepEqual(found.regions, ['us-east-1', 'eu-west-1']);
    assert.equal(found.events.filter((e) => e.accessKeyId === LEAKED.id).length, 30 + 1 + 40 + 12 + 1 + 3);
    assert.deepEqual(found.relatedKeys, [maskKeyId(INTRUDER_KEY.id)]);
    assert.equal(found.events.filter((e) => e.accessKeyId === maskKeyId(INTRUDER_KEY.id)).length, 5);
    assert.equal(found.probing, true);
    assert.deepEqual(found.sourceIps.map((c) => c.value), ['203.0.113.45', '192.0.2.10', '198.51.100.23']);
    assert.deepEqual([...new Set(found.suspicious.map((e) => e.eventName))], ['RunInstances', 'CreateAccessKey']);
    assert.match(found.suspicious[0].consoleUrl, /^https:\/\/eu-west-1\.console\.aws\.amazon\.com\/cloudtrailv2\/home\?region=eu-west-1#\/events\//);
    assert.deepEqual(found.errorCodes, [{ value: 'AccessDenied', count: 52 }]);
    assert.match(step(report, 'eradicate').message, /whoever uses it must replace it with a new key of arn:aws:iam::123456789012:user\/ci-deploy/);
    assert.match(step(report, 'harden').message, /ci-deploy has no MFA device/);
    assertNoSecrets(report.steps.map((s) => s.message).join('\n') + d.questions.map((q) => q.message + q.detail).join('\n'), emulatorSecrets(env.emulator));
  });

  it('a session obtained with the leaked key is refused afterwards, while a session of the user\'s other key works', async () => {
    const box = responderSandbox(cleanups);
    const leakedSession = await sessionOf(env.emulator, LEAKED);
    const before = trailClient(env.emulator, leakedSession);
    assert.ok((await before.send(new LookupEventsCommand({ MaxResults: 1 }))).Events, 'the session works before the response');
    before.destroy();
    env.emulator.advanceClock(2000);
    await respondToLeakedKey({ accessKeyId: LEAKED.id }, deps(box));
    env.emulator.advanceClock(2000);
    const after = trailClient(env.emulator, leakedSession);
    await assert.rejects(after.send(new LookupEventsCommand({ MaxResults: 1 })), (e: Error) => e.name === 'AccessDeniedException' && /explicit deny/.test(e.message));
    after.destroy();
    const fresh = trailClient(env.emulator, await sessionOf(env.emulator, INTRUDER_KEY));
    assert.ok((await fresh.send(new LookupEventsCommand({ MaxResults: 1 }))).Events);
    fresh.destroy();
  });

  it("the cutoff is AWS's time: with this machine's clock 10 minutes behind, a session issued just before the response is still revoked", async () => {
    const box = responderSandbox(cleanups);
    env.emulator.setNow(new Date(Date.now() + 10 * 60_000));
    const leakedSession = await sessionOf(env.emulator, LEAKED);
    const awsBefore = env.emulator.now().getTime();
    const report = await respondToLeakedKey({ accessKeyId: LEAKED.id }, deps(box));
    const awsAfter = env.emulator.now().getTime();
    const policy = JSON.parse(env.emulator.state.user('ci-deploy').inlinePolicies.get(REVOKE_POLICY_NAME)!) as {
      Statement: Array<{ Condition: { DateLessThan: Record<string, string> } }>;
    };
    const cutoff = Date.parse(policy.Statement[0].Condition.DateLessThan['aws:TokenIssueTime']);
    // AWS's time during the response, plus the second the cutoff adds for Date's whole seconds.
    assert.ok(cutoff > awsBefore && cutoff <= awsAfter + 2000, `the cutoff ${new Date(cutoff).toISOString()} is AWS's time (${new Date(awsBefore).toISOString()} to ${new Date(awsAfter).toISOString()})`);
    assert.match(step(report, 'contain').message, /This machine's clock is 10 minutes behind AWS's; the cutoff is in AWS's time\./);
    const after = trailClient(env.emulator, leakedSession);
    await assert.rejects(after.send(new LookupEventsCommand({ MaxResults: 1 })), (e: Error) => e.name === 'AccessDeniedException' && /explicit deny/.test(e.message));
    after.destroy();
  });

  it('--no-revoke-sessions: no policy; the report says sessions stay valid', async () => {
    const report = await respondToLeakedKey({ accessKeyId: LEAKED.id, revokeSessions: false }, deps(responderSandbox(cleanups)));
    assert.equal(step(report, 'contain').status, 'done');
    assert.match(step(report, 'contain').message, /not revoked .*\(up to 36 hours\)/);
    assert.equal(env.emulator.state.user('ci-deploy').inlinePolicies.size, 0);
  });

  it('a second response is idempotent: the key stays inactive and the one policy is updated, not duplicated', async () => {
    const box = responderSandbox(cleanups);
    await respondToLeakedKey({ accessKeyId: LEAKED.id }, deps(box));
    const updatesBefore = env.emulator.calls().filter((c) => c.action === 'UpdateAccessKey').length;
    const second = await respondToLeakedKey({ accessKeyId: LEAKED.id }, deps(box));
    assert.match(step(second, 'contain').message, /was already inactive.*Updated the inline policy AWSKeyGuardRevokeOlderSessions/);
    assert.equal(env.emulator.calls().filter((c) => c.action === 'UpdateAccessKey').length, updatesBefore, 'no second deactivation');
    assert.deepEqual([...env.emulator.state.user('ci-deploy').inlinePolicies.keys()], [REVOKE_POLICY_NAME]);
    assert.equal(second.contained, true);
  });

  const failures: { step: ResponseStep; action: string; missing: string; stillContained: boolean }[] = [
    { step: 'contain', action: 'UpdateAccessKey', missing: 'iam:UpdateAccessKey', stillContained: false },
    { step: 'contain', action: 'PutUserPolicy', missing: 'iam:PutUserPolicy', stillContained: true },
    { step: 'investigate', action: 'LookupEvents', missing: 'cloudtrail:LookupEvents', stillContained: true },
    { step: 'eradicate', action: 'DeleteAccessKey', missing: 'iam:DeleteAccessKey', stillContained: true },
    { step: 'harden', action: 'ListMFADevices,ListUserPolicies', missing: 'iam:ListMFADevices', stillContained: true },
  ];
  for (const failure of failures) {
    it(`a failure of ${failure.step} (${failure.action} denied) names ${failure.missing} and does not stop the other steps`, async () => {
      for (const action of failure.action.split(',')) env.emulator.injectFault({ action, error: 'AccessDenied' });
      const deleteKey = failure.step === 'eradicate';
      const report = await respondToLeakedKey({ accessKeyId: LEAKED.id }, deps(responderSandbox(cleanups), (q) => deleteKey || q.kind !== 'delete-leaked-key'));
      const failed = step(report, failure.step);
      assert.equal(failed.status, 'failed', failed.message);
      assert.ok(failed.missingActions?.includes(failure.missing), failed.message);
      assert.ok(failed.message.includes(`Missing permission: ${failed.missingActions?.join(', ')}`));
      for (const other of report.steps.filter((s) => s.step !== failure.step)) assert.notEqual(other.status, 'failed', `${other.step}: ${other.message}`);
      assert.equal(report.contained, failure.stillContained);
    });
  }

  it('deletes the key when the owner confirmed nothing needs it (the explicit question)', async () => {
    const report = await respondToLeakedKey({ accessKeyId: LEAKED.id }, deps(responderSandbox(cleanups), () => true));
    assert.equal(step(report, 'eradicate').status, 'done');
    assert.deepEqual(iamKeys(env.emulator, 'ci-deploy'), [`${INTRUDER_KEY.id}:Active`]);
  });

  it('declined: nothing changes', async () => {
    const report = await respondToLeakedKey({ accessKeyId: LEAKED.id }, deps(responderSandbox(cleanups), () => false));
    assert.equal(report.changed, false);
    assert.match(report.refusal ?? '', /Declined/);
    assert.deepEqual(iamKeys(env.emulator, 'ci-deploy'), [`${LEAKED.id}:Active`, `${INTRUDER_KEY.id}:Active`]);
  });

  it('an unknown key of the account, and a key of an account no profile belongs to: refused, nothing changed', async () => {
    const box = responderSandbox(cleanups);
    const unknown = await respondToLeakedKey({ accessKeyId: 'AKIARZPUZDIKAAAAAAAA' }, deps(box));
    assert.match(unknown.refusal ?? '', /IAM does not know key AKIA\*+AAAA/);
    const foreign = await respondToLeakedKey({ accessKeyId: 'AKIAXAAAAAAAAAAAALCE' }, deps(box));
    assert.match(foreign.refusal ?? '', /No local profile belongs to account/);
    assert.equal(env.emulator.calls().filter((c) => ['UpdateAccessKey', 'PutUserPolicy'].includes(c.action)).length, 0);
  });

  it('finds no profile that can act: says which were tried and why', async () => {
    // Only alice, who may not act on other users.
    const report = await respondToLeakedKey({ accessKeyId: LEAKED.id }, deps(sandbox(cleanups, section('default', demoKey('alice')))));
    assert.match(report.refusal ?? '', /No local profile of account 123456789012 could look up key .*"default": GetAccessKeyLastUsed was refused \(AccessDenied/);
    assert.match(report.refusal ?? '', /iam:GetAccessKeyLastUsed/);
  });

  it('a local profile holds the key: rotates it first, so the profile keeps a working key; then revokes and investigates', async () => {
    const bob = demoKey('bob');
    const box = responderSandbox(cleanups, section('bob', bob));
    const report = await respondToLeakedKey({ accessKeyId: bob.id }, deps(box));
    assert.equal(step(report, 'eradicate').status, 'done', step(report, 'eradicate').message);
    assert.match(step(report, 'eradicate').message, /Rotated profile "bob"/);
    assert.match(step(report, 'contain').message, /inactive \(the rotation deactivated it\)/);
    const newId = fileKey(box.credentialsFile, 'bob').id;
    assert.deepEqual(iamKeys(env.emulator, 'bob'), [`${bob.id}:Inactive`, `${newId}:Active`]);
  });

  it('only the leaked key\'s own profile can act and its rotation is cancelled: it investigates first and deactivates last', async () => {
    const bob = demoKey('bob');
    const box = sandbox(cleanups, section('bob', bob));
    const report = await respondToLeakedKey({ accessKeyId: bob.id }, { ...deps(box), rotate: async () => undefined });
    assert.equal(report.profile, 'bob');
    assert.deepEqual(report.steps.map((s) => [s.step, s.status]), [['contain', 'done'], ['investigate', 'done'], ['eradicate', 'skipped'], ['harden', 'done']]);
    assert.match(step(report, 'contain').message, /^Deactivated key/);
    assert.deepEqual(iamKeys(env.emulator, 'bob'), [`${bob.id}:Inactive`]);
  });

  it('an already inactive key is not deactivated again (and says so)', async () => {
    const grace = demoKey('grace');
    const report = await respondToLeakedKey({ accessKeyId: grace.id }, deps(responderSandbox(cleanups)));
    assert.match(step(report, 'contain').message, /was already inactive/);
    assert.equal(env.emulator.calls().filter((c) => c.action === 'UpdateAccessKey').length, 0);
  });
});
