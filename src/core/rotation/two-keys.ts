/**
 * The two-key quota: IAM allows two access keys per user, so a user who already has two cannot
 * get a new one. The other key (never the one being rotated) may be deleted to make room: after a
 * plain confirmation when it is inactive, after an explicit one showing its last use when it is
 * active and no local profile uses it; never when a local profile uses it.
 */
import { maskKeyId } from '../keys';
import { describeAge, describeLastUse, getLastUse, type IamAccessKey, type KeyLastUse } from './keys';
import { profileList, type LocalKeyHolder, type ProfileKey } from './local';
import type { ProfileSession } from './session';
import { LifecycleError, type LifecycleDeps } from './types';

/**
 * Returns the other key to delete before CreateAccessKey (the user agreed), or undefined when
 * there is room. Throws LifecycleError (nothing changed) when the user declines or cannot.
 */
export async function confirmTwoKeyHandling(input: {
  session: ProfileSession;
  key: ProfileKey;
  keys: readonly IamAccessKey[];
  holders: readonly LocalKeyHolder[];
  now: Date;
  deps: LifecycleDeps;
  signal?: AbortSignal;
}): Promise<IamAccessKey | undefined> {
  const { key, keys, holders, now, deps } = input;
  if (keys.length < 2) return undefined;
  const other = keys.find((k) => k.accessKeyId !== key.accessKeyId)!;
  const masked = maskKeyId(other.accessKeyId);
  const user = input.session.identity.userName;
  const users = holders.filter((h) => h.accessKeyId === other.accessKeyId).map((h) => h.profile);
  if (users.length > 0) {
    throw new LifecycleError(
      `User ${user} already has two access keys (IAM's limit), and the other key ${masked} is used by local ${profileList(users)}. Rotate or retire that key first. Nothing was changed.`,
      'unchanged',
      'preflight',
    );
  }
  let lastUse: KeyLastUse | undefined;
  try {
    lastUse = await getLastUse(input.session, other.accessKeyId, input.signal);
  } catch {
    // Only shown to the user; an unknown last use is said as such.
  }
  const active = other.status === 'Active';
  const facts = `${other.status}, ${describeAge(other, now)}, ${describeLastUse(lastUse, now)}`;
  const accepted = await deps.confirm({
    kind: 'delete-other-key',
    message: `User ${user} already has two access keys, IAM's limit. Delete the other key ${masked} (${facts}) to make room for the new one?`,
    detail: active
      ? `The other key is ACTIVE and no local profile uses it, but something else may (a server, CI, another machine): it stops working at once and for good. Key ${maskKeyId(key.accessKeyId)} of profile "${key.profile}" is not touched.`
      : `The other key is inactive: nothing can be using it. Deleting it cannot be undone. Key ${maskKeyId(key.accessKeyId)} of profile "${key.profile}" is not touched.`,
    acceptLabel: 'Delete Other Key',
    explicit: active,
  });
  if (!accepted) {
    throw new LifecycleError(`User ${user} already has two access keys (IAM's limit) and the other key ${masked} was kept, so no new key can be created. Nothing was changed.`, 'unchanged', 'preflight');
  }
  return other;
}
