/**
 * Low-level text helpers shared by the rules: a line index (so offsets become line/column without
 * rescanning), character classes as lookup tables, and base64 run extraction. Everything here is
 * O(length of the part of the text it is asked about), never O(whole text) per call.
 */

/** Where an offset sits: its 0-based line, and the bounds of that line and the one above. */
export interface LinePosition {
  line: number;
  lineStart: number;
  /** Start of the previous line (0 on the first line). */
  previousLineStart: number;
  /** Offset just past the line's content, excluding `\n` and a `\r` before it. */
  lineEnd: number;
}

/**
 * Turns offsets into line positions. Line starts are recorded lazily, only as far as the largest
 * offset asked about, with native indexOf; earlier offsets are found by binary search. Texts with
 * no anchors never build it, and a huge single line costs one search.
 */
export class LineCursor {
  // A typed array grown by doubling: a plain array of 200,000 line starts cost more in garbage
  // collection than finding the newlines did (measured on the bench's 10 MB of source). Allocated
  // at the first newline crossed: a cursor is made per text, decoded values included, and most of
  // those are one line (an ArrayBuffer per cursor cost more than the decoding).
  private starts: Int32Array | undefined;
  private count = 1; // line 0 starts at 0
  private nextNewline: number;

  constructor(private readonly text: string) {
    this.nextNewline = text.indexOf('\n');
  }

  locate(offset: number): LinePosition {
    while (this.nextNewline !== -1 && this.nextNewline < offset) {
      if (!this.starts || this.count === this.starts.length) this.grow();
      this.starts![this.count++] = this.nextNewline + 1;
      this.nextNewline = this.text.indexOf('\n', this.nextNewline + 1);
    }
    let line = this.count - 1;
    if (this.startOf(line) > offset) {
      let lo = 0;
      let hi = line;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (this.startOf(mid) <= offset) lo = mid;
        else hi = mid - 1;
      }
      line = lo;
    }
    const lineStart = this.startOf(line);
    let lineEnd = line + 1 < this.count ? this.startOf(line + 1) - 1 : this.nextNewline === -1 ? this.text.length : this.nextNewline;
    if (lineEnd > lineStart && this.text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    return { line, lineStart, previousLineStart: this.startOf(Math.max(0, line - 1)), lineEnd };
  }

  private startOf(line: number): number {
    return line === 0 ? 0 : this.starts![line];
  }

  private grow(): void {
    const grown = new Int32Array(this.starts ? this.starts.length * 2 : 64);
    if (this.starts) grown.set(this.starts);
    this.starts = grown;
  }
}

/** Start of the line holding `offset`, looking back at most `maxBack` characters. */
export function localLineStart(text: string, offset: number, maxBack: number): number {
  const limit = Math.max(0, offset - maxBack);
  for (let i = offset - 1; i >= limit; i--) if (text.charCodeAt(i) === 10) return i + 1;
  return limit;
}

/** End of the line holding `offset` (before `\r\n`), looking ahead at most `maxAhead` characters. */
export function localLineEnd(text: string, offset: number, maxAhead: number): number {
  const limit = Math.min(text.length, offset + maxAhead);
  for (let i = offset; i < limit; i++) {
    if (text.charCodeAt(i) === 10) return i > offset && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
  }
  return limit;
}

/** Start of the line `count` lines above `offset`'s line, looking back at most `maxBack` characters. */
export function startOfLinesAbove(text: string, offset: number, count: number, maxBack: number): number {
  const limit = Math.max(0, offset - maxBack);
  let seen = 0;
  for (let i = offset - 1; i >= limit; i--) {
    if (text.charCodeAt(i) === 10 && ++seen > count) return i + 1;
  }
  return limit;
}

/** End of the line `count` lines below `offset`'s line, looking ahead at most `maxAhead` characters. */
export function endOfLinesBelow(text: string, offset: number, count: number, maxAhead: number): number {
  const limit = Math.min(text.length, offset + maxAhead);
  let seen = 0;
  for (let i = offset; i < limit; i++) {
    if (text.charCodeAt(i) === 10 && ++seen > count) return i > offset && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
  }
  return limit;
}

