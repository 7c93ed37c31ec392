/**
 * Base64 runs of a text as a reader would decode them: URL encoding (`%2F`, `%252F`), JSON and JS
 * escapes (`\/`, `\\/`, `\u002F`), and HTML entities (`&#x2F;`, `&#47;`) count as the character they
 * stand for, so a secret written in any of these forms is one run, not several short ones. One pass,
 * each step bounded: linear in the text.
 */

/** A maximal run of (decoded) base64 characters, with its source span and character classes. */
export interface DecodedRun {
  /** Source offsets: the encoded span. */
  start: number;
  end: number;
  /** Decoded characters in the run. */
  length: number;
  upper: number;
  lower: number;
  digits: number;
  symbols: number;
  /** True when any of `prefixes` occurs in the decoded run. */
  hasSessionPrefix(prefixes: readonly string[]): boolean;
}

const ENTITIES: ReadonlyArray<[string, number]> = [
  ['&#x2F;', 47], ['&#x2f;', 47], ['&#47;', 47],
  ['&#x2B;', 43], ['&#x2b;', 43], ['&#43;', 43],
];

function isBase64(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
}

function hexPair(text: string, i: number): number {
  const pair = text.slice(i, i + 2).toLowerCase();
  return pair === '2f' ? 47 : pair === '2b' ? 43 : -1;
}

/**
 * The base64 character encoded at `i` and the encoding's width, or undefined when `i` starts neither
 * a base64 character nor an encoded one.
 */
export function decodedCharAt(text: string, i: number): { code: number; width: number } | undefined {
  const c = text.charCodeAt(i);
  if (isBase64(c)) return { code: c, width: 1 };
  if (c === 37) {
    // %2F, %2B, and once more URL-encoded: %252F
    const code = hexPair(text, i + 1);
    if (code !== -1) return { code, width: 3 };
    if (text.slice(i + 1, i + 3) === '25') {
      const inner = hexPair(text, i + 3);
      if (inner !== -1) return { code: inner, width: 5 };
    }
    return undefined;
  }
  if (c === 92) {
    // \/ \\/ \u002F \\u002F (JSON inside JSON doubles the backslashes)
    let k = i;
    while (k < text.length && k - i < 4 && text.charCodeAt(k) === 92) k++;
    if (text.charCodeAt(k) === 47) return { code: 47, width: k + 1 - i };
    if (text.charCodeAt(k) === 117 && text.slice(k + 1, k + 3) === '00') {
      const code = hexPair(text, k + 3);
      if (code !== -1) return { code, width: k + 5 - i };
    }
    return undefined;
  }
  if (c === 38) {
    for (const [entity, code] of ENTITIES) if (text.startsWith(entity, i)) return { code, width: entity.length };
  }
  return undefined;
}

/** Every maximal decoded base64 run of `text`, in order. */
export function* decodedRuns(text: string): Generator<DecodedRun> {
  let i = 0;
  while (i < text.length) {
    let d = decodedCharAt(text, i);
    if (!d) {
      i++;
      continue;
    }
    const start = i;
    let decoded = '';
    let upper = 0;
    let lower = 0;
    let digits = 0;
    let symbols = 0;
    while (d) {
      const code = d.code;
      if (code >= 65 && code <= 90) upper++;
      else if (code >= 97 && code <= 122) lower++;
      else if (code >= 48 && code <= 57) digits++;
      else symbols++;
      decoded += String.fromCharCode(code);
      i += d.width;
      d = i < text.length ? decodedCharAt(text, i) : undefined;
    }
    const run = decoded;
    yield {
      start,
      end: i,
      length: run.length,
      upper,
      lower,
      digits,
      symbols,
      hasSessionPrefix: (prefixes) => prefixes.some((p) => run.includes(p)),
    };
  }
}
