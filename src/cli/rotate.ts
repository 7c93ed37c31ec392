/**
 * `aws-key-guard rotate`: rotate a profile's access key from a terminal or a script.
 * Exit codes: 0 done; 1 refused or failed with nothing changed; 2 usage; 3 failed with a partial
 * state, described on stderr. Key ids are printed masked; no secret is ever printed.
 */
import * as os from 'node:os';
import { awsHomeDirectory, sharedFilePaths } from '../core/credentials';
import { maskKeyId } from '../core/keys';
import { redactSecrets } from '../core/redact';
import {
  defaultJournalPath,
  finishInterruptedRotation,
  inspectJournal,
  LifecycleError,
  lowerCaseKeyNames,
  rotateProfileKey,
  RotationJournal,
  type ConfirmationRequest,
  type LifecycleDeps,
  type RetireAction,
  type RotationEvent,
  type RotationStep,
} from '../core/rotation';
import type { CliIo } from './main';
import { confirmOnTerminal, mfaCodeSource } from './prompt';

const USAGE = `Usage: aws-key-guard rotate --profile NAME [options]
       aws-key-guard rotate --recover [--yes]
       aws-key-guard rotate --lowercase-keys --profile NAME

Rotates the access key of a profile in your shared credentials file: creates a new key, writes it
into the file (only the key values change), verifies it, then deactivates or deletes the old key.

Options:
  --profile NAME           The profile to rotate
  --retire deactivate|delete
                           What to do with the old key once the new one works (default: deactivate)
  --yes                    Answer yes to confirmations (for scripts); without a terminal and without
                           --yes, a rotation that needs a confirmation is refused
  --delete-other-key       When the user already has two keys and the other one is ACTIVE (unused by
                           any local profile), allow deleting it without a terminal
  --mfa-code CODE          The current code of your MFA device, when IAM requires MFA
  --mfa-serial ARN         The MFA device's serial (default: the profile's mfa_serial, or IAM's list)
  --recover                Finish or undo a rotation that was interrupted (crash, killed process)
  --lowercase-keys         Only lower-case the profile's key names (AWS_ACCESS_KEY_ID → aws_access_key_id)
                           in both files, so that tools built on the AWS SDK for JavaScript read them;
                           nothing else changes and nothing is rotated

Environment: AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE, AWS_KEY_GUARD_JOURNAL (journal path).`;

const STEP_NUMBERS: Record<RotationStep, string> = { preflight: '1/6', mfa: '2/6', create: '3/6', write: '4/6', verify: '5/6', retire: '6/6' };

interface RotateArgs {
  profile?: string;
  retire: RetireAction;
  yes: boolean;
  deleteOtherKey: boolean;
  mfaCode?: string;
  mfaSerial?: string;
  recover: boolean;
  lowercaseKeys: boolean;
  help: boolean;
}

function parseArgs(argv: string[]): RotateArgs | string {
  const args: RotateArgs = { retire: 'deactivate', yes: false, deleteOtherKey: false, recover: false, lowercaseKeys: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--profile':
        args.profile = value();
        if (!args.profile) return '--profile needs a profile name';
        break;
      case '--retire': {
        const v = value();
        if (v !== 'deactivate' && v !== 'delete') return '--retire must be "deactivate" or "delete"';
        args.retire = v;
        break;
      }
      case '--mfa-code':
        args.mfaCode = value();
        if (!args.mfaCode || !/^\d{6}$/.test(args.mfaCode)) return '--mfa-code needs the 6-digit code of your MFA device';
        break;
      case '--mfa-serial':
        args.mfaSerial = value();
        if (!args.mfaSerial) return '--mfa-serial needs the device ARN';
        break;
      case '--yes':
      case '-y':
        args.yes = true;
        break;
      case '--delete-other-key':
        args.deleteOtherKey = true;
        break;
      case '--recover':
        args.recover = true;
        break;
      case '--lowercase-keys':
        args.lowercaseKeys = true;
        break;
      case '-h':
      case '--help':
        args.help = true;
        break;
      default:
        // Never echo a value: a pasted secret would end up on the terminal, in CI logs.
        return /^--?[A-Za-z][A-Za-z-]*$/.test(flag) ? `unknown option '${redactSecrets(flag)}'` : 'unexpected argument (not shown, in case it is a secret)';
    }
  }
  if (!args.help && !args.recover && !args.profile) return '--profile is required';
  return args;
}

