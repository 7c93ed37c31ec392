/**
 * Base64 values (Kubernetes Secret `data:`, `.dockerconfigjson`, CI variables, blobs piped through
 * `base64 -d`): a run of base64 is decoded only when it is plausible (bounded length, valid
 * padding, decodes to mostly printable text), and only one level deep.
 */
import { DerivedBuilder, linePrefix, type DerivedText } from './derived';

/** Shorter runs cannot hold a credential; longer ones are images, fonts or archives. */
const MIN_RUN = 24;
const MAX_RUN = 16 * 1024;
/** 1 for the standard base64 alphabet (A-Z a-z 0-9 + /). */
const ALPHABET = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9+/]/.test(ch)) ALPHABET[c] = 1;
}

/** Share of printable ASCII (plus tab, CR, LF) the decoded bytes must reach. */
const MIN_PRINTABLE = 0.95;

function mostlyPrintable(bytes: Buffer): boolean {
  const allowed = Math.floor(bytes.length * (1 - MIN_PRINTABLE));
  let bad = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if ((b < 32 && b !== 9 && b !== 10 && b !== 13) || b > 126) {
      if (++bad > allowed) return false;
    }
  }
  return true;
}

/** Index of a base64 character in the alphabet (the run only holds alphabet characters). */
function sextet(c: number): number {
  return c >= 97 ? c - 71 : c >= 65 ? c - 65 : c >= 48 ? c + 4 : c === 43 ? 62 : 63;
}

/**
 * Cheap pre-check without decoding: every byte of ASCII text is below 0x80, so the first character
 * of each 4-character group encodes a value below 32. Random bytes pass a group half the time; up
 * to 16 groups are checked and one miss is forgiven (a UTF-8 character).
 */
function looksLikeAsciiText(text: string, start: number, length: number): boolean {
  let misses = 0;
  const groups = Math.min(16, Math.floor(length / 4));
  for (let g = 0; g < groups; g++) {
    if (sextet(text.charCodeAt(start + g * 4)) >= 32 && ++misses > 1) return false;
  }
  return true;
}

function inAlphabet(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 && ALPHABET[c] === 1;
}

/**
 * Decoded texts of the plausible base64 runs in `text`. A run long enough to matter (MIN_RUN) holds
 * the character MIN_RUN after the last non-alphabet character seen, so only that one is probed; when
 * it is in the alphabet, a short backward read either finds a nearer non-alphabet character (the
 * probe moves past it) or proves the run. Identifiers and words are mostly skipped, not read:
 * linear, and far fewer reads than a regex that retries inside every word.
 */
export function base64Texts(text: string): DerivedText[] {
  const out: DerivedText[] = [];
  const n = text.length;
  let lastOutside = -1; // a position known not to be in the alphabet (or -1, before the text)
  for (let p = MIN_RUN - 1; p < n; p = lastOutside + MIN_RUN) {
    if (!inAlphabet(text, p)) {
      lastOutside = p;
      continue;
    }
    let q = p - 1;
    while (q > lastOutside && inAlphabet(text, q)) q--;
    if (q > lastOutside) {
      lastOutside = q; // fewer than MIN_RUN alphabet characters in a row before p
      continue;
    }
    const start = lastOutside + 1;
    let bodyEnd = p + 1;
    while (bodyEnd < n && inAlphabet(text, bodyEnd)) bodyEnd++;
    lastOutside = bodyEnd;
    let end = bodyEnd;
    while (end < n && end - bodyEnd < 2 && text.charCodeAt(end) === 61) end++; // = padding
    const found = decodeRun(text, start, bodyEnd, end);
    if (found) out.push(found);
  }
  return out;
}

/** The decoded text of the run [start, bodyEnd) padded to `end`, when it is plausible. */
function decodeRun(text: string, start: number, bodyEnd: number, end: number): DerivedText | undefined {
  const length = bodyEnd - start;
  if (length > MAX_RUN || !looksLikeAsciiText(text, start, length)) return undefined;
  // Valid lengths: padded runs are whole quads; unpadded ones never leave a single extra character.
  if (length % 4 === 1 || (end !== bodyEnd && (end - start) % 4 !== 0)) return undefined;
  // A run glued to a word or a path segment is part of something else.
  const before = start > 0 ? text.charCodeAt(start - 1) : 32;
  if (before === 95 || before === 45 || before === 46 || before === 92) return undefined; // _ - . \
  const bytes = Buffer.from(text.slice(start, bodyEnd), 'base64');
  if (bytes.length < 15 || !mostlyPrintable(bytes)) return undefined;
  const b = new DerivedBuilder();
  b.push(bytes.toString('latin1'), start, end);
  return b.build('base64', linePrefix(text, start), '\n');
}
