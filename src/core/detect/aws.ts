/**
 * AWS rules: access key ids (by prefix and alphabet), session tokens (by their fixed base64
 * prefixes or a session-token name) and the checks that tell a real 40-character secret access key
 * from hashes, paths, identifiers and placeholders.
 */
import { accountIdFromKeyId, maskKeyId, maskSecret } from '../keys';
import type { RawFinding } from './raw';
import { charStats, isBase64Char, isEscapeBefore, isHex, isAlnum, looksLikePlaceholder, startsToken } from './text';

export const KEY_ID_LENGTH = 20;
export const SECRET_LENGTH = 40;
/** Shortest value accepted as a session token (real ones are several hundred characters). */
export const MIN_SESSION_TOKEN_LENGTH = 100;
/** Longest run examined as a session token: longer runs are data blobs, and the cap keeps work linear. */
export const MAX_SESSION_TOKEN_LENGTH = 8192;

const CREDENTIAL_KEY_ID = /^A(?:KIA|SIA|BIA|CCA)[A-Z2-7]{16}$/;
// Documentation examples sometimes use digits outside base32 (AKIAI44QH8DHBEXAMPLE).
const EXAMPLE_KEY_ID = /^A(?:KIA|SIA|BIA|CCA)[A-Z0-9]{9}EXAMPLE$/;

/**
 * The access key id starting at `offset`, if one does: a credential prefix, 16 base32 characters,
 * and token boundaries on both sides. Identifiers (AIDA, AROA...) never reach here: the anchors
 * only match credential prefixes.
 */
export function keyIdAt(text: string, offset: number): RawFinding | undefined {
  if (!startsToken(text, offset)) return undefined;
  const end = offset + KEY_ID_LENGTH;
  if (end > text.length || isAlnum(text.charCodeAt(end))) return undefined;
  const value = text.slice(offset, end);
  if (EXAMPLE_KEY_ID.test(value)) return example(value, offset, end, maskKeyId(value));
  if (!CREDENTIAL_KEY_ID.test(value)) return undefined;
  if (looksLikePlaceholder(value.slice(4))) return undefined;
  const temporary = value.startsWith('ASIA') || value.startsWith('ABIA') || value.startsWith('ACCA');
  return {
    ruleId: 'aws-access-key-id',
    start: offset,
    end,
    value,
    masked: maskKeyId(value),
    // Long-term keys are usable alone; the others need more (a session token) or are rare.
    confidence: temporary ? 'medium' : 'high',
    accountId: accountIdFromKeyId(value),
  };
}

function example(value: string, start: number, end: number, masked: string): RawFinding {
  return { ruleId: 'aws-example-key', start, end, value, masked, confidence: 'low' };
}

/** How much context vouches for a 40-character candidate. */
export type SecretContext = 'paired' | 'strong-name' | 'weak-name';

/**
 * Classifies a 40-character base64 value found in a secret context: an AWS documentation example,
 * a plausible secret access key, or nothing (hash, path, identifier, placeholder). Thresholds come
 * from simulating random keys: each check rejects well under 0.2% of real secrets.
 */
export function classifySecretValue(value: string, context: SecretContext): 'example' | 'secret' | undefined {
  if (value.includes('EXAMPLE')) return 'example';
  if (isHex(value) || looksLikePlaceholder(value)) return undefined;
  const s = charStats(value);
  if (s.upper === 0 || s.lower === 0 || s.distinct < 20) return undefined;
  if (s.transitions < (context === 'weak-name' ? 15 : 13)) return undefined;
  // Words and CamelCase identifiers: long lowercase runs and few digits or symbols.
  if (s.lowercaseRunChars >= 22 || (s.lowercaseRunChars >= 14 && s.digits + s.symbols <= 2)) return undefined;
  if (context === 'weak-name' && s.digits + s.symbols === 0) return undefined;
  if (looksLikePath(value)) return undefined;
  return 'secret';
}

