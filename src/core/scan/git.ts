/**
 * Git-aware scans for the CLI: the staged version of the files a commit changes (`scan --staged`)
 * and the lines every commit of a history added (`scan --history`). Both read git's own output,
 * never the working copy, and run git with options that a repository's config cannot turn into
 * another program (no external diff, no textconv, no pager, fixed path prefixes).
 */
import type * as ChildProcess from 'node:child_process';
import * as path from 'node:path';
import type * as Readline from 'node:readline';
import type { Finding, SecretRange } from '../detect';
import { decodeText, emptyOutcome, recordSkip, scanText, scopesFor, sortOutcome, type IgnoreScope, type ScanOutcome } from './scanFiles';
import { isPathIgnored } from '../detect';

/** Loaded on first use: a plain `scan` of files never runs git, and this module costs ~3 ms to load. */
function childProcess(): typeof ChildProcess {
  return require('node:child_process') as typeof ChildProcess;
}

/** Options every git invocation gets: plain, prefixed, unquoted output, whatever the user's config says. */
const GIT_CONFIG = ['-c', 'core.quotePath=false', '-c', 'diff.noprefix=false', '-c', 'diff.mnemonicPrefix=false', '-c', 'color.ui=false'];
const DIFF_OPTIONS = ['--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/'];
const MAX_BUFFER = 1 << 30;

/** A git command failed; the message is git's first error line (it never holds file contents). */
export class GitError extends Error {}

function git(cwd: string, args: string[], input?: string): Buffer {
  const r = childProcess().spawnSync('git', [...GIT_CONFIG, ...args], { cwd, input, maxBuffer: MAX_BUFFER });
  if (r.error) throw new GitError(`cannot run git: ${r.error.message}`);
  if (r.status !== 0) throw new GitError(firstLine(r.stderr.toString('utf8')) || `git ${args[0]} failed`);
  return r.stdout;
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}

