/**
 * Responding to a leaked access key the way AWS recommends: contain (deactivate the key, revoke
 * the owner's older sessions), investigate (CloudTrail), eradicate (rotate the local profile that
 * holds it, or tell who must replace it and offer to delete it), harden (MFA, administrator
 * rights). One confirmation up front lists what will happen. Each step is independent: a failure
 * is reported with the IAM action that was missing and never stops the others.
 */
import { accountIdFromKeyId, maskKeyId } from '../keys';
import { describeAwsError, LifecycleError } from '../rotation';
import { describeLastUse, setKeyStatus } from '../rotation/keys';
import { profileList } from '../rotation/local';
import { findActor, NoActorError, type Actor } from './actor';
import { investigateKey, MAX_EVENTS_PER_KEY, regionsToSearch, type Investigation } from './investigation';
import { deleteKey, hasRevokePolicy, keyStatus, missingActionOf, ownerArn, ownerPosture, putRevokePolicy, revocationCutoff, REVOKE_POLICY_NAME } from './steps';
import type { KeyOwner, ResponseDeps, ResponseReport, ResponseRequest, ResponseStep, StepOutcome } from './types';

const ROLE_NOTE = 'Role sessions (AssumeRole) are not covered: revoke them on the role in the IAM console.';

function outcome(step: ResponseStep, status: StepOutcome['status'], message: string, missing: (string | undefined)[] = []): StepOutcome {
  const missingActions = [...new Set(missing.filter((a): a is string => !!a))];
  const text = missingActions.length ? `${message} Missing permission: ${missingActions.join(', ')}.` : message;
  return missingActions.length ? { step, status, message: text, missingActions } : { step, status, message: text };
}

function refusal(request: ResponseRequest, message: string, now: Date, extra: Partial<ResponseReport> = {}): ResponseReport {
  return { accessKeyId: request.accessKeyId, accountId: accountIdFromKeyId(request.accessKeyId), steps: [], contained: false, changed: false, refusal: message, finishedAt: now, ...extra };
}

/** The lines of the one confirmation: what will happen, in order. */
function plan(request: ResponseRequest, owner: KeyOwner, status: string | undefined, holders: readonly string[], canRotate: boolean, regions: string[]): string[] {
  const masked = maskKeyId(request.accessKeyId);
  const lines: string[] = [];
  if (holders.length && canRotate && status === 'Active') lines.push(`Rotate local ${profileList(holders.slice(0, 1))}: a new key goes into the file, then the leaked key ${masked} is deactivated.`);
  else if (status === 'Inactive') lines.push(`Key ${masked} is already inactive: it stays so.`);
  else lines.push(`Deactivate key ${masked} of ${owner.userArn}: anything using it stops working at once${holders.length ? `, including local ${profileList(holders)}` : ''}.`);
  if (request.revokeSessions !== false) {
    lines.push(
      `Put the inline policy ${REVOKE_POLICY_NAME} on user ${owner.userName}: it denies every session (GetSessionToken, console) issued before now. This also ends the user's other current sessions; their access keys keep working. ${ROLE_NOTE}`,
    );
  }
  lines.push(`Read CloudTrail's event history of the key (last 90 days) in ${regions.join(', ')}, and of keys it created.`);
  if (!holders.length) lines.push(`No local profile holds the key: the report says who must replace it, then you are asked whether to delete it.`);
  lines.push(`Check whether ${owner.userName} has MFA and administrator rights.`);
  return lines;
}

/**
 * Runs the response. Resolves with a report (also for refusals: no profile can act, unknown key,
 * declined); throws only for unreadable shared files (LifecycleError) or a cancelled MFA prompt.
 */