/** Runs `aws-key-guard rotate`; returns the exit code. */
export async function runRotate(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.err(redactSecrets(`aws-key-guard rotate: ${args}\n\n${USAGE}`));
    return 2;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  const out = (text: string) => io.out(redactSecrets(text));
  const err = (text: string) => io.err(redactSecrets(text));
  const home = awsHomeDirectory(io.env, os.homedir());
  const files = sharedFilePaths(io.env, home);
  const journal = new RotationJournal(defaultJournalPath(io.env, home));
  if (args.lowercaseKeys) return lowerCaseKeys(files, args.profile!, out, err);

  const confirm = async (request: ConfirmationRequest): Promise<boolean> => {
    out(`${request.message}\n  ${request.detail}`);
    if (request.kind === 'delete-other-key' && request.explicit && args.deleteOtherKey) return true;
    if (args.yes && !request.explicit) return true;
    if (!io.prompt) {
      // Every question comes before anything changes, so refusing here leaves AWS and the file as they were.
      throw new LifecycleError(
        request.explicit
          ? `Refused: this needs a person to confirm (run it in a terminal${request.kind === 'delete-other-key' ? ', or pass --delete-other-key' : ''}). Nothing was changed.`
          : 'Refused: confirmation needed; run it in a terminal or pass --yes. Nothing was changed.',
        'unchanged',
      );
    }
    return confirmOnTerminal(io.prompt, request);
  };
  const askMfaCode = mfaCodeSource(io, args.mfaCode);
  const onEvent = (event: RotationEvent) => (event.type === 'step' ? out(`[${STEP_NUMBERS[event.step]}] ${event.title}…`) : out(`      ${event.message}`));
  const deps: LifecycleDeps = { files, confirm, askMfaCode, mfaSerialNumber: args.mfaSerial, onEvent };

  try {
    let interrupted = inspectJournal(journal, files);
    if (args.recover) return await recover(interrupted, journal, deps, out, err);
    interrupted = interrupted.filter((i) => i.entry.profile !== args.profile);
    for (const other of interrupted) err(`Note: ${other.message} Run 'aws-key-guard rotate --recover'.`);
    const result = await rotateProfileKey({ profile: args.profile!, retire: args.retire }, { ...deps, journal });
    const also = result.updatedProfiles.length > 1 ? ` (also in ${result.updatedProfiles.slice(1).map((p) => `"${p}"`).join(', ')})` : '';
    out(
      `Rotated profile "${result.profile}": it now uses the new key ${maskKeyId(result.newAccessKeyId)}${also}; the old key ${maskKeyId(result.oldAccessKeyId)} was ${result.retired === 'delete' ? 'deleted' : 'deactivated'}.` +
        (result.retired === 'deactivate' ? ' Delete it once nothing broke (Delete Deactivated Key in the editor, or the IAM console).' : ''),
    );
    return 0;
  } catch (error) {
    return report(error, err);
  }
}

function lowerCaseKeys(files: LifecycleDeps['files'], profile: string, out: (t: string) => void, err: (t: string) => void): number {
  try {
    const changed = lowerCaseKeyNames(files, profile);
    if (changed.length === 0) out(`The key names of profile "${profile}" are lower-case already; nothing was changed.`);
    for (const c of changed) out(`Lower-cased ${c.names.join(', ')} of profile "${profile}" in ${c.path}.`);
    return 0;
  } catch (error) {
    return report(error, err);
  }
}

async function recover(
  interrupted: ReturnType<typeof inspectJournal>,
  journal: RotationJournal,
  deps: LifecycleDeps,
  out: (t: string) => void,
  err: (t: string) => void,
): Promise<number> {
  if (interrupted.length === 0) {
    out('No interrupted rotation to recover.');
    return 0;
  }
  let code = 0;
  for (const item of interrupted) {
    const accepted = await deps.confirm({ kind: 'delete-key', message: item.message, detail: `Recommended action: ${item.action}.`, acceptLabel: 'Proceed', explicit: false });
    if (!accepted) {
      code = Math.max(code, 1);
      continue;
    }
    try {
      out(await finishInterruptedRotation(item, journal, deps));
    } catch (error) {
      code = Math.max(code, report(error, err));
    }
  }
  return code;
}

function report(error: unknown, err: (t: string) => void): number {
  if (error instanceof LifecycleError) {
    err(`aws-key-guard rotate: ${error.message}`);
    return error.state === 'unchanged' ? 1 : 3;
  }
  err(`aws-key-guard rotate: unexpected failure (${error instanceof Error ? error.message : String(error)}). Check the profile's keys in the IAM console and the credentials file.`);
  return 3;
}