function table(chars: string, ranges: Array<[string, string]> = []): Uint8Array {
  const t = new Uint8Array(128);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  for (const [a, b] of ranges) for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) t[c] = 1;
  return t;
}

const ALNUM = table('', [['A', 'Z'], ['a', 'z'], ['0', '9']]);
const BASE64 = table('+/', [['A', 'Z'], ['a', 'z'], ['0', '9']]);

/** True for A-Z a-z 0-9. */
export function isAlnum(code: number): boolean {
  return code < 128 && ALNUM[code] === 1;
}

/** True for the standard base64 alphabet without padding (A-Z a-z 0-9 + /). */
export function isBase64Char(code: number): boolean {
  return code < 128 && BASE64[code] === 1;
}

/**
 * True when the character before `offset` ends a token: start of text, a non-alphanumeric
 * character, or an escape such as `\n` inside a quoted string (the `n` is not part of the value).
 */
export function startsToken(text: string, offset: number): boolean {
  if (offset === 0) return true;
  const prev = text.charCodeAt(offset - 1);
  if (!isAlnum(prev)) return true;
  return isEscapeBefore(text, offset);
}

/** True when `text[offset-2..offset)` is a backslash escape like `\n`, `\t` or `\r`. */
export function isEscapeBefore(text: string, offset: number): boolean {
  if (offset < 2 || text.charCodeAt(offset - 2) !== 92) return false;
  const c = text.charCodeAt(offset - 1);
  return c === 110 || c === 116 || c === 114; // n t r
}

/** A maximal run of base64 characters; `%2F`/`%2B` count as one character when URL-encoded. */
export interface Base64Run {
  start: number;
  end: number;
  /** Number of decoded base64 characters (differs from end - start only when URL-encoded). */
  length: number;
}

function percentEncodedBase64At(text: string, i: number): boolean {
  if (text.charCodeAt(i) !== 37 || text.charCodeAt(i + 1) !== 50) return false; // "%2"
  const c = text.charCodeAt(i + 2) | 0x20;
  return c === 102 || c === 98; // f or b: "/" or "+"
}

function inRunOrPercent(c: number): boolean {
  return isBase64Char(c) || c === 37;
}

/**
 * Where a run of `minLength` or more may start, after the non-run character at `outside`: the
 * character `minLength` further on must be in it, and a short backward read from there either
 * finds a nearer non-run character (and the probe moves past it) or proves a long enough stretch.
 * Skips identifiers and words without reading most of their characters. Returns `end` when no run
 * starting before `end` can be that long.
 */
function nextLongRunStart(text: string, outside: number, end: number, minLength: number): number {
  let lastOut = outside;
  while (lastOut + 1 < end) {
    const probe = lastOut + minLength;
    if (probe >= text.length) return end;
    if (!inRunOrPercent(text.charCodeAt(probe))) {
      lastOut = probe;
      continue;
    }
    let q = probe - 1;
    while (q > lastOut && inRunOrPercent(text.charCodeAt(q))) q--;
    if (q === lastOut) return lastOut + 1;
    lastOut = q;
  }
  return end;
}

/**
 * Finds the maximal base64 runs that overlap [from, to), with their true extent in the whole text
 * (a window never cuts a long value into a short one). Runs longer than `maxLength` are skipped
 * without measuring them fully, so the work is O(window + maxLength) even inside a megabyte blob.
 * With `minLength`, shorter runs after the first may be skipped unread (they are not returned).
 */
