/**
 * Key age arithmetic and the fine/due/overdue bands, kept apart so the tree, the CLI and the
 * rotation quick pick agree on what "143 days" and "due" mean.
 */
import { type AgeBand, type AgeThresholds, DEFAULT_AGE_THRESHOLDS } from './model';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `created` to `now` (never negative: clocks drift a little). */
export function ageInDays(created: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - created.getTime()) / DAY_MS));
}

/**
 * The band of a key `ageDays` old: due from `dueDays` on, overdue from `overdueDays` on. Invalid or
 * inverted thresholds fall back to the defaults rather than hiding every warning.
 */
export function ageBand(ageDays: number, thresholds: AgeThresholds = DEFAULT_AGE_THRESHOLDS): AgeBand {
  const t = sanitizeThresholds(thresholds);
  if (ageDays >= t.overdueDays) return 'overdue';
  if (ageDays >= t.dueDays) return 'due';
  return 'fine';
}

/** Thresholds that make sense: positive numbers, overdue not before due. */
export function sanitizeThresholds(thresholds: Partial<AgeThresholds>): AgeThresholds {
  const due = positive(thresholds.dueDays) ?? DEFAULT_AGE_THRESHOLDS.dueDays;
  const overdue = positive(thresholds.overdueDays) ?? DEFAULT_AGE_THRESHOLDS.overdueDays;
  return { dueDays: due, overdueDays: Math.max(due, overdue) };
}

function positive(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** "1 day", "143 days". */
export function formatDays(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}
