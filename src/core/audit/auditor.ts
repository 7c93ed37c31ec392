/**
 * Audits every local profile: for each IAM-user profile, its facts (identity and keys from the
 * profiles loader, with our own use taken out) and then MFA, permissions, least privilege and the
 * roles/SSO suggestion, each fact failing on its own. Profiles run in parallel (capped), each under
 * its own timeout; results are cached per profile until invalidated. Nothing is ever written to AWS.
 */
import { type ClientOptions, createIamClient } from '../aws/clients';
import { maskKeyId } from '../keys';
import { ageInDays, type ProfileFactsLoader, type ProfileReport, type ProfilesSnapshot } from '../profiles';
import { keylessAccessOf, keylessSuggestion, type KeylessAccess } from './alternatives';
import { type AdvisorPolling, type AuditIam, type PermissionFacts, type PolicyDocumentCache, readMfaEnabled, readPermissions, readServiceUsage } from './facts';
import type { AuditKind, AuditProblem, KeyAudit, ProfileAudit, ServiceUsage } from './types';

/** The `--unused-days` default: AWS Config's and CIS's 90 days. */
export const DEFAULT_UNUSED_DAYS = 90;
const DEFAULT_CONCURRENCY = 16;
const DEFAULT_PROFILE_TIMEOUT_MS = 60_000;
const DEFAULT_POLLING: AdvisorPolling = { intervalMs: 1000, maxPolls: 30 };

/** How the auditor talks to AWS. */
export interface AuditOptions {
  /** A key never used and older than this, or not used for this long, is "unused" (default 90). */
  readonly unusedDays?: number;
  /** Profiles audited at once (default 16). */
  readonly concurrency?: number;
  /** Budget for one profile's audit calls, in ms (default 60 000). */
  readonly profileTimeoutMs?: number;
  /** Access Advisor polling (default every second, 30 times). */
  readonly advisorPolling?: AdvisorPolling;
  readonly client?: ClientOptions;
  readonly now?: () => Date;
}

/** The audit's classification of a profile. */
export function auditKindOf(report: ProfileReport): AuditKind {
  const { profile } = report;
  if (profile.longTermKey) return 'iam-user';
  if (profile.temporary) return 'temporary';
  return profile.kind === 'static' ? 'other' : profile.kind;
}

function emptyAudit(report: ProfileReport, problems: AuditProblem[] = []): ProfileAudit {
  return { profile: report.profile.name, kind: auditKindOf(report), admin: null, escalation: [], policies: [], mfaEnabled: null, keys: [], services: null, problems };
}

/** Audits profiles; one instance per editor session or CLI run. */
export class ProfileAuditor {
  private readonly cache = new Map<string, Promise<ProfileAudit>>();
  private readonly documents: PolicyDocumentCache = new Map();
  private readonly now: () => Date;

  constructor(
    private readonly loader: ProfileFactsLoader,
    private readonly options: AuditOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Drops cached audits: of one profile, or all of them. */
  invalidate(profileName?: string): void {
    if (profileName === undefined) this.cache.clear();
    else for (const key of [...this.cache.keys()]) if (key.startsWith(`${profileName}\u0000`)) this.cache.delete(key);
  }

  /**
   * Loads the profiles' facts and audits every profile, each as soon as its facts arrive.
   * `onAudit` is called as each profile settles. Never rejects for a profile's failure; throws
   * CredentialsFileError when a file cannot be read.
   */
  async auditAll(options: { only?: string; onAudit?: (audit: ProfileAudit) => void } = {}): Promise<{ snapshot: ProfilesSnapshot; audits: ProfileAudit[] }> {
    const local = this.loader.readLocal();
    const access = keylessAccessOf(local);
    const pending = new Map<string, Promise<ProfileAudit>>();
    const limit = this.limiter(this.options.concurrency ?? DEFAULT_CONCURRENCY);
    const snapshot = await this.loader.load({
      local,
      only: options.only,
      onReport: (report) => {
        if (pending.has(report.profile.name)) return;
        const audit = limit(() => this.audit(report, local, access));
        audit.then((a) => options.onAudit?.(a), () => undefined);
        pending.set(report.profile.name, audit);
      },
    });
    const audits = await Promise.all(snapshot.reports.filter((r) => pending.has(r.profile.name)).map((r) => pending.get(r.profile.name) as Promise<ProfileAudit>));
    this.loader.keyUse.flush();
    return { snapshot, audits };
  }

  /** The audit of one profile from its report (cached by the profile's settings). */
  audit(report: ProfileReport, files: ProfilesSnapshot | Omit<ProfilesSnapshot, 'reports'>, access: KeylessAccess = keylessAccessOf(files)): Promise<ProfileAudit> {
    const key = `${report.profile.name}\u0000${report.profile.fingerprint}`;
    let audit = this.cache.get(key);
    if (!audit) {
      audit = this.run(report, files, access);
      this.cache.set(key, audit);
    }
    return audit;
  }

  private limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
    let active = 0;
    const queue: (() => void)[] = [];
    return async <T>(task: () => Promise<T>) => {
      if (active >= limit) await new Promise<void>((resolve) => queue.push(resolve));
      active++;
      try {
        return await task();
      } finally {
        active--;
        queue.shift()?.();
      }
    };
  }

