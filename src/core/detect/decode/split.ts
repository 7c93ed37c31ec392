/**
 * Secrets split into literal pieces: `"AKIA" + "…"` (also across lines), adjacent literals
 * (`"AKIA" "…"` in Python or C), `"".join([...])` / `[...].join('')` (comma-separated literals),
 * template literals with empty interpolations (`AKIA${''}…`), and char-code lists
 * (`String.fromCharCode(65, 75, …)`, `bytes([65, …])`). The pieces of one expression are joined
 * and the whole expression is the finding's span.
 */
import { DerivedBuilder, linePrefix, type DerivedText } from './derived';

/** Longest literal piece and longest expression considered; anything longer is not a split key. */
const MAX_LITERAL = 256;
const MAX_PIECES = 64;
const MIN_JOINED = 16;
// A start of a char-code list: four small numbers in a row (fixed length, no nesting).
const CHAR_CODES = /\b\d{2,3}, ?\d{2,3}, ?\d{2,3}, ?\d{2,3}\b/g;

/**
 * The first newline at or after a position, for positions that never decrease (literals are
 * visited left to right): one indexOf per line crossed, instead of reading every literal's characters.
 */
class NewlineCursor {
  private next = -2;

  constructor(private readonly text: string) {}

  from(at: number): number {
    if (this.next !== -1 && this.next < at) this.next = this.text.indexOf('\n', at);
    return this.next === -1 ? this.text.length : this.next;
  }
}

/** End (exclusive, after the closing quote) of the literal opening at `at`, or -1. */
function literalEnd(text: string, at: number, newlines: NewlineCursor): number {
  const q = text[at];
  const max = at + MAX_LITERAL;
  // Each search ends at the next quote of the same kind: over all quotes, every character is passed
  // at most once per kind, so the scan stays linear.
  let close = text.indexOf(q, at + 1);
  // A quote after an odd number of backslashes is escaped: look further.
  for (;;) {
    if (close === -1 || close > max) return -1;
    let slashes = 0;
    while (text.charCodeAt(close - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 0) break;
    close = text.indexOf(q, close + 1);
  }
  // Only a template literal may span lines.
  if (q !== '`' && newlines.from(at + 1) < close) return -1;
  return close + 1;
}

/** Skips what may sit between two pieces: blanks, newlines, `+`, `,`, a line continuation. */
function separatorEnd(text: string, at: number): number {
  const max = Math.min(text.length, at + 64);
  let i = at;
  let ops = 0;
  while (i < max) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else if ((c === 43 || c === 44 || c === 92) && ops === 0) {
      ops++;
      i++;
    } else break;
  }
  return i;
}

/** Adds a template literal's text, dropping empty interpolations (`${''}`, `${""}`, `${}`). */
function pushTemplate(b: DerivedBuilder, text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) === 36 && text.charCodeAt(i + 1) === 123) {
      const close = text.indexOf('}', i);
      if (close < 0 || close >= end) return false;
      const inner = text.slice(i + 2, close).trim();
      if (inner !== '' && inner !== "''" && inner !== '""') return false; // a real interpolation: not a literal
      i = close;
      continue;
    }
    b.push(text[i], i, i + 1);
  }
  return true;
}

/** The next quote (", ' or `) at or after `from`, or -1; one cursor per kind keeps the search linear. */
class QuoteCursor {
  private readonly next = [-2, -2, -2];

  constructor(private readonly text: string) {}

  from(at: number): number {
    let best = -1;
    for (let k = 0; k < 3; k++) {
      if (this.next[k] !== -1 && this.next[k] < at) this.next[k] = this.text.indexOf(QUOTE_CHARS[k], at);
      if (this.next[k] !== -1 && (best === -1 || this.next[k] < best)) best = this.next[k];
    }
    return best;
  }
}

const QUOTE_CHARS = ['"', "'", '`'];

function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

function literalTexts(text: string, out: DerivedText[]): void {
  const quotes = new QuoteCursor(text);
  const newlines = new NewlineCursor(text);
  for (let first = quotes.from(0); first !== -1; ) {
    const firstEnd = literalEnd(text, first, newlines);
    if (firstEnd < 0) {
      first = quotes.from(first + 1);
      continue;
    }
    // Searched inside the literal only (at most MAX_LITERAL long): a search to the end of the text per literal would be quadratic.
    const templated = text.charCodeAt(first) === 96 && text.slice(first, firstEnd).includes('${');
    // Most literals stand alone: decide that before allocating anything (a bundle holds 100,000s).
    if (!templated && !isQuote(text.charCodeAt(separatorEnd(text, firstEnd)))) {
      first = quotes.from(firstEnd);
      continue;
    }
    // Find the pieces first (cheap); build the joined text only for a real split.
    const pieces: Array<[number, number]> = [[first, firstEnd]];
    let end = firstEnd;
    while (pieces.length < MAX_PIECES) {
      const next = separatorEnd(text, end);
      if (!isQuote(text.charCodeAt(next))) break;
      const nextEnd = literalEnd(text, next, newlines);
      if (nextEnd < 0) break;
      pieces.push([next, nextEnd]);
      end = nextEnd;
    }
    const start = first;
    first = quotes.from(end);
    if ((pieces.length < 2 && !templated) || end - start < MIN_JOINED) continue;
    const b = new DerivedBuilder();
    let complete = true;
    for (const [s, e] of pieces) {
      if (text.charCodeAt(s) === 96) complete = pushTemplate(b, text, s + 1, e - 1);
      else for (let i = s + 1; i < e - 1; i++) b.push(text[i], i, i + 1);
      if (!complete) break;
    }
    if (b.length < MIN_JOINED) continue;
    out.push(b.build('split', linePrefix(text, start) + '"', '"\n'));
  }
}

function charCodeTexts(text: string, out: DerivedText[]): void {
  CHAR_CODES.lastIndex = 0;
  for (let m = CHAR_CODES.exec(text); m; m = CHAR_CODES.exec(text)) {
    const b = new DerivedBuilder();
    let i = m.index;
    const max = Math.min(text.length, i + MAX_LITERAL * 6);
    while (i < max) {
      let j = i;
      let v = 0;
      while (j < max && j - i < 3 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) v = v * 10 + text.charCodeAt(j++) - 48;
      if (j === i || v < 32 || v > 126) break;
      b.push(String.fromCharCode(v), i, j);
      let k = j;
      while (k < max && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 10 || text.charCodeAt(k) === 13)) k++;
      if (text.charCodeAt(k) !== 44) break;
      k++;
      while (k < max && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 10 || text.charCodeAt(k) === 13)) k++;
      i = k;
    }
    CHAR_CODES.lastIndex = Math.max(CHAR_CODES.lastIndex, i);
    if (b.length >= MIN_JOINED) out.push(b.build('split', linePrefix(text, m.index) + '"', '"\n'));
  }
}

/** Joined texts of the split literals and char-code lists in `text`. */
export function splitTexts(text: string): DerivedText[] {
  const out: DerivedText[] = [];
  literalTexts(text, out);
  charCodeTexts(text, out);
  return out;
}
