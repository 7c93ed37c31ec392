/**
 * Short texts shared by the Profiles view and the CLI, so both say the same thing the same way.
 */
import { ageBand } from './age';
import type { AgeBand, AgeThresholds, KeyLastUse, ProfileReport } from './model';

/** `2025-03-14` (UTC): the precision IAM's dates are useful at. */
export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "2025-03-14 · s3 · us-east-1", or "never". */
export function formatLastUse(lastUse: KeyLastUse | undefined): string {
  if (!lastUse?.date) return 'never';
  return [formatDate(lastUse.date), lastUse.serviceName, lastUse.region].filter(Boolean).join(' · ');
}

/**
 * Why the last use shown is not IAM's latest: "our own checks since are not counted" when IAM's
 * latest use was one of our calls, "only our own checks are known" when no earlier use was seen.
 */
export function lastUseNote(lastUse: KeyLastUse | undefined): string | undefined {
  if (lastUse?.ownChecksHidden) return 'our own checks since are not counted';
  if (lastUse?.ownCheckOnly) return 'our own check; no earlier use was observed';
  return undefined;
}

/** {@link formatLastUse} followed by its {@link lastUseNote}: "2026-03-02 · ec2 · eu-west-1; our own checks since are not counted". */
export function formatLastUseWithNote(lastUse: KeyLastUse | undefined): string {
  const note = lastUseNote(lastUse);
  return note ? `${formatLastUse(lastUse)}; ${note}` : formatLastUse(lastUse);
}

/** The age band of a report's own long-term key, when its age is known. */
export function keyBandOf(report: ProfileReport, thresholds: AgeThresholds): AgeBand | undefined {
  if (!report.profile.longTermKey || report.status.state !== 'loaded' || !report.status.facts.key) return undefined;
  return ageBand(report.status.facts.key.ageDays, thresholds);
}

/** One word or phrase for a report's state: "Active", "Inactive", "temporary", "no long-term key", the problem code. */
export function statusLabel(report: ProfileReport): string {
  const { status, profile } = report;
  if (status.state === 'failed') return status.problem.code;
  if (status.state === 'skipped') return status.reason === 'offline listing' ? (profile.temporary ? 'temporary' : 'not checked') : status.reason;
  if (profile.temporary) return 'temporary';
  return status.facts.key?.status ?? 'key not listed';
}
