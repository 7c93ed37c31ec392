/**
 * Loads every local profile's facts: offline facts from the files, online facts from AWS in
 * parallel (capped), each profile under its own timeout so a slow or failing one never holds up
 * the rest. Results are cached per profile fingerprint until invalidated.
 */
import type { ClientOptions, StaticCredentials } from '../aws/clients';
import { configFilePath, credentialsFilePath, type Environment } from '../credentials';
import { readLocalProfiles, type LocalProfiles } from './local';
import type { LocalProfile, ProfileReport, ProfileStatus } from './model';
import { fetchOnlineFacts, ProfileLoadError } from './online';
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

  constructor(private readonly options: ProfileFactsOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Paths of the two shared files, resolved as the SDK resolves them. */
  get paths(): { credentialsFile: string; configFile: string } {
    return { credentialsFile: credentialsFilePath(this.options.env, this.options.homedir), configFile: configFilePath(this.options.env, this.options.homedir) };
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
   * show fast profiles before slow ones. `local` reuses files the caller has just read. Never
   * rejects for a profile's failure.
   */
  async load(options: { offline?: boolean; onReport?: (report: ProfileReport) => void; local?: LocalProfiles } = {}): Promise<ProfilesSnapshot> {
    const local = options.local ?? this.readLocal();
    const reports = await mapWithConcurrency(local.profiles, this.options.concurrency ?? DEFAULT_CONCURRENCY, async (profile) => {
      const status = await this.statusOf(profile, options.offline === true);
      const report = { profile, status };
      options.onReport?.(report);
      return report;
    });
    const refined = refineInactiveKeys(reports);
    for (const [index, report] of refined.entries()) if (report !== reports[index]) options.onReport?.(report);
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
    const attempt = (credentials?: StaticCredentials) =>
      fetchOnlineFacts(profile, this.paths, {
        now: this.now,
        signal: abort.signal,
        client: { requestTimeoutMs: timeoutMs, maxAttempts: 2, ...this.options.client },
        credentials,
      }).then(
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
