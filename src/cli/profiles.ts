/**
 * `aws-key-guard profiles`: the Profiles view's data as a table or JSON. Exit codes: 0 when the
 * listing was produced (profiles that failed to load show their error in the output: a listing is
 * a report, not a check); 2 on a usage error or an unreadable shared file. Key ids are masked; no
 * secret is ever printed.
 */
import * as os from 'node:os';
import { awsHomeDirectory, CredentialsFileError } from '../core/credentials';
import { maskKeyId } from '../core/keys';
import {
  activeProfileName,
  ageBand,
  type AgeThresholds,
  type AccessKeyFacts,
  formatDays,
  formatLastUse,
  keyBandOf,
  ProfileFactsLoader,
  type ProfileReport,
  type ProfilesSnapshot,
  sanitizeThresholds,
  statusLabel,
} from '../core/profiles';
import type { CliIo } from './main';

const USAGE = `Usage: aws-key-guard profiles [--json] [--offline] [--due-days N] [--overdue-days N]

Lists every profile of your shared credentials and config files with its kind, masked key id, key
age, last use and status, asking AWS (IAM and STS, with each profile's own credentials) for the
facts. Profiles load in parallel; one that fails shows its error and never stops the others.

Options:
  --json             Machine-readable output (key ids masked, never a secret)
  --offline          No AWS calls: masked key ids and the account ids decoded from them only
  --due-days N       A key this many days old is due for rotation (default 90)
  --overdue-days N   A key this many days old is overdue (default 180)

Exit codes: 0 listing printed (even when some profiles failed to load); 2 usage error or an
unreadable credentials/config file.
Environment: AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE, AWS_PROFILE (the active profile).`;

interface ProfilesArgs {
  json: boolean;
  offline: boolean;
  thresholds: AgeThresholds;
  help: boolean;
}

function parseArgs(argv: string[]): ProfilesArgs | string {
  const args: ProfilesArgs = { json: false, offline: false, thresholds: sanitizeThresholds({}), help: false };
  const days: { dueDays?: number; overdueDays?: number } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') args.json = true;
    else if (arg === '--offline') args.offline = true;
    else if (arg === '-h' || arg === '--help') args.help = true;
    else if (arg === '--due-days' || arg === '--overdue-days') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) return `${arg} needs a whole number of days (1 or more)`;
      days[arg === '--due-days' ? 'dueDays' : 'overdueDays'] = value;
    } else return `unknown option '${arg}'`;
  }
  args.thresholds = sanitizeThresholds(days);
  return args;
}

/** Runs `aws-key-guard profiles`; returns the exit code. */
export async function runProfiles(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(`aws-key-guard profiles: ${args}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  const loader = new ProfileFactsLoader({ env: io.env, homedir: awsHomeDirectory(io.env, os.homedir()) });
  let snapshot: ProfilesSnapshot;
  try {
    snapshot = await loader.load({ offline: args.offline });
  } catch (error) {
    if (!(error instanceof CredentialsFileError)) throw error;
    io.err(`aws-key-guard profiles: ${error.message}`);
    return 2;
  }
  io.out(args.json ? JSON.stringify(toJson(snapshot, args, io.env), null, 2) : toTable(snapshot, args.thresholds));
  return 0;
}

function ageText(report: ProfileReport, thresholds: AgeThresholds): string {
  if (report.status.state !== 'loaded' || !report.status.facts.key) return '-';
  const band = keyBandOf(report, thresholds);
  return `${formatDays(report.status.facts.key.ageDays)}${band && band !== 'fine' ? ` (${band})` : ''}`;
}

function lastUsedText(report: ProfileReport): string {
  return report.status.state === 'loaded' && report.status.facts.key ? formatLastUse(report.status.facts.key.lastUse) : '-';
}

/** A plain table, widths from the content; `*` marks the active profile. */
function toTable(snapshot: ProfilesSnapshot, thresholds: AgeThresholds): string {
  if (snapshot.reports.length === 0) {
    return `No profiles found in ${snapshot.credentials.path} or ${snapshot.config.path}.\nCreate one with 'aws configure', or better, use IAM Identity Center (aws configure sso).`;
  }
  const header = ['PROFILE', 'KIND', 'KEY', 'AGE', 'LAST USED', 'STATUS'];
  const rows = snapshot.reports.map((r) => [
    `${r.profile.active ? '*' : ' '} ${r.profile.name}`,
    r.profile.temporary ? 'temporary' : r.profile.kind,
    r.profile.maskedKeyId ?? '-',
    ageText(r, thresholds),
    lastUsedText(r),
    statusLabel(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length + (i === 0 ? 2 : 0), ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const lines = [line(['  ' + header[0], ...header.slice(1)]), ...rows.map(line)];
  const problems = snapshot.reports.flatMap((r) => (r.status.state === 'failed' ? [`  ${r.profile.name}: ${r.status.problem.message}`] : []));
  if (problems.length) lines.push('', 'Could not load:', ...problems);
  const others = snapshot.reports.flatMap((r) => (r.status.state === 'loaded' ? r.status.facts.otherKeys.map((k) => `  ${r.profile.name}: ${otherKeyText(k)}`) : []));
  if (others.length) lines.push('', 'Other keys of the same users:', ...others);
  return lines.join('\n');
}

function otherKeyText(key: AccessKeyFacts): string {
  return `${key.maskedKeyId} ${key.status}, ${formatDays(key.ageDays)}, last used ${formatLastUse(key.lastUse)}`;
}

function keyJson(key: AccessKeyFacts, thresholds: AgeThresholds, withBand: boolean) {
  return {
    accessKeyId: maskKeyId(key.accessKeyId),
    status: key.status,
    createDate: key.createDate.toISOString(),
    ageDays: key.ageDays,
    ...(withBand ? { band: ageBand(key.ageDays, thresholds) } : {}),
    lastUsed: key.lastUse?.date ? { date: key.lastUse.date.toISOString(), service: key.lastUse.serviceName ?? null, region: key.lastUse.region ?? null } : null,
  };
}

/** The JSON document: stable field names, masked key ids, no secrets. */
function toJson(snapshot: ProfilesSnapshot, args: ProfilesArgs, env: CliIo['env']) {
  return {
    credentialsFile: snapshot.credentials.path,
    configFile: snapshot.config.path,
    activeProfile: activeProfileName(env),
    offline: args.offline,
    thresholds: args.thresholds,
    profiles: snapshot.reports.map(({ profile, status }) => ({
      name: profile.name,
      kind: profile.kind,
      active: profile.active,
      temporary: profile.temporary,
      file: profile.file,
      path: profile.path,
      line: profile.line,
      accessKeyId: profile.accessKeyId ? maskKeyId(profile.accessKeyId) : null,
      offlineAccountId: profile.offlineAccountId ?? null,
      state: status.state,
      status: statusLabel({ profile, status }),
      ...(status.state === 'skipped' ? { reason: status.reason } : {}),
      ...(status.state === 'loaded'
        ? {
            accountId: status.facts.identity.accountId,
            arn: status.facts.identity.arn,
            key: status.facts.key ? keyJson(status.facts.key, args.thresholds, true) : null,
            otherKeys: status.facts.otherKeys.map((k) => keyJson(k, args.thresholds, false)),
          }
        : {}),
      ...(status.state === 'failed'
        ? { error: { code: status.problem.code, message: status.problem.message, missingPermission: status.problem.missingPermission ?? null }, arn: status.identity?.arn ?? null }
        : {}),
    })),
  };
}
