/**
 * IAM's credential report: one CSV row per user (the root account first) with the columns AWS
 * documents, in AWS's order and value spellings (true/false, N/A, ISO dates with +00:00).
 */
import { IamState } from './state';

/** The report's columns, in AWS's order. */
export const CREDENTIAL_REPORT_COLUMNS = [
  'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed',
  'password_next_rotation', 'mfa_active',
  'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_1_last_used_region', 'access_key_1_last_used_service',
  'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date', 'access_key_2_last_used_region', 'access_key_2_last_used_service',
  'cert_1_active', 'cert_1_last_rotated', 'cert_2_active', 'cert_2_last_rotated',
] as const;

/** The report writes dates as 2024-01-31T12:00:00+00:00. */
function reportDate(date: Date | undefined): string {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, '+00:00') : 'N/A';
}

/** User names may contain commas ([\w+=,.@-]), so such fields are quoted. */
function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Builds the CSV text of a credential report for the account as it is now. */
export function credentialReportCsv(state: IamState): string {
  const rows: string[][] = [];
  const earliest = [...state.users.values()].reduce<Date>((min, u) => (u.createDate < min ? u.createDate : min), state.clock.now());
  rows.push([
    '<root_account>', `arn:aws:iam::${state.accountId}:root`, reportDate(earliest), 'not_supported', 'no_information', 'not_supported',
    'not_supported', 'true', 'false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'false', 'N/A',
  ]);
  for (const user of state.users.values()) {
    const keyColumns: string[] = [];
    const keys = state.keysOf(user.userName);
    for (const slot of [0, 1]) {
      const key = keys[slot];
      keyColumns.push(
        key ? String(key.status === 'Active') : 'false',
        reportDate(key?.createDate),
        reportDate(key?.lastUsed?.date),
        key?.lastUsed?.region ?? 'N/A',
        key?.lastUsed?.serviceName ?? 'N/A',
      );
    }
    const hasPassword = user.passwordLastUsed !== undefined;
    rows.push([
      user.userName, user.arn, reportDate(user.createDate),
      String(hasPassword), reportDate(user.passwordLastUsed), hasPassword ? reportDate(user.createDate) : 'N/A', 'N/A',
      String(user.mfaDevices.length > 0),
      ...keyColumns,
      'false', 'N/A', 'false', 'N/A',
    ]);
  }
  return [CREDENTIAL_REPORT_COLUMNS.join(','), ...rows.map((row) => row.map(csvField).join(','))].join('\n');
}
