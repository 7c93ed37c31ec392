import type { ProfilesFeature } from '../profiles/api';

/**
 * Which key ids are the live keys of local profiles (key id → profile names), so a leaked key that
 * is in the user's own credentials file gets the stronger severity. Re-read at most every few
 * seconds: the profiles feature already caches the files.
 */
export class LiveKeyIndex {
  private cached: Map<string, string[]> = new Map();
  private loadedAt = 0;
  private loading: Promise<ReadonlyMap<string, readonly string[]>> | undefined;

  constructor(private readonly profiles: ProfilesFeature, private readonly maxAgeMs = 3000) {}

  async current(): Promise<ReadonlyMap<string, readonly string[]>> {
    if (Date.now() - this.loadedAt < this.maxAgeMs) return this.cached;
    this.loading ??= this.profiles
      .keyProfiles()
      .then((list) => {
        const map = new Map<string, string[]>();
        for (const p of list) map.set(p.accessKeyId, [...(map.get(p.accessKeyId) ?? []), p.name]);
        this.cached = map;
        this.loadedAt = Date.now();
        return map;
      })
      .catch(() => this.cached)
      .finally(() => (this.loading = undefined));
    return this.loading;
  }

  invalidate(): void {
    this.loadedAt = 0;
  }
}
