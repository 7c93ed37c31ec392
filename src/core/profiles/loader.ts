/**
 * Loads every local profile's facts: offline facts from the files, online facts from AWS in
 * parallel (capped), each profile under its own timeout so a slow or failing one never holds up
 * the rest. Results are cached per profile fingerprint until invalidated.
 */
import type { ClientOptions, StaticCredentials } from '../aws/clients';
import { sharedFilePaths, type Environment } from '../credentials';
import { readLocalProfiles, type LocalProfiles } from './local';
import type { LocalProfile, ProfileReport, ProfileStatus } from './model';
import { defaultKeyUsePath, KeyUseRecord } from './key-use';
import { fetchFactsThrough, fetchOnlineFacts, type FetchOptions, ProbeDeniedError, ProfileLoadError } from './online';
import { mapWithConcurrency } from './pool';
import { classifyProblem, inactiveKeyProblem, timeoutProblem } from './problems';

/** How the loader finds the files and talks to AWS. */
export interface ProfileFactsOptions {
  readonly env: Environment;
  readonly homedir: string;
  /** The clock for key ages; injectable for tests. */
  readonly now?: () => Date;
  /** Profiles loading at once (default 6). */
  readonly concurrency?: number;
  /** Budget for one profile's whole chain of calls, in ms (default 15 000). */
  readonly profileTimeoutMs?: number;
  /** SDK client options (per-request timeout, attempts). */
  readonly client?: ClientOptions;
  /** Credentials of a live MFA session for a profile, when the user entered a code (kept in memory by the caller). */
  readonly sessionCredentials?: (profileName: string) => StaticCredentials | undefined;
  /** Our own calls per key (default: the file at {@link defaultKeyUsePath}). */
  readonly keyUse?: KeyUseRecord;
}

/** What one load returns: the files as read and a report per profile, in file order. */
export interface ProfilesSnapshot extends LocalProfiles {
  readonly reports: ProfileReport[];
}

// Sixteen at a time: 30 profiles with 100 ms per call load in about 3x the slowest profile's chain
// (npm run bench; 5.6x with 6), without a burst of calls large enough to draw IAM throttling.
const DEFAULT_CONCURRENCY = 16;
const DEFAULT_PROFILE_TIMEOUT_MS = 15_000;

/** Why a profile has no online facts even when online. */
export function skipReason(profile: LocalProfile): string | undefined {
  if (profile.longTermKey || profile.temporary) return undefined;
  switch (profile.kind) {
    case 'sso':
      return 'SSO profile: no long-term key';
    case 'role':
      return 'role profile: no long-term key';
    case 'process':
      return 'credential process: no long-term key';
    default:
      return profile.accessKeyId ? 'no usable key' : 'no credentials';
  }
}

/** Loads and caches profile facts. One instance per editor session or CLI run. */
export class ProfileFactsLoader {
  private readonly cache = new Map<string, Promise<ProfileStatus>>();
  private readonly now: () => Date;
  /** Our own calls per key and the last foreign use: shared by every load of this loader. */
  readonly keyUse: KeyUseRecord;
  /** The profiles of the latest load: where probers are found. */
  private profiles: readonly LocalProfile[] = [];
  /** Profiles fetched at least once by this loader: later fetches try no new prober. */
  private readonly fetched = new Set<string>();

  constructor(private readonly options: ProfileFactsOptions) {
    this.now = options.now ?? (() => new Date());
    this.keyUse = options.keyUse ?? new KeyUseRecord(defaultKeyUsePath(options.env, options.homedir), this.now);
  }

  /** Paths of the two shared files, resolved as the SDK resolves them. */
  get paths(): { credentialsFile: string; configFile: string } {
    return sharedFilePaths(this.options.env, this.options.homedir);
  }

  /** Reads the files: offline facts only, no AWS call. Throws CredentialsFileError on unreadable files. */
  readLocal(): LocalProfiles {
    return readLocalProfiles(this.options.env, this.options.homedir);
  }

  /** Drops cached facts: of one profile, or all of them. */
  invalidate(profileName?: string): void {
    if (profileName === undefined) this.cache.clear();
    else for (const key of [...this.cache.keys()]) if (key.startsWith(`${profileName}\u0000`)) this.cache.delete(key);
  }

  /**
   * Reads the files and loads every profile's facts. With `offline`, no AWS call is made and key
   * profiles are reported as skipped. `onReport` is called as each profile settles, so a view can
   * show fast profiles before slow ones. `local` reuses files the caller has just read; `only`
   * loads that one profile. Never rejects for a profile's failure.
   */
  async load(options: { offline?: boolean; onReport?: (report: ProfileReport) => void; local?: LocalProfiles; only?: string } = {}): Promise<ProfilesSnapshot> {
    const local = options.local ?? this.readLocal();
    this.profiles = local.profiles;
    // `only` loads one profile (its key, or a prober's, signs; no other profile's).
    const wanted = options.only === undefined ? local.profiles : local.profiles.filter((p) => p.name === options.only);
    const reports = await mapWithConcurrency(wanted, this.options.concurrency ?? DEFAULT_CONCURRENCY, async (profile) => {
      const status = await this.statusOf(profile, options.offline === true);
      const report = { profile, status };
      options.onReport?.(report);
      return report;
    });
    const refined = refineInactiveKeys(reports);
    for (const [index, report] of refined.entries()) if (report !== reports[index]) options.onReport?.(report);
    this.keyUse.flush();
    return { ...local, reports: refined };
  }