/** The root of the work tree that contains `cwd`. */
export function gitTopLevel(cwd: string): string {
  return git(cwd, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
}

/** Undoes git's C-style quoting of a path (`"a\\tb"`, octal bytes for non-ASCII). */
export function unquoteGitPath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text;
  const bytes: number[] = [];
  const escapes: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 1; i < text.length - 1; i++) {
    const c = text[i];
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = text[++i];
    if (next >= '0' && next <= '7') {
      bytes.push(parseInt(text.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(escapes[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Path of a `+++ b/path` line, or undefined for `/dev/null`. */
function newSidePath(line: string): string | undefined {
  const raw = line.slice(4).replace(/\t$/, '');
  const p = unquoteGitPath(raw);
  return p.startsWith('b/') ? p.slice(2) : undefined;
}

/** `@@ -a,b +c,d @@`: the new side's first line (1-based) and the counts of both sides. */
function parseHunkHeader(line: string): { oldCount: number; newStart: number; newCount: number } | undefined {
  const m = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
  if (!m) return undefined;
  return { oldCount: m[1] === undefined ? 1 : Number(m[1]), newStart: Number(m[2]), newCount: m[3] === undefined ? 1 : Number(m[3]) };
}

/** A file the index changes: its staged blob and the 1-based lines the staged diff adds or changes. */
export interface StagedFile {
  path: string;
  blob: string;
  addedLines: Set<number>;
}

/** The files the next commit adds or changes, with their staged blobs and added lines. */
export function stagedFiles(top: string): StagedFile[] {
  // Blob ids of the staged versions (NUL-separated: any file name survives).
  const raw = git(top, ['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--diff-filter=ACMT']).toString('utf8').split('\0');
  const files = new Map<string, StagedFile>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const fields = raw[i].split(' ');
    if (fields.length < 5 || fields[1] === '160000') continue; // a submodule has no blob here
    files.set(raw[i + 1], { path: raw[i + 1], blob: fields[3], addedLines: new Set() });
  }
  if (files.size === 0) return [];
  const patch = git(top, ['diff', '--cached', '-U0', '--no-renames', '--diff-filter=ACMT', ...DIFF_OPTIONS]).toString('utf8');
  let current: StagedFile | undefined;
  for (const line of patch.split('\n')) {
    if (line.startsWith('+++ ')) {
      const p = newSidePath(line);
      current = p === undefined ? undefined : files.get(p);
    } else if (line.startsWith('@@') && current) {
      const h = parseHunkHeader(line);
      if (h) for (let n = 0; n < h.newCount; n++) current.addedLines.add(h.newStart + n);
    }
  }
  return [...files.values()];
}

/** Reads blobs with one `git cat-file --batch`; blobs over `maxSize` are not read ('large'). */
function readBlobs(top: string, ids: string[], maxSize: number): Map<string, Buffer | 'large'> {
  const out = new Map<string, Buffer | 'large'>();
  const sizes = git(top, ['cat-file', '--batch-check'], ids.join('\n') + '\n').toString('utf8').split('\n');
  const wanted: string[] = [];
  for (const line of sizes) {
    const [id, type, size] = line.split(' ');
    if (type !== 'blob') continue;
    if (Number(size) > maxSize) out.set(id, 'large');
    else wanted.push(id);
  }
  if (wanted.length === 0) return out;
  const data = git(top, ['cat-file', '--batch'], wanted.join('\n') + '\n');
  let at = 0;
  while (at < data.length) {
    const eol = data.indexOf(10, at);
    if (eol < 0) break;
    const [id, type, size] = data.subarray(at, eol).toString('utf8').split(' ');
    if (type === undefined || size === undefined) {
      at = eol + 1; // "<id> missing"
      continue;
    }
    const len = Number(size);
    out.set(id, data.subarray(eol + 1, eol + 1 + len));
    at = eol + 1 + len + 1;
  }
  return out;
}

function touches(range: SecretRange, lines: Set<number>): boolean {
  for (let l = range.line; l <= range.endLine; l++) if (lines.has(l + 1)) return true;
  return false;
}

export interface GitScanOptions {
  maxFileSize: number;
  includeExamples: boolean;
  ignoreScopes: IgnoreScope[];
}

function pathIgnored(scopes: IgnoreScope[], file: string): boolean {
  return scopesFor(scopes, file).some(({ scope, rel }) => isPathIgnored(scope.list, rel));
}

/**
 * Scans the staged version of every file the index adds or changes and keeps the findings on
 * lines the staged diff adds or changes: a secret in an untouched line does not block the commit.
 * Findings carry the absolute path and the line of the staged version.
 */
export function scanStaged(cwd: string, options: GitScanOptions): ScanOutcome {
  const top = gitTopLevel(cwd);
  const outcome = emptyOutcome();
  const files = stagedFiles(top).filter((f) => {
    if (!pathIgnored(options.ignoreScopes, path.join(top, f.path))) return true;
    outcome.stats.skippedIgnored++;
    return false;
  });
  const blobs = readBlobs(top, [...new Set(files.map((f) => f.blob))], options.maxFileSize);
  for (const f of files) {
    const file = path.join(top, f.path);
    const blob = blobs.get(f.blob);
    if (blob === undefined) outcome.errors.push({ path: file, message: 'staged content not found' });
    else if (blob === 'large') recordSkip(outcome, file, 'large', options.maxFileSize);
    else if (f.addedLines.size > 0) {
      scanText(outcome, file, decodeText(blob), {
        includeExamples: options.includeExamples,
        scopes: scopesFor(options.ignoreScopes, file),
        keep: (finding) => touches(finding.range, f.addedLines),
      });
    }
  }
  sortOutcome(outcome);
  return outcome;
}

/** One hunk of a commit's patch: the new side's lines (context and added) from `newStart`. */
interface Hunk {
  newStart: number;
  lines: string[];
  added: Set<number>;
}

/**
 * Scans the lines every commit reachable from HEAD (or in `range`) added, streaming one
 * `git log -p --reverse` process. Each hunk is scanned with its context lines (so a name one line
 * above a value still counts) and only findings on added lines are kept; a secret (same rule and
 * value) is reported once, at the oldest commit that added it.
 */
export async function scanHistory(cwd: string, range: string | undefined, options: GitScanOptions): Promise<ScanOutcome> {
  const top = gitTopLevel(cwd);
  const outcome = emptyOutcome();
  const seen = new Set<string>();
  const seenSkips = new Set<string>();
  const args = [
    ...GIT_CONFIG,
    'log',
    '-p',
    '--reverse',
    '--no-show-signature',
    '--format=%x01%H %aI',
    '-U3',
    ...DIFF_OPTIONS,
    '--end-of-options',
    ...(range ? [range] : []),
    '--',
  ];
  const child = childProcess().spawn('git', args, { cwd: top, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    if (stderr.length < 4096) stderr += d;
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });

  let commit = '';
  let authorDate = '';
  let file: string | undefined;
  let hunk: Hunk | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  let hunkBytes = 0;

  const finishHunk = (): void => {
    if (!hunk || file === undefined) return;
    const h = hunk;
    hunk = undefined;
    if (h.added.size === 0) return;
    const abs = path.join(top, file);
    if (hunkBytes > options.maxFileSize) {
      if (!seenSkips.has(abs)) {
        seenSkips.add(abs);
        recordSkip(outcome, abs, 'large', options.maxFileSize);
      }
      return;
    }
    const before = outcome.findings.length;
    scanText(outcome, abs, h.lines.join('\n'), {
      includeExamples: options.includeExamples,
      scopes: scopesFor(options.ignoreScopes, abs),
      keep: (f) => touches(f.range, h.added) && !seen.has(f.fingerprint),
      extra: { commit, authorDate },
    });
    outcome.stats.filesScanned--; // counted once per file below, not per hunk
    for (let i = before; i < outcome.findings.length; i++) {
      const f = outcome.findings[i];
      seen.add(f.fingerprint);
      shift(f, h.newStart - 1);
    }
  };

  const lines = (require('node:readline') as typeof Readline).createInterface({ input: child.stdout, crlfDelay: Infinity });
  for await (const line of lines) {
    if (hunk && (oldLeft > 0 || newLeft > 0)) {
      const c = line.charCodeAt(0);
      if (c === 43 /* + */) {
        hunk.lines.push(line.slice(1));
        hunk.added.add(hunk.lines.length);
        hunkBytes += line.length;
        newLeft--;
      } else if (c === 32 /* space */ || line === '') {
        hunk.lines.push(line.slice(1));
        hunkBytes += line.length;
        newLeft--;
        oldLeft--;
      } else if (c === 45 /* - */) oldLeft--;
      // "\ No newline at end of file" changes no count.
      continue;
    }
    finishHunk();
    if (line.charCodeAt(0) === 1) {
      const [sha, date] = line.slice(1).split(' ');
      commit = sha;
      authorDate = date ?? '';
      file = undefined;
    } else if (line.startsWith('diff --git ')) {
      file = undefined;
    } else if (line.startsWith('+++ ')) {
      file = newSidePath(line);
      if (file !== undefined) {
        if (pathIgnored(options.ignoreScopes, path.join(top, file))) {
          outcome.stats.skippedIgnored++;
          file = undefined;
        } else outcome.stats.filesScanned++;
      }
    } else if (line.startsWith('Binary files ') && line.endsWith(' differ')) {
      const m = / and (.*) differ$/.exec(line);
      const p = m ? unquoteGitPath(m[1]) : '';
      if (p.startsWith('b/')) {
        const abs = path.join(top, p.slice(2));
        if (!seenSkips.has(abs)) {
          seenSkips.add(abs);
          recordSkip(outcome, abs, 'binary', 0);
        }
      }
    } else if (line.startsWith('@@')) {
      // Every hunk is consumed, even one of an ignored file: its lines must never be read as headers.
      const h = parseHunkHeader(line);
      if (h) {
        hunk = { newStart: h.newStart, lines: [], added: new Set() };
        oldLeft = h.oldCount;
        newLeft = h.newCount;
        hunkBytes = 0;
      }
    }
  }
  finishHunk();
  const code = await exited;
  if (code !== 0) throw new GitError(firstLine(stderr) || `git log exited with ${code}`);
  // Findings stay in history order, oldest commit first.
  outcome.errors.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  outcome.skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return outcome;
}

/** Moves a finding found in a hunk to the lines of the file it belongs to. */
function shift(f: Finding, by: number): void {
  f.range = { ...f.range, line: f.range.line + by, endLine: f.range.endLine + by };
  if (f.pairedWith) f.pairedWith = { ...f.pairedWith, range: { ...f.pairedWith.range, line: f.pairedWith.range.line + by, endLine: f.pairedWith.range.endLine + by } };
}
