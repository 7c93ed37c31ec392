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
import { scanFiles, type IgnoreScope } from '../core/scan/scanFiles';
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

  const ignoreScopes: IgnoreScope[] = [];
  const scopeDirs = new Set([io.cwd, ...options.paths.map((p) => path.resolve(io.cwd, p))]);
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

  const listed = listScanFiles(options.paths, io.cwd, options.gitignore);
  const outcome = scanFiles(listed.files, {
    maxFileSize: options.maxFileSize,
    includeExamples: options.includeExamples,
    ignoreScopes,
  });
  const errors = [...listed.errors, ...outcome.errors];
  const displayPath = (file: string): string => path.relative(io.cwd, file).split(path.sep).join('/') || '.';
  const stats = { ...outcome.stats, skippedLinks: listed.skipped.length };
  const report: ReportInput = { findings: outcome.findings, errors, stats, displayPath };

  for (const e of errors) io.err(`aws-key-guard scan: cannot read ${displayPath(e.path)}: ${e.message}`);
  for (const s of listed.skipped) io.err(`aws-key-guard scan: skipped ${displayPath(s.path)}: ${s.reason}`);
  const text = options.format === 'json' ? formatJson(report) : options.format === 'sarif' ? formatSarif(report) : formatText(report);
  if (text !== '') io.out(text);

  const leaks = outcome.findings.filter((f) => f.kind !== 'example').length;
  const s = stats;
  const skipped = s.skippedBinary + s.skippedLarge + s.skippedIgnored + s.skippedLinks;
  if (options.format === 'text') {
    io.err(
      `aws-key-guard scan: ${leaks} secret${leaks === 1 ? '' : 's'} found in ${s.filesScanned} file${s.filesScanned === 1 ? '' : 's'}` +
        (skipped > 0
          ? ` (${skipped} skipped: ${s.skippedBinary} binary, ${s.skippedLarge} too large, ${s.skippedIgnored} ignored, ${s.skippedLinks} symbolic links)`
          : ''),
    );
  }
  if (leaks > 0) return 1;
  return errors.length > 0 ? 2 : 0;
}
