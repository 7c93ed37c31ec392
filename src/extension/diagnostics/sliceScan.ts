/**
 * One slice of the workspace scan, without blocking the extension host: small files are read and
 * scanned here (a few milliseconds each), files over SYNC_SCAN_LIMIT (a minified bundle, a log) are
 * read asynchronously and scanned on the detector's worker thread. Files over the size setting are
 * listed as skipped with the setting's name, never dropped silently. No `vscode` import: unit-tested
 * under plain mocha with the real worker.
 */
import * as fs from 'node:fs';
import { isPathIgnored, isPkcs12Path, isSuppressed, type DetectOptions, type Finding } from '../../core/detect';
import { describeError } from '../../core/scan/walk';
import { decodeText, emptyOutcome, scanFiles, scopesFor, sortOutcome, type IgnoreScope, type ScanOutcome } from '../../core/scan/scanFiles';

/** What the slice scan needs of the off-thread detector (core/detect/offThread.ts). */
export interface Detector {
  detect(text: string, options?: DetectOptions): Promise<Finding[]>;
}

export interface SliceOptions {
  maxFileSize: number;
  includeExamples: boolean;
  ignoreScopes: IgnoreScope[];
  /** Files larger than this go to the worker thread. */
  syncLimit: number;
  /** Checked before each file sent to the worker: a slice of big files can take seconds. */
  cancelled?: () => boolean;
}

/** The reason shown for a file over the size setting (the CLI names its flag instead). */
export function tooLargeReason(maxFileSize: number): string {
  return `larger than awsKeyGuard.scan.maxFileSizeKB (${Math.floor(maxFileSize / 1024)} KB)`;
}

function sizeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).size;
  } catch {
    return undefined; // scanFiles records why it cannot be read
  }
}

/** Scans `files`: large ones on the worker thread, one at a time, the rest on this thread. */
export async function scanSlice(files: string[], options: SliceOptions, detector: Detector): Promise<ScanOutcome> {
  const outcome = emptyOutcome();
  const here: string[] = [];
  for (const file of files) {
    const size = sizeOf(file);
    const scopes = scopesFor(options.ignoreScopes, file);
    if (size === undefined || isPkcs12Path(file) || scopes.some(({ scope, rel }) => isPathIgnored(scope.list, rel))) {
      here.push(file);
    } else if (size > options.maxFileSize) {
      outcome.stats.skippedLarge++;
      outcome.skipped.push({ path: file, reason: tooLargeReason(options.maxFileSize) });
    } else if (size <= options.syncLimit) {
      here.push(file);
    } else if (!options.cancelled?.()) {
      await scanOffThread(outcome, file, options.includeExamples, scopes.map(({ scope }) => scope), detector);
    }
  }
  const rest = scanFiles(here, options);
  outcome.findings.push(...rest.findings);
  outcome.errors.push(...rest.errors);
  outcome.skipped.push(...rest.skipped);
  for (const key of Object.keys(rest.stats) as Array<keyof ScanOutcome['stats']>) outcome.stats[key] += rest.stats[key];
  sortOutcome(outcome);
  return outcome;
}

async function scanOffThread(outcome: ScanOutcome, file: string, includeExamples: boolean, scopes: IgnoreScope[], detector: Detector): Promise<void> {
  let findings: Finding[];
  try {
    const text = decodeText(await fs.promises.readFile(file));
    if (text === 'binary') {
      outcome.stats.skippedBinary++;
      outcome.skipped.push({ path: file, reason: 'binary file' });
      return;
    }
    findings = await detector.detect(text, { includeExamples });
  } catch (err) {
    outcome.errors.push({ path: file, message: describeError(err) });
    return;
  }
  outcome.stats.filesScanned++;
  for (const finding of findings) if (!scopes.some((scope) => isSuppressed(scope.list, finding))) outcome.findings.push({ ...finding, file });
}
