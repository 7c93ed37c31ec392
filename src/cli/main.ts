/**
 * `aws-key-guard`: the command-line face of the same core the extension uses.
 * Each subcommand lives in its own module and returns its exit code.
 */
import { isatty } from 'node:tty';
import { promptOnTerminal } from './prompt';
import { TOOL_VERSION } from './version';

const USAGE = `Usage: aws-key-guard <command> [options]

Commands:
  scan [paths...]      Find leaked AWS keys and other secrets (--format text|json|sarif)
                       (--staged: what the next commit adds; --history [range]: every commit)
  install-hook         Install a git pre-commit hook running 'scan --staged'
  profiles             List local AWS profiles with key age, last use and status
  rotate --profile P   Rotate a profile's access key through IAM
  audit                Least privilege and key hygiene of every profile (--json, --profile P)
  respond --key AKIA…  Respond to a leaked key: contain, investigate, eradicate, harden

Options:
  -v, --version        Print the version and exit

Run 'aws-key-guard <command> --help' for a command's options.`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Asks the user a question on a terminal; absent when there is none (scripts must pass flags). */
  prompt?: (question: string, opts?: { secret?: boolean }) => Promise<string>;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    // Each command is loaded only when it runs: `scan` in a pre-commit hook must not pay for the
    // AWS SDK that `rotate` and `profiles` pull in.
    case 'scan':
      return (require('./scan') as typeof import('./scan')).runScan(rest, io);
    case 'install-hook':
      return (require('./installHook') as typeof import('./installHook')).runInstallHook(rest, io);
    case 'rotate':
      return (require('./awsCommands') as typeof import('./awsCommands')).runRotate(rest, io);
    case 'profiles':
      return (require('./awsCommands') as typeof import('./awsCommands')).runProfiles(rest, io);
    case 'audit':
      return (require('./awsCommands') as typeof import('./awsCommands')).runAudit(rest, io);
    case 'respond':
      return (require('./awsCommands') as typeof import('./awsCommands')).runRespond(rest, io);
    case '-v':
    case '--version':
      io.out(TOOL_VERSION);
      return 0;
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      // Name the command only when it looks like one: a value typed in the wrong place may be a secret.
      io.err(`aws-key-guard: ${/^[a-z][a-z-]{0,30}$/.test(command) ? `unknown command '${command}'` : 'unknown command (not shown, in case it is a secret)'}\n\n${USAGE}`);
      return 2;
  }
}

if (require.main === module) {
  const io: CliIo = {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
    env: process.env,
    cwd: process.cwd(),
    // isatty, not process.stdin.isTTY: creating the stdin stream costs a scan ~4 ms it never uses.
    prompt: isatty(0) && isatty(2) ? promptOnTerminal : undefined,
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      // An unexpected error may quote its input (an SDK message, a line of a file): redact it.
      const { redactSecrets } = require('./redaction') as typeof import('./redaction');
      io.err(redactSecrets(`aws-key-guard: ${err instanceof Error ? err.message : String(err)}`));
      process.exitCode = 2;
    },
  );
}