  private statusOf(profile: LocalProfile, offline: boolean): Promise<ProfileStatus> {
    const skip = skipReason(profile);
    if (skip) return Promise.resolve({ state: 'skipped', reason: skip });
    if (offline) return Promise.resolve({ state: 'skipped', reason: 'offline listing' });
    const key = `${profile.name}\u0000${profile.fingerprint}`;
    let status = this.cache.get(key);
    if (!status) {
      status = this.fetch(profile);
      this.cache.set(key, status);
    }
    return status;
  }

  /**
   * Prefers a prober (the profile's key then signs nothing); falls back to the profile's own key
   * when none may, remembering which profiles were refused.
   */
  private async fetchFacts(profile: LocalProfile, options: FetchOptions) {
    const discover = !this.fetched.has(profile.name);
    this.fetched.add(profile.name);
    for (const prober of probersFor(profile, this.profiles, this.keyUse, discover)) {
      try {
        const facts = await fetchFactsThrough(prober, profile, this.paths, options);
        this.keyUse.setCanProbe(prober.accessKeyId as string, true);
        return facts;
      } catch (error) {
        if (error instanceof ProbeDeniedError) this.keyUse.setCanProbe(prober.accessKeyId as string, false);
        if (options.signal?.aborted) throw error;
        // Any other failure (the prober's own key is bad, the network): ask with the key itself.
      }
    }
    return fetchOnlineFacts(profile, this.paths, options);
  }

  private async fetch(profile: LocalProfile): Promise<ProfileStatus> {
    const timeoutMs = this.options.profileTimeoutMs ?? DEFAULT_PROFILE_TIMEOUT_MS;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<ProfileStatus>((resolve) => {
      timer = setTimeout(() => {
        abort.abort();
        resolve({ state: 'failed', problem: timeoutProblem(timeoutMs) });
      }, timeoutMs);
    });
    const options: FetchOptions = {
      now: this.now,
      signal: abort.signal,
      client: { requestTimeoutMs: timeoutMs, maxAttempts: 2, ...this.options.client },
      keyUse: this.keyUse,
    };
    // `credentials`: an MFA session of this profile's user (the user entered a code), used as is.
    const attempt = (credentials?: StaticCredentials) =>
      (credentials ? fetchOnlineFacts(profile, this.paths, { ...options, credentials }) : this.fetchFacts(profile, options)).then(
        (facts): ProfileStatus => ({ state: 'loaded', facts }),
        (error: unknown): ProfileStatus =>
          error instanceof ProfileLoadError
            ? { state: 'failed', problem: error.problem, identity: error.identity }
            : { state: 'failed', problem: classifyProblem(error, 'sts:GetCallerIdentity') },
      );
    const session = this.options.sessionCredentials?.(profile.name);
    // A session AWS no longer accepts (revoked, expired early) is not the profile's problem: load
    // as without one, which shows what the profile itself can do.
    const fetched = attempt(session).then((status) =>
      session && status.state === 'failed' && status.problem.code !== 'offline' && status.problem.code !== 'timeout' ? attempt(undefined) : status,
    );
    try {
      return await Promise.race([fetched, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Other long-term key profiles of the same account that may read `profile`'s last use without
 * touching its key: those known to be able first, then at most one not yet tried. Profiles known
 * to be refused are left out until their recheck is due, and so is a profile whose own last use
 * has not been observed yet. Untried profiles are only tried when `discover` (a profile's first
 * load in a session), so refreshing one profile signs with no key but its own and known probers'.
 */
function probersFor(profile: LocalProfile, profiles: readonly LocalProfile[], keyUse: KeyUseRecord, discover: boolean): LocalProfile[] {
  if (!profile.longTermKey || !profile.offlineAccountId) return [];
  const candidates = profiles.filter(
    (p) => p.longTermKey && p.accessKeyId && p.accessKeyId !== profile.accessKeyId && p.offlineAccountId === profile.offlineAccountId && keyUse.hasObserved(p.accessKeyId),
  );
  const known = candidates.filter((p) => keyUse.canProbe(p.accessKeyId as string) === true);
  const untried = candidates.filter((p) => keyUse.canProbe(p.accessKeyId as string) === undefined);
  return [...known, ...(discover ? untried.slice(0, 1) : [])];
}

/**
 * IAM answers InvalidClientTokenId for deleted and for inactive keys alike; when another profile of
 * the same user listed this key as Inactive, say so precisely.
 */
function refineInactiveKeys(reports: ProfileReport[]): ProfileReport[] {
  const inactive = new Set<string>();
  for (const { status } of reports) {
    if (status.state !== 'loaded') continue;
    for (const key of [status.facts.key, ...status.facts.otherKeys]) if (key?.status === 'Inactive') inactive.add(key.accessKeyId);
  }
  return reports.map((report) =>
    report.status.state === 'failed' && report.status.problem.code === 'invalid-key' && report.profile.accessKeyId && inactive.has(report.profile.accessKeyId)
      ? { profile: report.profile, status: { state: 'failed', problem: inactiveKeyProblem() } }
      : report,
  );
}
