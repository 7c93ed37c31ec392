/**
 * Rotating a profile whose own key IAM lists as inactive. That key cannot sign anything, so the
 * new key is created with the credentials of another local profile of the same IAM user (whose key
 * works), written into the profile, verified, and only then is the inactive key deleted (when
 * retiring deletes) or left inactive. Every failure before the end undoes what it did.
 */
import { maskKeyId } from '../keys';
import { describeAwsError } from './aws-errors';
import { restoreOldKey, writeNewKey } from './file-update';
import { createAccessKey, deleteAccessKey, listAccessKeys } from './keys';
import { readProfileKey } from './local';
import type { RotationResult } from './rotate';
import { ProfileSession } from './session';
import { LifecycleError, STEP_TITLES, type LifecycleDeps, type RetireAction, type RotationStep } from './types';
import { verifyProfileKey } from './verify';

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Rotates `profile`, whose key is inactive, signing with `viaProfile` (same IAM user, working key).
 * At the two-key quota the inactive key is deleted first, after a confirmation. Rejects with a
 * LifecycleError describing the state, like rotateProfileKey.
 */
export async function rotateInactiveKey(request: { profile: string; viaProfile: string; retire: RetireAction }, deps: LifecycleDeps): Promise<RotationResult> {
  const sleep = deps.sleep ?? defaultSleep;
  const step = (s: RotationStep) => deps.onEvent?.({ type: 'step', step: s, title: STEP_TITLES[s] });
  step('preflight');
  const key = readProfileKey(deps.files, request.profile);
  const via = readProfileKey(deps.files, request.viaProfile);
  const session = await ProfileSession.open(via, deps);
  const masked = maskKeyId(key.accessKeyId);
  try {
    let keys;
    try {
      keys = await listAccessKeys(session);
    } catch (error) {
      throw new LifecycleError(`Could not list the keys of ${session.identity.arn} with profile "${via.profile}" (${describeAwsError(error)}). Nothing was changed.`, 'unchanged', 'preflight', undefined, { cause: error });
    }
    const old = keys.find((k) => k.accessKeyId === key.accessKeyId);
    if (!old || old.status !== 'Inactive') {
      throw new LifecycleError(`Profile "${via.profile}" (${session.identity.arn}) does not list ${masked} as an inactive key of its user. Nothing was changed.`, 'unchanged', 'preflight');
    }
    let deletedOld = false;
    if (keys.length >= 2) {
      const accepted = await deps.confirm({
        kind: 'delete-other-key',
        message: `Delete the inactive key ${masked} of profile "${key.profile}" to make room for its new key?`,
        detail: `The user already has two keys (the quota): the working key of profile "${via.profile}" and this inactive one. The inactive key works nowhere now; deleting it cannot be undone.`,
        acceptLabel: 'Delete Inactive Key',
        explicit: false,
      });
      if (!accepted) throw new LifecycleError('Cancelled. Nothing was changed.', 'unchanged', 'preflight');
      await deleteAccessKey(session, key.accessKeyId);
      deletedOld = true;
    }
    const gone = deletedOld ? ` The inactive key ${masked} was deleted before (as you confirmed).` : '';
    step('create');
    let created;
    try {
      created = await createAccessKey(session, sleep);
    } catch (error) {
      throw new LifecycleError(`Creating a new access key failed (${describeAwsError(error)}). The profile still holds its inactive key.${gone}`, deletedOld ? 'partial' : 'unchanged', 'create', undefined, { cause: error });
    }
    step('write');
    let write;
    try {
      write = writeNewKey(key, created, []);
    } catch (error) {
      await deleteAccessKey(session, created.accessKeyId).catch(() => undefined);
      throw new LifecycleError(`Writing the new key into ${key.path} failed (${describeAwsError(error)}); the new key was deleted.${gone}`, deletedOld ? 'partial' : 'unchanged', 'write', undefined, { cause: error });
    }
    step('verify');
    try {
      await verifyProfileKey({ profile: key.profile, expectedArn: session.identity.arn, expectedAccessKeyId: created.accessKeyId, files: deps.files, deps, sleep });
    } catch (error) {
      restoreOldKey(write, key, created.accessKeyId);
      await deleteAccessKey(session, created.accessKeyId).catch(() => undefined);
      throw new LifecycleError(`The new key ${maskKeyId(created.accessKeyId)} did not work (${describeAwsError(error)}); the old values are back in the file and the new key was deleted.${gone}`, deletedOld ? 'partial' : 'unchanged', 'verify', undefined, { cause: error });
    }
    step('retire');
    if (!deletedOld && request.retire === 'delete') {
      try {
        await deleteAccessKey(session, key.accessKeyId);
        deletedOld = true;
      } catch {
        // It stays inactive, which is what "deactivate" would have left: no harm, said in the result.
      }
    }
    return {
      profile: key.profile,
      userArn: session.identity.arn,
      oldAccessKeyId: key.accessKeyId,
      newAccessKeyId: created.accessKeyId,
      updatedProfiles: write.profiles,
      retired: deletedOld ? 'delete' : 'deactivate',
      usedMfa: session.usesMfa,
      warnings: [],
    };
  } finally {
    session.close();
  }
}
