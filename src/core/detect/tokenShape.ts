/**
 * Helpers shared by the provider rules: sticky matching at an offset, building a finding, and the
 * "was this issued by a machine" test that keeps filler and placeholders out.
 */
import { maskSecret } from '../keys';
import type { RawFinding } from './raw';
import { charStats, isAlnum, looksLikePlaceholder } from './text';

/** Matches a sticky regex exactly at `offset` (never scanning ahead); the matched text or undefined. */
export function matchAt(re: RegExp, text: string, offset: number): string | undefined {
  re.lastIndex = offset;
  const m = re.exec(text);
  return m ? m[0] : undefined;
}

/** A finding for `value` starting at `start`, masked for display. */
export function finding(ruleId: string, start: number, value: string, confidence: RawFinding['confidence']): RawFinding {
  return { ruleId, start, end: start + value.length, value, masked: maskSecret(value), confidence };
}

/**
 * Random-looking enough to be issued, not typed by a human as filler, and not an identifier that
 * happens to follow a prefix (`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`: words, no digits).
 */
export function looksIssued(body: string): boolean {
  if (looksLikePlaceholder(body)) return false;
  const s = charStats(body);
  if (s.digits === 0 && looksLikeIdentifier(body)) return false;
  return s.distinct >= Math.min(10, Math.floor(body.length / 2)) && s.transitions >= Math.floor(body.length / 5);
}

const WORD = /[A-Z]?[a-z]{3,}/g;

/**
 * Mostly words of 3+ letters (`AutoModelFor…`, `createIssue…`): at least 80% of the characters.
 * Simulated on random 34-letter bodies (Hugging Face's shape), 0.08% of real tokens look like this.
 */
function looksLikeIdentifier(body: string): boolean {
  let inWords = 0;
  for (const m of body.matchAll(WORD)) inWords += m[0].length;
  return inWords * 5 >= body.length * 4;
}

/** Like {@link looksIssued} for lowercase hex bodies (Databricks, Shopify), which have fewer classes. */
export function looksIssuedHex(body: string): boolean {
  if (looksLikePlaceholder(body)) return false;
  const s = charStats(body);
  return s.distinct >= Math.min(10, Math.floor(body.length / 3)) && s.digits > 0 && s.lower + s.upper > 0;
}

/** True when the character before `start` cannot be part of the same token (letters, digits, `_`). */
export function standsAlone(text: string, start: number): boolean {
  if (start <= 0) return true;
  const c = text.charCodeAt(start - 1);
  if (c === 95) return false;
  if (!isAlnum(c)) return true;
  // `\n` or `\t` before a value inside a quoted string: the letter is an escape, not the token.
  return start >= 2 && text.charCodeAt(start - 2) === 92 && (c === 110 || c === 116 || c === 114);
}
