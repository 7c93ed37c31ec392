/**
 * Reads the listed files and runs the detector on each. Binary files (a NUL byte in the first
 * 8 KB) and files over the size limit are skipped, except PKCS#12 key stores (.p12, .pfx), which
 * are binary and a finding in themselves; unreadable files are recorded and the scan goes on.
 * Reads are synchronous on purpose: measured on a 7 MB tree of 700 files, promise-based reads
 * with 16 in flight took 5-10x longer than plain sync reads (each async step is a thread-pool round
 * trip, and detection is CPU-bound on this thread anyway).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectSecrets, isPathIgnored, isPkcs12Path, isSuppressed, pkcs12Finding, type Finding, type IgnoreList } from '../detect';
import { describeError } from './walk';

const BINARY_SNIFF_BYTES = 8192;

/** A `.awskeyguardignore` and the folder its globs are relative to. */
export interface IgnoreScope {
  dir: string;
  list: IgnoreList;
}

export interface FileFinding extends Finding {
  /** Absolute path of the file. */
  file: string;
}

export interface ScanStats {
  filesScanned: number;
  skippedBinary: number;
  skippedLarge: number;
  skippedIgnored: number;
}

export interface ScanOutcome {
  findings: FileFinding[];
  errors: Array<{ path: string; message: string }>;
  stats: ScanStats;
}

function scopesFor(scopes: IgnoreScope[], file: string): Array<{ scope: IgnoreScope; rel: string }> {
  const out: Array<{ scope: IgnoreScope; rel: string }> = [];
  for (const scope of scopes) {
    const rel = path.relative(scope.dir, file);
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) out.push({ scope, rel });
  }
  return out;
}

function readText(file: string, maxFileSize: number): string | 'binary' | 'large' {
  if (fs.statSync(file).size > maxFileSize) return 'large';
  const buf = fs.readFileSync(file);
  if (buf.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return 'binary';
  const text = buf.toString('utf8');
  // Editors hide the BOM; dropping it keeps our columns equal to theirs.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The finding for a PKCS#12 file (none when it is empty), fingerprinted by content. */
function pkcs12Findings(file: string): Finding[] {
  const finding = pkcs12Finding(fs.readFileSync(file));
  return finding ? [finding] : [];
}

/** Scans `files`, applying the ignore scopes (path globs before reading, fingerprints after). */
export function scanFiles(
  files: string[],
  options: { maxFileSize: number; includeExamples: boolean; ignoreScopes: IgnoreScope[] },
): ScanOutcome {
  const outcome: ScanOutcome = {
    findings: [],
    errors: [],
    stats: { filesScanned: 0, skippedBinary: 0, skippedLarge: 0, skippedIgnored: 0 },
  };
  for (const file of files) {
    const scopes = scopesFor(options.ignoreScopes, file);
    if (scopes.some(({ scope, rel }) => isPathIgnored(scope.list, rel))) {
      outcome.stats.skippedIgnored++;
      continue;
    }
    let text: string | 'binary' | 'large' | Finding[];
    try {
      // Checked before the binary skip, which would otherwise hide the key store.
      text = isPkcs12Path(file) ? pkcs12Findings(file) : readText(file, options.maxFileSize);
    } catch (err) {
      outcome.errors.push({ path: file, message: describeError(err) });
      continue;
    }
    if (text === 'binary') outcome.stats.skippedBinary++;
    else if (text === 'large') outcome.stats.skippedLarge++;
    else {
      outcome.stats.filesScanned++;
      const found = typeof text === 'string' ? detectSecrets(text, { includeExamples: options.includeExamples }) : text;
      for (const finding of found) {
        if (scopes.some(({ scope }) => isSuppressed(scope.list, finding))) continue;
        outcome.findings.push({ ...finding, file });
      }
    }
  }
  outcome.findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.line - b.range.line || a.range.startColumn - b.range.startColumn));
  outcome.errors.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return outcome;
}
