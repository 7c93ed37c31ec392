/**
 * Rescanning part of a large document (the editor's case: a 100,000-line file where one line
 * changed). The result equals what detectSecrets would report for those lines on the whole text.
 */
import { CONTEXT_LINES, detectSecrets } from './detector';
import type { DetectOptions, Finding, SecretRange } from './types';

/** How far back to look for the BEGIN line of a private key block that a changed range may sit inside. */
const MAX_PRIVATE_KEY_LINES = 400;

function shift(range: SecretRange, by: number): SecretRange {
  return { ...range, line: range.line + by, endLine: range.endLine + by };
}

/** Start of an unterminated `-----BEGIN` block above `line`, if the range is inside one. */
function enclosingBlockStart(lines: readonly string[], line: number): number | undefined {
  for (let i = line - 1; i >= Math.max(0, line - MAX_PRIVATE_KEY_LINES); i--) {
    if (lines[i].includes('-----END ')) return undefined;
    if (lines[i].includes('-----BEGIN ')) return i;
  }
  return undefined;
}

/** End line of a private key block that begins in [from, to] but closes below `to`. */
function blockEndBelow(lines: readonly string[], from: number, to: number): number | undefined {
  let open = false;
  for (let i = from; i <= to; i++) {
    if (lines[i].includes('-----BEGIN ')) open = true;
    if (lines[i].includes('-----END ')) open = false;
  }
  if (!open) return undefined;
  for (let i = to + 1; i < Math.min(lines.length, to + MAX_PRIVATE_KEY_LINES); i++) {
    if (lines[i].includes('-----END ')) return i;
  }
  return undefined;
}

/**
 * Findings whose range starts on a line in [startLine, endLine] (0-based, inclusive), computed from
 * those lines plus CONTEXT_LINES of context on each side (and the start of an enclosing private key
 * block). The editor calls this with the changed lines and replaces its cached findings that start
 * in the range widened by CONTEXT_LINES, because pairing can change findings that far away:
 * `detectSecretsInLines(lines, changedStart - CONTEXT_LINES, changedEnd + CONTEXT_LINES)`.
 */
export function detectSecretsInLines(
  lines: readonly string[],
  startLine: number,
  endLine: number,
  options?: DetectOptions,
): Finding[] {
  const first = Math.max(0, startLine);
  const last = Math.min(lines.length - 1, endLine);
  if (last < first) return [];
  let from = Math.max(0, first - CONTEXT_LINES);
  from = enclosingBlockStart(lines, from) ?? from;
  let to = Math.min(lines.length - 1, last + CONTEXT_LINES);
  to = blockEndBelow(lines, from, to) ?? to;
  const text = lines.slice(from, to + 1).join('\n');
  return detectSecrets(text, options)
    .map((f) => ({
      ...f,
      range: shift(f.range, from),
      ...(f.pairedWith ? { pairedWith: { ...f.pairedWith, range: shift(f.pairedWith.range, from) } } : {}),
    }))
    .filter((f) => f.range.line >= first && f.range.line <= last);
}
