/**
 * Derived text: what a span of the source says once decoded (base64, escapes, split literals),
 * with a map from every decoded character back to the source span it came from, so the rules run
 * on decoded text without knowing about it and findings land on the encoded span.
 */

/** `context`: the source value itself, re-read under the name of its enclosing block. */
export type Encoding = 'base64' | 'escapes' | 'split' | 'context';

export interface DerivedText {
  encoding: Encoding;
  /** Context from the source line (a name before the value), then the decoded text. */
  text: string;
  /** Where the decoded part starts in `text`; findings that start before it are the source's own. */
  from: number;
  /** For decoded character `i` (index `from + i` in `text`): the source span that produced it. */
  srcStart: Int32Array;
  srcEnd: Int32Array;
  /** The text puts a name from elsewhere (a line above) before the value: a verbatim copy is news too. */
  named?: boolean;
}

/** Longest source line context kept before a decoded value (where its name usually is). */
const PREFIX_MAX = 160;

/** The source text from the start of `at`'s line (at most PREFIX_MAX characters back) to `at`. */
export function linePrefix(text: string, at: number): string {
  const min = Math.max(0, at - PREFIX_MAX);
  let i = at;
  while (i > min && text.charCodeAt(i - 1) !== 10) i--;
  return text.slice(i, at);
}

/**
 * Accumulates decoded text and the source span of each of its UTF-16 code units (indices of the
 * text, so a character outside the BMP takes two entries, as it takes two positions in the text).
 * Plain arrays while building: a builder is made per candidate (a bundle has tens of thousands of
 * template literals) and allocating typed arrays for each cost more than the whole pass.
 */
export class DerivedBuilder {
  private readonly parts: string[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  push(chars: string, srcStart: number, srcEnd: number): void {
    this.parts.push(chars);
    for (let i = 0; i < chars.length; i++) {
      this.starts.push(srcStart);
      this.ends.push(srcEnd);
    }
  }

  get length(): number {
    return this.starts.length;
  }

  build(encoding: Encoding, prefix: string, suffix = ''): DerivedText {
    return {
      encoding,
      text: prefix + this.parts.join('') + suffix,
      from: prefix.length,
      srcStart: Int32Array.from(this.starts),
      srcEnd: Int32Array.from(this.ends),
    };
  }
}

/**
 * The source span of decoded characters [start, end) of `d` (offsets in `d.text`), or undefined
 * when that text is a verbatim copy of the source (the plain rules already see it there).
 */
export function sourceSpan(d: DerivedText, start: number, end: number): { start: number; end: number } | undefined {
  const n = d.srcStart.length;
  const i0 = start - d.from;
  const i1 = Math.min(end - d.from, n) - 1;
  if (i0 < 0 || i0 >= n || i1 < i0) return undefined;
  let verbatim = true;
  for (let i = i0; i <= i1 && verbatim; i++) {
    if (d.srcEnd[i] - d.srcStart[i] !== 1 || (i < i1 && d.srcStart[i + 1] !== d.srcEnd[i])) verbatim = false;
  }
  // A verbatim copy is news only when the derived text adds context (a name from a line above).
  return verbatim && d.encoding !== 'context' && !d.named ? undefined : { start: d.srcStart[i0], end: d.srcEnd[i1] };
}
