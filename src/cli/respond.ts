/**
 * `aws-key-guard respond`: respond to a leaked access key from a terminal or a script: contain,
 * investigate, eradicate, harden. Exit codes: 0 every step succeeded; 3 the key is contained (or
 * something changed) but a step failed; 1 nothing changed (no local profile of the key's account
 * can act, unknown key, declined); 2 usage. Only the key id the user typed is printed unmasked.
 */
import * as os from 'node:os';
import { awsHomeDirectory, sharedFilePaths } from '../core/credentials';
import { isAccessKeyId, isTemporaryKeyId } from '../core/keys';
import { redactSecrets } from '../core/redact';
import { renderTextReport, reportJson, respondToLeakedKey, type ResponseDeps, type ResponseReport } from '../core/response';
import { defaultJournalPath, LifecycleError, rotateProfileKey, RotationJournal, type ConfirmationRequest } from '../core/rotation';
import type { CliIo } from './main';
import { confirmOnTerminal, mfaCodeSource } from './prompt';

const USAGE = `Usage: aws-key-guard respond --key AKIA... [options]

Responds to a leaked access key as AWS recommends:
  1. contain: deactivate the key, and revoke sessions obtained with it (an inline policy on its
     user, ${'AWSKeyGuardRevokeOlderSessions'}, that denies sessions issued before now; this ends the
     user's other current sessions too; role sessions are not covered)
  2. investigate: CloudTrail event history of the key (90 days, its regions, keys it created)
  3. eradicate: rotate the local profile that holds it, or say who must replace it and offer to
     delete it
  4. harden: whether the key's user has MFA and administrator rights

Options:
  --key AKIA...            The leaked access key id (required)
  --profile NAME           Act as this local profile (default: a profile of the key's account
                           that may look the key up; the report says which)
  --region R               Also search CloudTrail in region R (repeatable)
  --yes                    Answer yes to the confirmation (deleting the key still needs a terminal)
  --no-revoke-sessions     Do not put the session-revoking policy
  --mfa-code CODE          The current code of your MFA device, when IAM requires MFA
  --json                   Print one JSON object: the user, each step, the events

Exit codes: 0 every step succeeded; 3 contained but a step failed; 1 nothing changed; 2 usage.`;

interface RespondArgs {
  key?: string;
  profile?: string;
  regions: string[];
  yes: boolean;
  revokeSessions: boolean;
  mfaCode?: string;
  json: boolean;
  help: boolean;
}

function parseArgs(argv: string[]): RespondArgs | string {
  const args: RespondArgs = { regions: [], yes: false, revokeSessions: true, json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--key': {
        const v = value()?.trim();
        if (!v || !isAccessKeyId(v) || isTemporaryKeyId(v)) return '--key needs a long-term access key id (AKIA followed by 16 characters)';
        args.key = v;
        break;
      }
      case '--profile':
        args.profile = value();
        if (!args.profile) return '--profile needs a profile name';
        break;
      case '--region': {
        const v = value();
        if (!v || !/^[a-z]{2}(?:-[a-z]+){1,3}-\d$/.test(v)) return '--region needs a region name such as eu-west-1';
        args.regions.push(v);
        break;
      }
      case '--mfa-code':
        args.mfaCode = value();
        if (!args.mfaCode || !/^\d{6}$/.test(args.mfaCode)) return '--mfa-code needs the 6-digit code of your MFA device';
        break;
      case '--yes':
      case '-y':
        args.yes = true;
        break;
      case '--no-revoke-sessions':
        args.revokeSessions = false;
        break;
      case '--json':
        args.json = true;
        break;
      case '-h':
      case '--help':
        args.help = true;
        break;
      default:
        return /^--?[A-Za-z][A-Za-z-]*$/.test(flag) ? `unknown option '${redactSecrets(flag)}'` : 'unexpected argument (not shown, in case it is a secret)';
    }
  }
  if (!args.help && !args.key) return '--key is required';
  return args;
}

/** The exit code of a finished response. */
export function exitCodeOf(report: ResponseReport): number {
  if (report.refusal && !report.changed) return 1;
  if (report.steps.every((s) => s.status !== 'failed')) return 0;
  return report.contained || report.changed ? 3 : 1;
}

/** Runs `aws-key-guard respond`; returns the exit code. */
export async function runRespond(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(redactSecrets(`aws-key-guard respond: ${args}\n\n${USAGE}`));
    return 2;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  // Progress and questions go to stderr with --json, so stdout holds exactly one object.
  const say = (text: string) => (args.json ? io.err(redactSecrets(text)) : io.out(redactSecrets(text)));
  const home = awsHomeDirectory(io.env, os.homedir());
  const files = sharedFilePaths(io.env, home);
  const confirm = async (request: ConfirmationRequest): Promise<boolean> => {
    say(`${request.message}\n${request.detail.replace(/^/gm, '  ')}`);
    if (args.yes && !request.explicit) return true;
    if (!io.prompt) {
      if (request.explicit) {
        say('  Not done: this needs a person to confirm (run it in a terminal).');
        return false;
      }
      throw new LifecycleError('Refused: confirmation needed; run it in a terminal or pass --yes. Nothing was changed.', 'unchanged');
    }
    return confirmOnTerminal(io.prompt, request);
  };
  const askMfaCode = mfaCodeSource(io, args.mfaCode);
  const journal = new RotationJournal(defaultJournalPath(io.env, home));
  // The one confirmation up front covers the rotation too; only its own explicit questions remain.
  const rotationConfirm = async (request: ConfirmationRequest) => (request.explicit ? confirm(request) : true);
  const deps: ResponseDeps = {
    files,
    confirm,
    askMfaCode,
    onEvent: (event) => say(event.type === 'step' ? `  ${event.title}…` : `      ${event.message}`),
    rotate: async (profile) => {
      const result = await rotateProfileKey({ profile, retire: 'deactivate' }, { files, confirm: rotationConfirm, askMfaCode, journal, onEvent: (e) => say(e.type === 'step' ? `  ${e.title}…` : `      ${e.message}`) });
      return { newAccessKeyId: result.newAccessKeyId };
    },
  };
  let report: ResponseReport;
  try {
    report = await respondToLeakedKey({ accessKeyId: args.key!, profile: args.profile, revokeSessions: args.revokeSessions, extraRegions: args.regions }, deps);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (args.json) io.out(JSON.stringify({ accessKeyId: args.key, error: redactSecrets(message) }, null, 2));
    io.err(redactSecrets(`aws-key-guard respond: ${message}`));
    return error instanceof LifecycleError && error.state === 'partial' ? 3 : 1;
  }
  if (args.json) io.out(redactSecretsExcept(JSON.stringify(reportJson(report), null, 2), args.key!));
  else io.out(redactSecretsExcept(renderTextReport(report), args.key!));
  return exitCodeOf(report);
}

/** Redacts secrets but keeps the key id the user typed: they know it, and need to match it. */
function redactSecretsExcept(text: string, typedKeyId: string): string {
  const marker = '\u0000TYPED-KEY\u0000';
  return redactSecrets(text.split(typedKeyId).join(marker)).split(marker).join(typedKeyId);
}
