/**
 * `aws-key-guard scan [paths...]`: lists files (honouring .gitignore), reads them,
 * runs the shared detector, applies the shared suppressions and prints text, JSON or SARIF.
 * Exit status: 0 clean, 1 secrets found, 2 usage error or unreadable input (when nothing was found).
 */
import * as path from 'node:path';
import { loadIgnoreFile } from '../core/detect';
import type { CliIo } from './main';
import { parseScanArgs, SCAN_USAGE, UsageError } from './scan/args';
import { formatJson, formatSarif, formatText, type ReportInput } from './scan/report';
import { GitError, gitTopLevel, scanHistory, scanStaged } from '../core/scan/git';
import { scanFiles, type IgnoreScope, type ScanOutcome, type SkippedFile } from '../core/scan/scanFiles';
import { describeError, listScanFiles } from '../core/scan/walk';

/** Runs the scan command; never throws for user or file-system errors, it returns exit code 2. */
export async function runScan(args: string[], io: CliIo): Promise<number> {
  let options;
  try {
    options = parseScanArgs(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`aws-key-guard scan: ${err.message}\n\n${SCAN_USAGE}`);
    return 2;
  }
  if (options === 'help') {
    io.out(SCAN_USAGE);
    return 0;
  }

  const gitMode = options.staged || options.history;
  let top: string | undefined;
  if (gitMode) {
    try {
      top = gitTopLevel(io.cwd);
    } catch (err) {
      if (!(err instanceof GitError)) throw err;
      io.err(`aws-key-guard scan: ${options.staged ? '--staged' : '--history'} needs a git repository: ${err.message}`);
      return 2;
    }
  }

  const ignoreScopes: IgnoreScope[] = [];
  const scopeDirs = gitMode ? new Set([io.cwd, top!]) : new Set([io.cwd, ...options.paths.map((p) => path.resolve(io.cwd, p))]);
  for (const dir of scopeDirs) {
    try {
      ignoreScopes.push({ dir, list: await loadIgnoreFile(dir) });
    } catch (err) {
      // ENOTDIR: the path is a file, which has no ignore file of its own.
      if ((err as NodeJS.ErrnoException).code !== 'ENOTDIR') {
        io.err(`aws-key-guard scan: cannot read ${path.join(dir, '.awskeyguardignore')}: ${describeError(err)}`);
        return 2;
      }
    }
  }

  const scanOptions = { maxFileSize: options.maxFileSize, includeExamples: options.includeExamples, ignoreScopes };
  let outcome: ScanOutcome;
  let listed: { errors: ScanOutcome['errors']; skipped: SkippedFile[] } = { errors: [], skipped: [] };
  try {
    if (options.staged) outcome = scanStaged(io.cwd, scanOptions);
    else if (options.history) outcome = await scanHistory(io.cwd, options.historyRange, scanOptions);
    else {
      const walked = listScanFiles(options.paths, io.cwd, options.gitignore);
      listed = walked;
      outcome = scanFiles(walked.files, scanOptions);
    }
  } catch (err) {
    if (!(err instanceof GitError)) throw err;
    // git's message names a revision or a path at most, never file contents.
    io.err(`aws-key-guard scan: git failed: ${err.message}`);
    return 2;
  }
  const errors = [...listed.errors, ...outcome.errors];
  const displayPath = (file: string): string => path.relative(io.cwd, file).split(path.sep).join('/') || '.';
  const stats = { ...outcome.stats, skippedLinks: listed.skipped.length };
  const skipped = [...listed.skipped, ...outcome.skipped];
  const report: ReportInput = { findings: outcome.findings, errors, skipped, stats, displayPath };

  for (const e of errors) io.err(`aws-key-guard scan: cannot read ${displayPath(e.path)}: ${e.message}`);
  // Binary files are only counted (there are many and they cannot hold text); every other skip is named.
  for (const s of skipped) if (s.reason !== 'binary file') io.err(`aws-key-guard scan: skipped ${displayPath(s.path)}: ${s.reason}`);
  const text = options.format === 'json' ? formatJson(report) : options.format === 'sarif' ? formatSarif(report) : formatText(report);
  if (text !== '') io.out(text);

  const leaks = outcome.findings.filter((f) => f.kind !== 'example').length;
  const s = stats;
  const skippedCount = s.skippedBinary + s.skippedLarge + s.skippedIgnored + s.skippedLinks;
  if (options.format === 'text') {
    io.err(
      `aws-key-guard scan: ${leaks} secret${leaks === 1 ? '' : 's'} found in ${s.filesScanned} file${s.filesScanned === 1 ? '' : 's'}` +
        (skippedCount > 0
          ? ` (${skippedCount} skipped: ${s.skippedBinary} binary, ${s.skippedLarge} too large, ${s.skippedIgnored} ignored, ${s.skippedLinks} symbolic links)`
          : ''),
    );
  }
  if (leaks > 0) return 1;
  return errors.length > 0 ? 2 : 0;
}
