import { detectSecrets } from './detect/detector';
import { maskKeyId } from './keys';
import { decodedRuns, type DecodedRun } from './redact-runs';

/**
 * Redacts anything shaped like a credential from free text before it reaches a log or the terminal.
 * This is the last line of defence: callers should never pass secrets in the first place, but an SDK
 * error message or a stack trace may quote one, in any encoding.
 *
 * One linear pass per layer, no backtracking regex:
 * - the detector's own findings (every rule it knows, examples excepted);
 * - private key blocks, even without their END line;
 * - key ids in any case, also glued to other characters;
 * - provider tokens by their prefix alone (a checksum that fails does not make a token harmless here);
 * - values after a secret-like name (`password: …`, `X-Amz-Security-Token=…`);
 * - base64 runs, decoded first (`%2F`, `\/`, `\u002F`, `&#x2F;` …): session-token prefixes anywhere; 40 or
 *   more characters next to a key id or a secret name; 40 or more mixed-class characters anywhere.
 */
export function redactSecrets(text: string): string {
  const spans: Span[] = [];
  detectorSpans(text, spans);
  privateKeySpans(text, spans);
  keyIdSpans(text, spans);
  prefixedTokenSpans(text, spans);
  namedValueSpans(text, spans);
  runSpans(text, spans);
  return applySpans(text, spans);
}

type Label = 'key id' | 'secret' | 'token' | 'private key';

interface Span {
  start: number;
  end: number;
  label: Label;
}

const LABEL_RANK: Record<Label, number> = { 'key id': 0, secret: 1, token: 2, 'private key': 3 };

/** How far (in characters) a key id or secret name vouches for a base64 run near it. */
const CONTEXT_WINDOW = 200;
/** Shortest value after a secret name that is redacted (shorter ones are flags, numbers, words). */
const MIN_NAMED_VALUE = 8;
/** Longest identifier tail after a secret name (`secret_access_key_v2`) that is still looked through. */
const MAX_NAME_TAIL = 64;
const SESSION_TOKEN_PREFIXES = ['IQoJb3JpZ2luX2Vj', 'FwoGZXIvYXdz', 'FQoGZXIvYXdz'];

function detectorSpans(text: string, spans: Span[]): void {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  for (const f of detectSecrets(text, { includeExamples: false, honourInlineMarkers: false })) {
    const start = lineStarts[f.range.line] + f.range.startColumn;
    const end = lineStarts[f.range.endLine] + f.range.endColumn;
    const label: Label =
      f.kind === 'aws-access-key-id' ? 'key id' : f.kind === 'private-key' ? 'private key' : f.kind === 'aws-secret-access-key' ? 'secret' : 'token';
    spans.push({ start, end, label });
  }
}

/** `-----BEGIN … PRIVATE KEY-----` up to its END line, or to the end of the text when there is none. */
function privateKeySpans(text: string, spans: Span[]): void {
  let from = 0;
  for (let at = text.indexOf('-----BEGIN ', from); at !== -1; at = text.indexOf('-----BEGIN ', from)) {
    const headerEnd = text.indexOf('-----', at + 11);
    const header = headerEnd === -1 || headerEnd - at > 80 ? '' : text.slice(at, headerEnd);
    if (!header.includes('PRIVATE KEY')) {
      from = at + 11;
      continue;
    }
    const endLine = text.indexOf('-----END ', headerEnd + 5);
    const endLineEnd = endLine === -1 ? -1 : text.indexOf('-----', endLine + 9);
    const end = endLineEnd === -1 ? text.length : endLineEnd + 5;
    spans.push({ start: at, end, label: 'private key' });
    from = end;
  }
}

const KEY_ID_PREFIX = /a[ksb]ia|acca/gi;

function isBase32(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 50 && c <= 55);
}

/** Key ids in upper or lower case, glued to anything, followed by anything (masked like any key id). */
function keyIdSpans(text: string, spans: Span[]): void {
  KEY_ID_PREFIX.lastIndex = 0;
  for (let m = KEY_ID_PREFIX.exec(text); m; m = KEY_ID_PREFIX.exec(text)) {
    const start = m.index;
    let i = start + 4;
    while (i < start + 20 && i < text.length && isBase32(text.charCodeAt(i))) i++;
    if (i < start + 20) continue;
    spans.push({ start, end: start + 20, label: 'key id' });
    KEY_ID_PREFIX.lastIndex = start + 20;
  }
}

// Token prefixes of the providers the detector knows, and of common ones it may not know yet.
const TOKEN_PREFIX =
  /gh[pousr]_|github_pat_|glpat-|xox[a-z]-|[sr]k_live_|npm_|AIza|sk-|hf_|gsk_|dckr_pat_|gl(?:sa|c)_|hv[sb]\.|shp(?:at|ca|pa|ss)_|lin_api_|figd_|ntn_|ops_|tskey-|dapi|SG\./g;
/**
 * A known token prefix, also glued to a word, followed by 16 or more token characters among which a
 * digit or a capital (so `task-management-service` in a log line stays readable).
 */
function prefixedTokenSpans(text: string, spans: Span[]): void {
  TOKEN_PREFIX.lastIndex = 0;
  for (let m = TOKEN_PREFIX.exec(text); m; m = TOKEN_PREFIX.exec(text)) {
    let i = m.index + m[0].length;
    let random = false;
    while (i < text.length && isNameChar(text.charCodeAt(i))) {
      const c = text.charCodeAt(i);
      if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) random = true;
      i++;
    }
    // The whole run was judged: a token inside it would be as short or as plain, so resume after it.
    TOKEN_PREFIX.lastIndex = Math.max(TOKEN_PREFIX.lastIndex, i);
    if (i - (m.index + m[0].length) < 16 || !random) continue;
    spans.push({ start: m.index, end: i, label: 'token' });
  }
}

