/**
 * `aws-key-guard audit`: least privilege and key hygiene of every profile, as a table or JSON.
 * Exit codes: 0 when the audit printed (even with problems: an audit is a report); 2 on a usage
 * error or an unreadable shared file. Read-only: nothing is written to AWS or the files. Key ids
 * are masked; no secret is ever printed.
 */
import * as os from 'node:os';
import { auditJson, DEFAULT_UNUSED_DAYS, findingLabels, type ProfileAudit, ProfileAuditor } from '../core/audit';
import { awsHomeDirectory, CredentialsFileError } from '../core/credentials';
import { maskKeyId } from '../core/keys';
import { ProfileFactsLoader } from '../core/profiles';
import type { CliIo } from './main';

const USAGE = `Usage: aws-key-guard audit [--profile P] [--json] [--unused-days N]

Audits each profile with its own credentials (or through a profile of the same account that may
read IAM): MFA, permissions (admin, privilege-escalation grants), both access keys with their
last use (our own checks are not counted), keys unused for N days, services granted but unused
(IAM Access Advisor), and SSO or roles that could replace a long-term key. SSO, role and process
profiles are listed without IAM facts. Nothing is ever written.

Options:
  --profile P        Audit only profile P
  --json             One object per profile: profile, kind, admin, mfaEnabled, keys
                     (accessKeyId masked, status, ageDays, lastUsedDays), unusedServices, problems
  --unused-days N    A key never used and older than N days, or not used for N days, is unused
                     (default ${DEFAULT_UNUSED_DAYS})

Exit codes: 0 audit printed (even with problems); 2 usage error or an unreadable
credentials/config file.`;

interface AuditArgs {
  profile?: string;
  json: boolean;
  unusedDays: number;
  help: boolean;
}

function parseArgs(argv: string[]): AuditArgs | string {
  const args: AuditArgs = { json: false, unusedDays: DEFAULT_UNUSED_DAYS, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') args.json = true;
    else if (arg === '-h' || arg === '--help') args.help = true;
    else if (arg === '--profile') {
      const value = argv[++i];
      if (value === undefined || value === '' || value.startsWith('--')) return '--profile needs a profile name';
      args.profile = value;
    } else if (arg === '--unused-days') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) return '--unused-days needs a whole number of days (1 or more)';
      args.unusedDays = value;
    } else return `unknown option '${arg.slice(0, 40)}'`;
  }
  return args;
}

/** Runs `aws-key-guard audit`; returns the exit code. */
export async function runAudit(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(`aws-key-guard audit: ${args}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  const loader = new ProfileFactsLoader({ env: io.env, homedir: awsHomeDirectory(io.env, os.homedir()) });
  const auditor = new ProfileAuditor(loader, { unusedDays: args.unusedDays });
  let audits: ProfileAudit[];
  try {
    if (args.profile !== undefined && !loader.readLocal().profiles.some((p) => p.name === args.profile)) {
      io.err(`aws-key-guard audit: no profile named '${args.profile.slice(0, 64)}' in ${loader.paths.credentialsFile} or ${loader.paths.configFile}`);
      return 2;
    }
    ({ audits } = await auditor.auditAll({ only: args.profile }));
  } catch (error) {
    if (!(error instanceof CredentialsFileError)) throw error;
    io.err(`aws-key-guard audit: ${error.message}`);
    return 2;
  }
  io.out(args.json ? JSON.stringify(audits.map(auditJson), null, 2) : toText(audits));
  return 0;
}

function keyText(audit: ProfileAudit): string {
  if (audit.keys.length === 0) return '-';
  return audit.keys.map((k) => `${maskKeyId(k.accessKeyId).replace(/\*+/, '…')} ${k.lastUsedDays === null ? 'never used' : `used ${k.lastUsedDays}d ago`}`).join(', ');
}

const yesNo = (value: boolean | null, yes: string, no: string) => (value === null ? '?' : value ? yes : no);

/** A table, then each profile's problems. */
function toText(audits: ProfileAudit[]): string {
  if (audits.length === 0) return 'No profiles found.';
  const header = ['PROFILE', 'KIND', 'ADMIN', 'MFA', 'KEYS', 'FINDINGS'];
  const rows = audits.map((a) => {
    const iam = a.kind === 'iam-user';
    return [a.profile, a.kind, iam ? yesNo(a.admin, 'admin', 'no') : '-', iam ? yesNo(a.mfaEnabled, 'yes', 'no') : '-', keyText(a), findingLabels(a).join(' · ') || '-'];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const lines = [line(header), ...rows.map(line)];
  const details = audits.filter((a) => a.problems.length > 0).flatMap((a) => ['', `${a.profile}:`, ...a.problems.map((p) => `  [${p.step}] ${p.message}`)]);
  return [...lines, ...details].join('\n');
}
