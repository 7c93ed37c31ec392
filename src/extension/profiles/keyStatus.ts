/**
 * What IAM last said about a key's status, from two sources: the profiles' facts (ListAccessKeys
 * of each loaded profile lists its user's keys) and what this window did itself (deactivated,
 * activated or deleted a key). A deleted key is never listed again, so only our own record knows it.
 */
import type { ProfileStatus } from '../../core/profiles';

export type KeyStatus = 'Active' | 'Inactive' | 'Deleted';

interface Recorded {
  readonly status: KeyStatus;
  readonly at: number;
}

export class KeyStatusBook {
  private readonly recorded = new Map<string, Recorded>();

  /** Remembers what an action of ours did to a key. */
  record(accessKeyId: string, status: KeyStatus, now = Date.now()): void {
    this.recorded.set(accessKeyId, { status, at: now });
  }

  /**
   * The key's status: a listing loaded after our own record wins (someone may have changed it
   * since; a deleted key is never listed again, so its record stands).
   */
  statusOf(accessKeyId: string, statuses: Iterable<ProfileStatus>): KeyStatus | undefined {
    const mine = this.recorded.get(accessKeyId);
    let listed: { status: KeyStatus; at: number } | undefined;
    for (const status of statuses) {
      if (status.state !== 'loaded') continue;
      for (const key of [status.facts.key, ...status.facts.otherKeys]) {
        if (key?.accessKeyId === accessKeyId && (!listed || status.facts.loadedAt.getTime() > listed.at)) listed = { status: key.status, at: status.facts.loadedAt.getTime() };
      }
    }
    if (mine && (!listed || mine.at >= listed.at)) return mine.status;
    return listed?.status;
  }
}