export async function respondToLeakedKey(request: ResponseRequest, deps: ResponseDeps): Promise<ResponseReport> {
  const now = () => deps.now?.() ?? new Date();
  const masked = maskKeyId(request.accessKeyId);
  let actor: Actor;
  try {
    actor = await findActor(request.accessKeyId, request.profile, deps);
  } catch (error) {
    if (error instanceof NoActorError) return refusal(request, error.message, now());
    throw error;
  }
  let session = actor.session;
  try {
    const userName = actor.lastUse.userName;
    const owner: KeyOwner = { userName, userArn: await ownerArn(session, userName) };
    const base = { profile: actor.profile, profileReason: actor.reason, owner, accountId: session.identity.account };
    const initialStatus = await keyStatus(session, userName, request.accessKeyId);
    if (initialStatus === 'absent') return refusal(request, `Key ${masked} of ${owner.userArn} no longer exists in IAM: nothing to contain.`, now(), base);
    const regions = regionsToSearch(actor.lastUse.region, request.extraRegions);
    const rotateFirst = actor.holders.length > 0 && deps.rotate !== undefined && initialStatus === 'Active';
    const accepted = await deps.confirm({
      kind: 'respond-to-leak',
      message: `Respond to the leaked key ${masked} of user ${userName} (${describeLastUse(actor.lastUse, now())}), acting as ${actor.profile}?`,
      detail: plan(request, owner, initialStatus, actor.holders, deps.rotate !== undefined, regions).map((line, i) => `${i + 1}. ${line}`).join('\n'),
      acceptLabel: 'Respond Now',
      explicit: false,
    });
    if (!accepted) return refusal(request, 'Declined. Nothing was changed.', now(), base);

    const outcomes = new Map<ResponseStep, StepOutcome>();
    let changed = false;
    let contained = initialStatus === 'Inactive';

    // Eradicate first when a local profile holds the still-active key: the rotation deactivates it
    // once the new key works, so the profile is never left without a key.
    if (rotateFirst) {
      const holder = actor.holders[0];
      try {
        const rotated = await deps.rotate!(holder);
        if (rotated) {
          changed = true;
          contained = true;
          outcomes.set('eradicate', outcome('eradicate', 'done', `Rotated profile "${holder}": it now uses the new key ${maskKeyId(rotated.newAccessKeyId)}; the leaked key was deactivated by the rotation.`));
        } else {
          outcomes.set('eradicate', outcome('eradicate', 'skipped', `The rotation of profile "${holder}" was cancelled; the key is deactivated instead, which leaves the profile without a working key until you rotate it.`));
        }
      } catch (error) {
        const partial = error instanceof LifecycleError && error.state === 'partial';
        changed ||= partial;
        outcomes.set('eradicate', outcome('eradicate', 'failed', `Rotating profile "${holder}" failed: ${error instanceof Error ? error.message : String(error)}`, [missingActionOf(error, 'iam:CreateAccessKey')]));
      }
      if (actor.profile === holder) {
        // The actor signed in with the key the rotation replaced: sign in again with the new one.
        session.close();
        actor = await findActor(request.accessKeyId, holder, deps);
        session = actor.session;
      }
    }

    // Contain: deactivate (unless already inactive), then revoke older sessions.
    const containParts: string[] = [];
    const containMissing: (string | undefined)[] = [];
    let containFailed = false;
    const deactivate = async () => {
      const status = contained ? 'Inactive' : await keyStatus(session, userName, request.accessKeyId);
      if (status === 'Inactive') {
        containParts.unshift(outcomes.get('eradicate')?.status === 'done' ? `Key ${masked} is inactive (the rotation deactivated it).` : `Key ${masked} was already inactive.`);
        contained = true;
        return;
      }
      try {
        await setKeyStatus(session, request.accessKeyId, 'Inactive', userName);
        changed = true;
        contained = true;
        containParts.unshift(`Deactivated key ${masked} of ${owner.userArn}.`);
      } catch (error) {
        containFailed = true;
        containMissing.push(missingActionOf(error, 'iam:UpdateAccessKey'));
        containParts.unshift(`Deactivating key ${masked} failed (${describeAwsError(error)}): it is still active, deactivate it in the IAM console now.`);
      }
    };
    // Acting with the leaked key itself (no other profile could): deactivating it ends this session, so last.
    const actorUsesLeakedKey = session.key.accessKeyId === request.accessKeyId;
    if (!actorUsesLeakedKey) await deactivate();
    const revoke = async () => {
      if (request.revokeSessions === false) {
        containParts.push(`Older sessions were not revoked (--no-revoke-sessions): sessions obtained with the key stay valid until they expire (up to 36 hours).`);
        return;
      }
      const existed = await hasRevokePolicy(session, userName);
      try {
        const { cutoff, clockNote } = revocationCutoff(session.awsTime(), now());
        await putRevokePolicy(session, userName, cutoff);
        changed = true;
        containParts.push(`${existed ? 'Updated' : 'Put'} the inline policy ${REVOKE_POLICY_NAME} on ${userName}: sessions issued before ${cutoff.toISOString().replace(/\.000Z$/, 'Z')} are denied.${clockNote} ${ROLE_NOTE}`);
      } catch (error) {
        containFailed = true;
        containMissing.push(missingActionOf(error, 'iam:PutUserPolicy'));
        containParts.push(`Revoking older sessions failed (${describeAwsError(error)}): sessions obtained with the key stay valid until they expire (up to 36 hours).`);
      }
    };
    // An actor acting on its own user would revoke its own session: revoke last in that case.
    const actorIsOwner = session.identity.userName === userName;
    if (!actorIsOwner) await revoke();

    // Investigate.
    let investigation: Investigation | undefined;
    try {
      investigation = await investigateKey(request.accessKeyId, regions, (region) => session.cloudTrail(region), now());
      outcomes.set('investigate', investigationOutcome(investigation));
    } catch (error) {
      outcomes.set('investigate', outcome('investigate', 'failed', `Reading CloudTrail failed (${describeAwsError(error)}).`, [missingActionOf(error, 'cloudtrail:LookupEvents')]));
    }

    // Eradicate, when no rotation ran.
    if (!outcomes.has('eradicate')) outcomes.set('eradicate', await eradicateElsewhere(request, actor, owner, session, deps, () => (changed = true)));
    if (outcomes.get('eradicate')?.message.startsWith('Deleted')) contained = true;

    // Harden.
    outcomes.set('harden', await hardenOutcome(session, userName));

    if (actorIsOwner) await revoke();
    if (actorUsesLeakedKey) await deactivate();
    outcomes.set('contain', outcome('contain', containFailed ? 'failed' : 'done', containParts.join(' '), containMissing));
    const steps = (['contain', 'investigate', 'eradicate', 'harden'] as const).map((s) => outcomes.get(s)!);
    return { accessKeyId: request.accessKeyId, ...base, steps, investigation, contained, changed, finishedAt: now() };
  } finally {
    session.close();
  }
}