export function base64RunsIn(text: string, from: number, to: number, maxLength: number, minLength = 1): Base64Run[] {
  const runs: Base64Run[] = [];
  const end = Math.min(text.length, to);
  const stepLimit = (maxLength + 1) * 3;
  let i = Math.max(0, from);
  // Step back to the real start of a run crossing the left edge, but not further than maxLength allows.
  let back = 0;
  while (i > 0 && back <= stepLimit) {
    if (isBase64Char(text.charCodeAt(i - 1))) i -= 1;
    else if (i >= 3 && percentEncodedBase64At(text, i - 3)) i -= 3;
    else break;
    back++;
  }
  let skipFirst = back > maxLength;
  while (i < end) {
    if (!isBase64Char(text.charCodeAt(i)) && !percentEncodedBase64At(text, i)) {
      i = minLength > 1 ? nextLongRunStart(text, i, end, minLength) : i + 1;
      continue;
    }
    const start = i;
    let length = 0;
    const hardStop = Math.max(end, start) + stepLimit;
    while (i < hardStop) {
      if (isBase64Char(text.charCodeAt(i))) i += 1;
      else if (percentEncodedBase64At(text, i)) i += 3;
      else break;
      length++;
    }
    if (!skipFirst && length <= maxLength) runs.push({ start, end: i, length });
    skipFirst = false;
    if (i >= hardStop) break;
  }
  return runs;
}

/** Character statistics that separate random secrets from words, paths and placeholders. */
export interface CharStats {
  upper: number;
  lower: number;
  digits: number;
  symbols: number;
  /** Changes of class (upper/lower/digit/symbol) between neighbours: ~25 of 39 for random base64. */
  transitions: number;
  distinct: number;
  /** Characters in runs of four or more lowercase letters: words and identifiers have many. */
  lowercaseRunChars: number;
}

// Reused "seen" marks for distinct-character counting: a generation number instead of clearing.
const seenMarks = new Uint32Array(65536);
let seenGeneration = 0;

/** Computes CharStats for a short value (used on candidates only, never on whole texts). */
export function charStats(value: string): CharStats {
  const s: CharStats = { upper: 0, lower: 0, digits: 0, symbols: 0, transitions: 0, distinct: 0, lowercaseRunChars: 0 };
  if (++seenGeneration === 0xffffffff) {
    seenMarks.fill(0);
    seenGeneration = 1;
  }
  let prevClass = -1;
  let lowerRun = 0;
  for (let i = 0; i <= value.length; i++) {
    const c = i < value.length ? value.charCodeAt(i) : 0;
    let cls = 3;
    if (c >= 65 && c <= 90) cls = 0;
    else if (c >= 97 && c <= 122) cls = 1;
    else if (c >= 48 && c <= 57) cls = 2;
    if (cls === 1) {
      lowerRun++;
    } else {
      if (lowerRun >= 4) s.lowercaseRunChars += lowerRun;
      lowerRun = 0;
    }
    if (i === value.length) break;
    if (seenMarks[c] !== seenGeneration) {
      seenMarks[c] = seenGeneration;
      s.distinct++;
    }
    if (cls === 0) s.upper++;
    else if (cls === 1) s.lower++;
    else if (cls === 2) s.digits++;
    else s.symbols++;
    if (prevClass !== -1 && prevClass !== cls) s.transitions++;
    prevClass = cls;
  }
  return s;
}

const PLACEHOLDER_WORDS = /your|secret|example|sample|dummy|placeholder|changeme|redacted|fake|test|xxxx|0000|1234|abcd/i;

/** Values people type in place of a real secret: repeated characters, sequences, filler words. */
export function looksLikePlaceholder(value: string): boolean {
  if (PLACEHOLDER_WORDS.test(value)) return true;
  if (/(.)\1{4}/.test(value)) return true;
  let ascending = 1;
  for (let i = 1; i < value.length; i++) {
    ascending = value.charCodeAt(i) === value.charCodeAt(i - 1) + 1 ? ascending + 1 : 1;
    if (ascending >= 6) return true;
  }
  return false;
}

/** True for hex digests (SHA-1 is 40 hex characters: the commonest false alarm for AWS secrets). */
export function isHex(value: string): boolean {
  return /^[0-9a-f]+$/.test(value) || /^[0-9A-F]+$/.test(value);
}
