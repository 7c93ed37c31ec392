/**
 * Suppressions shared by the editor and the CLI, so a finding silenced in one never reappears in
 * the other: an inline marker comment, and the project's `.awskeyguardignore` file.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { Finding } from './types';

/**
 * Put this token in a comment on the finding's line or on the line above. Any comment syntax
 * works (`#`, `//`, `<!-- -->`, `--`): the detector only looks for the token.
 */
export const INLINE_IGNORE_MARKER = 'aws-key-guard-ignore';

/** Name of the project ignore file, read from the workspace folder or scan root. */
export const IGNORE_FILE_NAME = '.awskeyguardignore';

/** A parsed `.awskeyguardignore`: finding fingerprints and gitignore-style path globs. */
export interface IgnoreList {
  fingerprints: ReadonlySet<string>;
  /** Path globs, kept for display. */
  patterns: readonly string[];
  /** Matcher for the globs (gitignore semantics, paths relative to the ignore file's folder). */
  matcher: Ignore;
}

const FINGERPRINT_LINE = /^[0-9a-f]{16}$/;

/**
 * Parses ignore-file text. Each line is a 16-hex-digit fingerprint or a path glob; `#` starts a
 * comment (whole line, or after whitespace). To ignore a file whose name is 16 hex digits, write it
 * as `/name`.
 */
export function parseIgnoreFile(content: string): IgnoreList {
  const fingerprints = new Set<string>();
  const patterns: string[] = [];
  for (const rawLine of content.split(/\r?\n/)) {
    const line = rawLine.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    if (FINGERPRINT_LINE.test(line)) fingerprints.add(line);
    else patterns.push(line);
  }
  return { fingerprints, patterns, matcher: ignore().add(patterns) };
}

/** An ignore list that suppresses nothing. */
export function emptyIgnoreList(): IgnoreList {
  return parseIgnoreFile('');
}

/** Reads `<root>/.awskeyguardignore`; a missing file is an empty list, other errors propagate. */
export async function loadIgnoreFile(root: string): Promise<IgnoreList> {
  try {
    return parseIgnoreFile(await fs.readFile(path.join(root, IGNORE_FILE_NAME), 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyIgnoreList();
    throw err;
  }
}

/** Normalises a path relative to the ignore file's folder to the forward-slash form globs expect. */
function toGlobPath(relativePath: string): string {
  return relativePath.split(path.sep).join('/').replace(/^\.\//, '');
}

/** True when every finding in the file at `relativePath` is ignored by a path glob. */
export function isPathIgnored(list: IgnoreList, relativePath: string): boolean {
  if (list.patterns.length === 0) return false;
  const p = toGlobPath(relativePath);
  if (p === '' || p.startsWith('../') || path.isAbsolute(p)) return false;
  return list.matcher.ignores(p);
}

/** True when the finding is ignored by its fingerprint or by a glob matching its file. */
export function isSuppressed(list: IgnoreList, finding: Pick<Finding, 'fingerprint'>, relativePath?: string): boolean {
  if (list.fingerprints.has(finding.fingerprint)) return true;
  return relativePath !== undefined && isPathIgnored(list, relativePath);
}

/**
 * The line to append to `.awskeyguardignore` to silence a finding: its fingerprint and a comment
 * naming the rule and the masked value (never the secret), e.g.
 * `3f1c9a0b2d4e6f70  # aws-access-key-id AKIA************WXYZ`.
 */
export function ignoreLineFor(finding: Pick<Finding, 'fingerprint' | 'ruleId' | 'masked'>): string {
  const masked = finding.masked.replace(/[\r\n]/g, ' ');
  return `${finding.fingerprint}  # ${finding.ruleId} ${masked}`;
}