  private async run(report: ProfileReport, files: Omit<ProfilesSnapshot, 'reports'>, access: KeylessAccess): Promise<ProfileAudit> {
    const { profile, status } = report;
    if (!profile.longTermKey) return emptyAudit(report);
    if (status.state === 'skipped') return emptyAudit(report, [{ step: 'identity', message: `not checked (${status.reason})`, failed: true }]);
    if (status.state === 'failed') return emptyAudit(report, [{ step: 'identity', message: status.problem.message, failed: true }]);
    const facts = status.facts;
    const userName = facts.identity.userName;
    if (!userName) return emptyAudit(report, [{ step: 'identity', message: `${facts.identity.arn || 'the caller'} is not an IAM user`, failed: true }]);
    const timeoutMs = this.options.profileTimeoutMs ?? DEFAULT_PROFILE_TIMEOUT_MS;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    const signer = files.profiles.find((p) => p.name === (facts.via ?? profile.name)) ?? profile;
    const client = createIamClient({ profile: signer.name, credentialsFile: this.loader.paths.credentialsFile, configFile: this.loader.paths.configFile }, {
      requestTimeoutMs: timeoutMs,
      maxAttempts: 2,
      ...this.options.client,
    });
    const iam: AuditIam = { client, signal: abort.signal, onCall: () => signer.accessKeyId && this.loader.keyUse.ownCall(signer.accessKeyId, 'iam') };
    const problems: AuditProblem[] = [];
    const attempt = async <T>(step: AuditProblem['step'], what: string, run: () => Promise<T>): Promise<T | null> => {
      try {
        return await run();
      } catch (error) {
        const message = abort.signal.aborted ? `timed out after ${Math.round(timeoutMs / 1000)} s` : (error as Error).message;
        problems.push({ step, message: `could not read ${what}: ${message}`, failed: true });
        return null;
      }
    };
    try {
      const [mfaEnabled, permissions, services] = await Promise.all([
        attempt('mfa', 'MFA devices', () => readMfaEnabled(iam, userName)),
        attempt('permissions', 'permissions', () => readPermissions(iam, userName, this.documents)),
        attempt('least-privilege', 'Access Advisor', () => readServiceUsage(iam, facts.identity.arn, this.options.advisorPolling ?? DEFAULT_POLLING)),
      ]);
      const keys = this.keysOf(report, files);
      const audit: ProfileAudit = {
        profile: profile.name,
        kind: 'iam-user',
        accountId: facts.identity.accountId,
        userName,
        userArn: facts.identity.arn,
        admin: permissions?.admin ?? null,
        escalation: permissions?.escalation ?? [],
        policies: permissions?.policies ?? [],
        mfaEnabled,
        keys,
        services,
        problems: [],
      };
      const suggestion = keylessSuggestion(access, facts.identity.accountId, profile.name, files);
      return { ...audit, problems: [...findingsOf(audit, permissions, services, this.unusedDays, suggestion), ...problems] };
    } finally {
      clearTimeout(timer);
      client.destroy();
    }
  }

  private get unusedDays(): number {
    return this.options.unusedDays ?? DEFAULT_UNUSED_DAYS;
  }

  private keysOf(report: ProfileReport, files: Omit<ProfilesSnapshot, 'reports'>): KeyAudit[] {
    if (report.status.state !== 'loaded') return [];
    const facts = report.status.facts;
    const now = this.now();
    return [facts.key, ...facts.otherKeys]
      .filter((k) => k !== undefined)
      .sort((a, b) => a.createDate.getTime() - b.createDate.getTime())
      .map((key): KeyAudit => {
        const lastUsedDays = key.lastUse?.date ? ageInDays(key.lastUse.date, now) : null;
        const unused = lastUsedDays === null ? key.ageDays > this.unusedDays : lastUsedDays > this.unusedDays;
        const localProfiles = files.profiles.filter((p) => p.accessKeyId === key.accessKeyId).map((p) => p.name);
        return { accessKeyId: key.accessKeyId, status: key.status, ageDays: key.ageDays, lastUsedDays, lastUse: key.lastUse, unused, localProfiles };
      });
  }
}

/** The findings of an audit, worst first. */
function findingsOf(audit: ProfileAudit, permissions: PermissionFacts | null, services: ServiceUsage | null, unusedDays: number, suggestion: string | undefined): AuditProblem[] {
  const findings: AuditProblem[] = [];
  if (permissions?.admin) {
    const attached = permissions.policies.find((p) => p.name === 'AdministratorAccess');
    findings.push({ step: 'permissions', message: attached ? `admin: AdministratorAccess is attached (${attached.source})` : 'admin: a policy allows * on *' });
  }
  if (audit.mfaEnabled === false) findings.push({ step: 'mfa', message: 'no MFA device' });
  if (permissions && permissions.escalation.length > 0) findings.push({ step: 'permissions', message: `can escalate its own privileges: ${permissions.escalation.join(', ')} on *` });
  for (const key of audit.keys) {
    if (!key.unused) continue;
    const masked = maskKeyId(key.accessKeyId);
    const why = key.lastUsedDays === null ? `was never used and is ${key.ageDays} days old` : `has not been used for ${key.lastUsedDays} days`;
    findings.push({ step: 'keys', message: `key ${masked} ${why} (over ${unusedDays}): delete it?` });
  }
  if (services && services.unused.length > 0) {
    findings.push({ step: 'least-privilege', message: `${services.unused.length} of ${services.granted.length} granted services unused: ${services.unused.join(', ')}` });
  }
  if (suggestion) findings.push({ step: 'roles', message: suggestion });
  return findings;
}
