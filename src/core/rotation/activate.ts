/**
 * Activating a key that was deactivated by mistake. An inactive key cannot sign its own
 * activation, so another local profile of the same IAM user (whose key works) makes the call.
 */
import { maskKeyId } from '../keys';
import { describeAwsError } from './aws-errors';
import { listAccessKeys, setKeyStatus } from './keys';
import { readProfileKey } from './local';
import { ProfileSession } from './session';
import { LifecycleError, type LifecycleDeps } from './types';

/**
 * Sets `accessKeyId` Active, signing with `viaProfile`, after a confirmation. Returns false when
 * the user declined; throws LifecycleError when IAM refuses or the key is not the user's.
 */
export async function activateKey(accessKeyId: string, holder: string, viaProfile: string, deps: LifecycleDeps): Promise<boolean> {
  const via = readProfileKey(deps.files, viaProfile);
  const session = await ProfileSession.open(via, deps);
  const masked = maskKeyId(accessKeyId);
  try {
    const listed = (await listAccessKeys(session)).find((k) => k.accessKeyId === accessKeyId);
    if (!listed) throw new LifecycleError(`Profile "${viaProfile}" (${session.identity.arn}) does not list key ${masked}; it can only activate its own user's keys. Nothing was changed.`, 'unchanged');
    if (listed.status === 'Active') return true;
    const accepted = await deps.confirm({
      kind: 'deactivate-key',
      message: `Activate access key ${masked} of profile "${holder}"?`,
      detail: `It works again at once for anyone who holds its secret. Activate it only if it was deactivated by mistake; if it leaked, rotate profile "${holder}" instead. The call is signed by profile "${viaProfile}" (same IAM user).`,
      acceptLabel: 'Activate Key',
      explicit: true,
    });
    if (!accepted) return false;
    try {
      await setKeyStatus(session, accessKeyId, 'Active');
    } catch (error) {
      throw new LifecycleError(`Activating key ${masked} failed (${describeAwsError(error)}). It is still inactive.`, 'unchanged', undefined, undefined, { cause: error });
    }
    return true;
  } finally {
    session.close();
  }
}
