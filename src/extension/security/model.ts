/**
 * The audit of each IAM-user profile for the Security group, the row summary and the status bar.
 * Audits start in the background as soon as a profile's facts load (capped like the facts
 * themselves) and are kept until that profile's facts are loaded again.
 */
import * as vscode from 'vscode';
import { type ProfileAudit, ProfileAuditor } from '../../core/audit';
import type { ProfileReport, ProfileStatus } from '../../core/profiles';
import type { Log } from '../log';
import type { ProfilesModel } from '../profiles/model';

const CONCURRENCY = 16;

/** Where an IAM-user profile's audit stands. */
export type AuditState = { readonly state: 'loading' } | { readonly state: 'done'; readonly audit: ProfileAudit };

export class SecurityModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  readonly auditor: ProfileAuditor;
  /** Per profile: the facts an audit was started for, and the audit when done. */
  private readonly audits = new Map<string, { status: ProfileStatus; audit?: ProfileAudit }>();
  private readonly subscription: vscode.Disposable;
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    readonly profiles: ProfilesModel,
    private readonly log: Log,
  ) {
    this.auditor = new ProfileAuditor(profiles.loader);
    this.subscription = vscode.Disposable.from(
      profiles.onDidChange(() => this.sync()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration('awsKeyGuard.security.audit')) return;
        this.sync();
        this.changed.fire();
      }),
    );
  }

  /** `awsKeyGuard.security.audit`: off, no audit call is made and no Security group shows. */
  get enabled(): boolean {
    return vscode.workspace.getConfiguration('awsKeyGuard.security').get<boolean>('audit', true);
  }

  /** The audit of `profileName`; undefined for profiles that get none (no long-term key, not loaded yet). */
  stateOf(profileName: string): AuditState | undefined {
    const report = this.profiles.report(profileName);
    if (!this.enabled || !report?.profile.longTermKey || report.status.state === 'skipped') return undefined;
    const entry = this.audits.get(profileName);
    return entry?.audit && entry.status === report.status ? { state: 'done', audit: entry.audit } : { state: 'loading' };
  }

  /** Every finished audit. */
  finished(): ProfileAudit[] {
    return this.profiles.state.profiles.flatMap((p) => {
      const state = this.stateOf(p.name);
      return state?.state === 'done' ? [state.audit] : [];
    });
  }

  /** Audits again (after Delete Unused Key): drops the cached audit and the profile's facts. */
  refresh(profileName: string): void {
    this.auditor.invalidate(profileName);
    this.audits.delete(profileName);
    void this.profiles.reload({ only: profileName });
  }

  // Starts an audit for every profile whose facts are new since its last audit.
  private sync(): void {
    if (!this.enabled) return;
    let files;
    for (const profile of this.profiles.state.profiles) {
      const report = this.profiles.report(profile.name) as ProfileReport;
      if (!profile.longTermKey || report.status.state === 'skipped') continue;
      if (this.audits.get(profile.name)?.status === report.status) continue;
      try {
        files ??= this.profiles.loader.readLocal();
      } catch {
        return; // The profiles view shows the unreadable file.
      }
      const entry: { status: ProfileStatus; audit?: ProfileAudit } = { status: report.status };
      this.audits.set(profile.name, entry);
      this.auditor.invalidate(profile.name);
      const local = files;
      void this.limited(() => this.auditor.audit(report, local)).then(
        (audit) => {
          if (this.audits.get(profile.name) !== entry) return;
          entry.audit = audit;
          for (const problem of audit.problems) if (problem.failed) this.log.warn(`Audit of profile "${profile.name}": ${problem.step}: ${problem.message}`);
          this.changed.fire();
        },
        (error: unknown) => this.log.error(`Audit of profile "${profile.name}" failed`, error),
      );
    }
  }

  private async limited<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= CONCURRENCY) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