/**
 * True when a path segment is made only of word-like pieces: Capitalised or lower-case words
 * (`[A-Z]?[a-z]{2,}`), lower-case alphanumerics (`[a-z0-9]{2,}`), capital runs (`[A-Z]{2,}`) and digit
 * runs (`[0-9]+`). The regex form of this backtracked exponentially on digit runs; one pass over the
 * class runs decides the same language: a run of capitals is a piece when it has two or more, and a
 * single capital must lead a word of two or more lower-case letters; a run of lower-case letters and
 * digits is a piece when it has two or more characters, or is one digit.
 */
export function isWordlikeSegment(segment: string): boolean {
  if (segment.length === 0) return false;
  let i = 0;
  while (i < segment.length) {
    const c = segment.charCodeAt(i);
    let j = i;
    if (isUpper(c)) {
      while (j < segment.length && isUpper(segment.charCodeAt(j))) j++;
      let lowers = 0;
      while (j + lowers < segment.length && isLower(segment.charCodeAt(j + lowers))) lowers++;
      if (j - i < 2 && lowers < 2) return false;
    } else if (isLower(c) || isDigit(c)) {
      while (j < segment.length && (isLower(segment.charCodeAt(j)) || isDigit(segment.charCodeAt(j)))) j++;
      if (j - i === 1 && !isDigit(c)) return false;
    } else {
      return false;
    }
    i = j;
  }
  return true;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `/usr/local/lib/...`-style values: several slashes between word-like segments. */
function looksLikePath(value: string): boolean {
  const segments = value.split('/');
  if (segments.length < 3) return false;
  const nonEmpty = segments.filter((seg) => seg.length > 0);
  const wordy = nonEmpty.filter(isWordlikeSegment).length;
  return wordy * 4 >= nonEmpty.length * 3;
}

/** Builds the finding for an accepted secret candidate. */
export function secretFinding(
  text: string,
  start: number,
  end: number,
  verdict: 'example' | 'secret',
  confidence: RawFinding['confidence'],
): RawFinding {
  const value = text.slice(start, end);
  if (verdict === 'example') return example(value, start, end, maskSecret(value));
  return { ruleId: 'aws-secret-access-key', start, end, value, masked: maskSecret(value), confidence };
}

function percentPaddingAt(text: string, i: number): boolean {
  return text.charCodeAt(i) === 37 && text.charCodeAt(i + 1) === 51 && (text.charCodeAt(i + 2) | 0x20) === 100; // %3D
}

/**
 * The session token whose base64 run starts at `offset` (standard or URL-encoded, as in presigned
 * URLs), if the run is long enough and stands alone (not the middle of a longer base64 blob).
 */
export function sessionTokenAt(
  text: string,
  offset: number,
  confidence: RawFinding['confidence'],
): RawFinding | undefined {
  if (offset > 0 && isBase64Char(text.charCodeAt(offset - 1)) && !isEscapeBefore(text, offset)) return undefined;
  if (offset >= 3 && text.charCodeAt(offset - 3) === 37 && /^%2[bf]$/i.test(text.slice(offset - 3, offset))) return undefined;
  let i = offset;
  let length = 0;
  const limit = Math.min(text.length, offset + MAX_SESSION_TOKEN_LENGTH * 3);
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (isBase64Char(c)) i += 1;
    else if (c === 37 && text.charCodeAt(i + 1) === 50 && /[bf]/i.test(text[i + 2] ?? '')) i += 3;
    else break;
    length++;
  }
  if (length < MIN_SESSION_TOKEN_LENGTH || length > MAX_SESSION_TOKEN_LENGTH) return undefined;
  for (let pad = 0; pad < 2; pad++) {
    if (text.charCodeAt(i) === 61) i += 1;
    else if (percentPaddingAt(text, i)) i += 3;
  }
  if (isAlnum(text.charCodeAt(i))) return undefined;
  const value = text.slice(offset, i);
  if (value.includes('EXAMPLE')) return example(value, offset, i, maskSecret(value));
  // Real tokens contain runs like `//////////` (protobuf padding), so only filler is rejected here.
  const s = charStats(value.slice(0, 400));
  if (s.upper === 0 || s.lower === 0 || s.digits === 0 || s.distinct < 24) return undefined;
  return { ruleId: 'aws-session-token', start: offset, end: i, value, masked: maskSecret(value), confidence };
}