function investigationOutcome(found: Investigation): StepOutcome {
  const parts: string[] = [];
  if (found.events.length === 0) {
    parts.push(`No events of the key in the last 90 days in ${found.regions.join(', ')}.`);
  } else {
    parts.push(`${found.events.length} event${found.events.length === 1 ? '' : 's'} in ${found.regions.join(', ')} from ${isoSeconds(found.firstUse)} to ${isoSeconds(found.lastUse)}`);
    parts.push(`from ${found.sourceIps.length} source IP${found.sourceIps.length === 1 ? '' : 's'} (${found.sourceIps.slice(0, 3).map((c) => c.value).join(', ')}).`);
    if (found.suspicious.length) parts.push(`${found.suspicious.length} persistence or escalation event${found.suspicious.length === 1 ? '' : 's'}: ${[...new Set(found.suspicious.map((e) => e.eventName))].join(', ')}.`);
    if (found.probing) parts.push('Most calls were refused: someone probed what the key may do.');
    if (found.relatedKeys.length) parts.push(`Also searched keys and sessions it created: ${found.relatedKeys.join(', ')}.`);
  }
  if (found.truncated.length) parts.push(`Only the newest ${MAX_EVENTS_PER_KEY} events were read for ${found.truncated.join(', ')}: see the rest in the CloudTrail console.`);
  if (found.failures.length) {
    parts.push(`Could not read ${found.failures.map((f) => `${f.region} (${f.message})`).join(', ')}.`);
    return outcome('investigate', 'failed', parts.join(' '));
  }
  return outcome('investigate', 'done', parts.join(' '));
}

async function eradicateElsewhere(request: ResponseRequest, actor: Actor, owner: KeyOwner, session: Actor['session'], deps: ResponseDeps, markChanged: () => void): Promise<StepOutcome> {
  const masked = maskKeyId(request.accessKeyId);
  if (actor.holders.length) {
    return outcome('eradicate', 'failed', `Local ${profileList(actor.holders)} still hold${actor.holders.length === 1 ? 's' : ''} the leaked key, which this response deactivates: rotate ${actor.holders.length === 1 ? 'it' : 'them'} with a key of ${owner.userName} created in the IAM console, or remove the key from the file.`);
  }
  const who = `No local profile holds the key: whoever uses it must replace it with a new key of ${owner.userArn}.`;
  const accepted = await deps.confirm({
    kind: 'delete-leaked-key',
    message: `Delete the leaked key ${masked} of ${owner.userName} now?`,
    detail: `Only once its owner confirmed that nothing still needs it: a deleted key cannot be restored. Deactivated, it already stops working; deleting makes that final.`,
    acceptLabel: 'Delete Key',
    explicit: true,
  });
  if (!accepted) return outcome('eradicate', 'skipped', `${who} The key was not deleted: delete it once they confirm nothing still needs it.`);
  try {
    await deleteKey(session, owner.userName, request.accessKeyId);
    markChanged();
    return outcome('eradicate', 'done', `Deleted key ${masked}. ${who}`);
  } catch (error) {
    return outcome('eradicate', 'failed', `${who} Deleting it failed (${describeAwsError(error)}).`, [missingActionOf(error, 'iam:DeleteAccessKey')]);
  }
}

async function hardenOutcome(session: Actor['session'], userName: string): Promise<StepOutcome> {
  const posture = await ownerPosture(session, userName);
  const parts: string[] = [];
  if (posture.mfaDevices !== undefined) parts.push(posture.mfaDevices > 0 ? `${userName} has MFA.` : `${userName} has no MFA device: enable MFA and require it in the user's policies.`);
  if (posture.adminGrants !== undefined) {
    parts.push(posture.adminGrants.length ? `${userName} is an administrator (${posture.adminGrants.join('; ')}): a leaked key of it can do anything; give it less.` : `No administrator policy found on ${userName} or its groups.`);
  }
  for (const problem of posture.problems) parts.push(`Could not check ${problem.check} (${problem.code ?? 'error'}).`);
  parts.push('`aws-key-guard audit` shows the full picture of the account.');
  // A check that could not run leaves the picture incomplete: the step failed (and names the action).
  const failed = posture.problems.length > 0;
  return outcome('harden', failed ? 'failed' : 'done', parts.join(' '), posture.problems.map((p) => p.missingAction));
}

function isoSeconds(date: Date | undefined): string {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : '';
}