const SECRET_NAME = /secret|token|password|passwd|credential|private[_-]?key|api[_-]?key/gi;

function isNameChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}

function isQuoteOrBackslash(c: number): boolean {
  return c === 34 || c === 39 || c === 92 || c === 96;
}

function isValueDelimiter(c: number): boolean {
  // whitespace, quotes, backslash (an escaped quote), & , ; } ) ]
  return c <= 32 || c === 34 || c === 39 || c === 92 || c === 96 || c === 38 || c === 44 || c === 59 || c === 125 || c === 41 || c === 93;
}

/**
 * The value after a secret-like name and `=` or `:`: `password: hunter2hunter2`, `"SecretAccessKey":"…"`,
 * `X-Amz-Security-Token=…&`. Every step is bounded, and the scan resumes after a redacted value, so the
 * work is linear however many names the text holds.
 */
function namedValueSpans(text: string, spans: Span[]): void {
  SECRET_NAME.lastIndex = 0;
  for (let m = SECRET_NAME.exec(text); m; m = SECRET_NAME.exec(text)) {
    let i = m.index + m[0].length;
    const tailLimit = Math.min(text.length, i + MAX_NAME_TAIL);
    while (i < tailLimit && isNameChar(text.charCodeAt(i))) i++;
    for (let q = 0; q < 3 && i < text.length && isQuoteOrBackslash(text.charCodeAt(i)); q++) i++;
    while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) && i - m.index < 200) i++;
    const sep = text.charCodeAt(i);
    if (sep !== 61 && sep !== 58) continue; // = or :
    i++;
    while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) && i - m.index < 200) i++;
    for (let q = 0; q < 3 && i < text.length && isQuoteOrBackslash(text.charCodeAt(i)); q++) i++;
    const start = i;
    while (i < text.length && !isValueDelimiter(text.charCodeAt(i))) i++;
    // The value was judged whole: names inside it start no other value, so resume after it.
    SECRET_NAME.lastIndex = Math.max(SECRET_NAME.lastIndex, i);
    if (i - start < MIN_NAMED_VALUE) continue;
    if (isLoneKeyId(text, start, i)) continue; // masked by keyIdSpans, not dropped
    spans.push({ start, end: i, label: 'secret' });
  }
}

/** A value that is exactly a key id, or a key id followed by a SigV4 scope (`AKIA…/20261129/…`). */
function isLoneKeyId(text: string, start: number, end: number): boolean {
  if (end - start < 20) return false;
  const prefix = text.slice(start, start + 4);
  if (!/^(?:a[ksb]ia|acca)$/i.test(prefix)) return false;
  for (let i = start + 4; i < start + 20; i++) if (!isBase32(text.charCodeAt(i))) return false;
  return end === start + 20 || text.charCodeAt(start + 20) === 47; // "/" starts a credential scope
}

/** Base64 runs (decoded) that are tokens or secrets: see redactSecrets. */
function runSpans(text: string, spans: Span[]): void {
  const anchors = contextAnchors(text, spans);
  let next = 0; // index into anchors, which are sorted
  for (const run of decodedRuns(text)) {
    if (run.hasSessionPrefix(SESSION_TOKEN_PREFIXES)) {
      spans.push({ start: run.start, end: run.end, label: 'token' });
      continue;
    }
    if (run.length < 40) continue;
    while (next < anchors.length && anchors[next] < run.start - CONTEXT_WINDOW) next++;
    const nearAnchor = next < anchors.length && anchors[next] <= run.end + CONTEXT_WINDOW;
    if (nearAnchor || mixedClasses(run)) spans.push({ start: run.start, end: run.end, label: run.length >= 100 ? 'token' : 'secret' });
  }
}

function mixedClasses(run: DecodedRun): boolean {
  return run.upper > 0 && run.lower > 0 && (run.digits > 0 || run.symbols > 0);
}

/** Offsets of key ids and secret names: a base64 run near one of them is treated as a secret. */
function contextAnchors(text: string, spans: Span[]): number[] {
  const anchors: number[] = [];
  for (const s of spans) if (s.label === 'key id') anchors.push(s.start);
  SECRET_NAME.lastIndex = 0;
  for (let m = SECRET_NAME.exec(text); m; m = SECRET_NAME.exec(text)) anchors.push(m.index);
  return anchors.sort((a, b) => a - b);
}

function applySpans(text: string, spans: Span[]): string {
  if (spans.length === 0) return text;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) {
      if (s.end > last.end) last.end = s.end;
      if (LABEL_RANK[s.label] > LABEL_RANK[last.label]) last.label = s.label;
      // A key id merged with more than itself is no longer just a key id.
      if (last.label === 'key id' && (s.start !== last.start || s.end !== last.end)) last.label = 'secret';
    } else {
      merged.push({ ...s });
    }
  }
  let out = '';
  let at = 0;
  for (const s of merged) {
    out += text.slice(at, s.start);
    out += s.label === 'key id' && s.end - s.start === 20 ? maskKeyId(text.slice(s.start, s.end)) : `[${s.label} redacted]`;
    at = s.end;
  }
  return out + text.slice(at);
}
