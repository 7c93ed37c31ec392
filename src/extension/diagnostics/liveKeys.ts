import type { Disposable } from 'vscode';
import type { ProfilesFeature } from '../profiles/api';

/**
 * Which key ids are the live keys of local profiles (key id → profile names), so a leaked key that
 * is in the user's own credentials file gets the stronger severity.
 *
 * Publishing diagnostics never waits for it: `known()` answers at once with what was last loaded,
 * and a reload runs in the background; `onReload` lets the scanner republish when the answer changed.
 */
export class LiveKeyIndex implements Disposable {
  private cached: ReadonlyMap<string, readonly string[]> = new Map();
  private loadedAt = 0;
  private loading: Promise<void> | undefined;
  private reloadAgain = false;
  private readonly subscription: Disposable;

  constructor(
    private readonly profiles: ProfilesFeature,
    private readonly onReload: () => void,
    private readonly maxAgeMs = 3000,
  ) {
    // A credentials file edited while a leaked key is on screen changes its severity at once.
    this.subscription = profiles.onDidChange(() => {
      this.invalidate();
      this.reload();
    });
    this.reload();
  }

  dispose(): void {
    this.subscription.dispose();
  }

  /** The live keys as last loaded; starts a background reload when they are older than maxAgeMs. */
  known(): ReadonlyMap<string, readonly string[]> {
    if (Date.now() - this.loadedAt >= this.maxAgeMs) this.reload();
    return this.cached;
  }

  invalidate(): void {
    this.loadedAt = 0;
  }

  private reload(): void {
    // A reload asked for during a load runs once more afterwards, so a change made meanwhile is not
    // missed; any number of such requests make one extra load, not one each.
    if (this.loading) {
      this.reloadAgain = true;
      return;
    }
    this.loading = this.profiles
      .keyProfiles()
      .then((list) => {
        const map = new Map<string, string[]>();
        for (const p of list) map.set(p.accessKeyId, [...(map.get(p.accessKeyId) ?? []), p.name]);
        const changed = !sameKeys(map, this.cached);
        this.cached = map;
        this.loadedAt = Date.now();
        if (changed) this.onReload();
      })
      .catch(() => {
        this.loadedAt = Date.now(); // keep the last answer; try again after maxAgeMs
      })
      .finally(() => {
        this.loading = undefined;
        if (this.reloadAgain) {
          this.reloadAgain = false;
          this.reload();
        }
      });
  }
}

function sameKeys(a: ReadonlyMap<string, readonly string[]>, b: ReadonlyMap<string, readonly string[]>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, names] of a) if (b.get(key)?.join('\0') !== names.join('\0')) return false;
  return true;
}
