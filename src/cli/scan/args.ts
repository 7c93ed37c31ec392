/** Command-line options of `aws-key-guard scan`. */

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface ScanOptions {
  paths: string[];
  format: OutputFormat;
  maxFileSize: number;
  includeExamples: boolean;
  gitignore: boolean;
  /** Scan the index instead of the working copy, keeping only lines the staged diff adds or changes. */
  staged: boolean;
  /** Scan the lines every commit added; `historyRange` limits it to a revision range. */
  history: boolean;
  historyRange?: string;
}

/** Well past a 5 MiB minified bundle: the detector reads 100+ MB/s, so only true giants are skipped. */
export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;

export const SCAN_USAGE = `Usage: aws-key-guard scan [paths...] [options]
       aws-key-guard scan --staged [options]
       aws-key-guard scan --history [<rev-range>] [options]

Finds leaked AWS keys and other secrets in files and folders (default: the current folder).
Folders are scanned recursively; .gitignore rules are honoured, .git is skipped, and so are
binary files and files larger than --max-file-size. Secrets are never printed, only masked.

Options:
  --                         Every argument after this is a path, even one that starts with '-'
  --staged                   Scan what the next commit holds (the index), reporting only the lines
                             it adds or changes (for a pre-commit hook: see install-hook)
  --history [<rev-range>]    Scan the lines every commit reachable from HEAD (or in the range) added;
                             each secret is reported once, at the commit that introduced it
  --format text|json|sarif   Output format (default: text)
  --max-file-size SIZE       Skip larger files, e.g. 500KB, 10MB or bytes (default: 64MB)
  --include-examples         Also list AWS documentation example keys (they never fail the scan)
  --no-gitignore             Also scan files that .gitignore excludes
  -h, --help                 Show this help

Suppress a finding with an 'aws-key-guard-ignore' comment on its line or the line above, or
with its fingerprint or a path glob in .awskeyguardignore.

Exit status: 0 nothing found, 1 secrets found, 2 usage error or a file could not be read.`;

/** Thrown for bad arguments; the message is shown with the usage text. It never quotes a value. */
export class UsageError extends Error {}

/**
 * An unknown option is named only when it looks like an option name: anything else may be a secret
 * pasted in the wrong place, and must not reach a terminal or a CI log.
 */
export function describeUnknownOption(flag: string): string {
  return /^--?[A-Za-z][A-Za-z-]{0,30}$/.test(flag) ? `unknown option '${flag}'` : 'unknown option (not shown, in case it is a secret)';
}

/** Parses `5MB`, `500kb`, `1048576`. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(text.trim());
  if (!m) throw new UsageError('invalid size (use e.g. 500KB, 5MB or a number of bytes)');
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.floor(Number(m[1]) * factor);
}

/** Parses scan arguments; returns 'help' for -h/--help. */
export function parseScanArgs(args: string[]): ScanOptions | 'help' {
  const options: ScanOptions = {
    paths: [],
    format: 'text',
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    includeExamples: false,
    gitignore: true,
    staged: false,
    history: false,
  };
  let onlyPaths = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      options.paths.push(arg);
      continue;
    }
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--':
        onlyPaths = true;
        break;
      case '-h':
      case '--help':
        return 'help';
      case '--format': {
        const format = value();
        if (format !== 'text' && format !== 'json' && format !== 'sarif') {
          throw new UsageError('unknown format (use text, json or sarif)');
        }
        options.format = format;
        break;
      }
      case '--max-file-size':
        options.maxFileSize = parseSize(value());
        break;
      case '--include-examples':
        options.includeExamples = true;
        break;
      case '--no-gitignore':
        options.gitignore = false;
        break;
      case '--staged':
        options.staged = true;
        break;
      case '--history': {
        options.history = true;
        // The range is optional: `--history=R`, or the next argument when it is not an option.
        const next = inline ?? (args[i + 1] !== undefined && !args[i + 1].startsWith('-') && !onlyPaths ? args[++i] : undefined);
        if (next !== undefined) {
          if (next.startsWith('-') || next === '') throw new UsageError('--history takes a revision range such as main..HEAD');
          options.historyRange = next;
        }
        break;
      }
      default:
        throw new UsageError(describeUnknownOption(flag));
    }
  }
  if (options.staged && options.history) throw new UsageError('use either --staged or --history');
  if ((options.staged || options.history) && options.paths.length > 0) {
    throw new UsageError(`${options.staged ? '--staged' : '--history'} scans the whole repository: give no paths`);
  }
  if (options.paths.length === 0) options.paths.push('.');
  return options;
}
