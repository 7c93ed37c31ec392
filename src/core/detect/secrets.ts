/**
 * Secret access keys have no prefix, so they are only looked for where context vouches for them:
 * near a secret-like name, or within a few lines of an access key id. Windows around those anchors
 * are merged, 40-character base64 runs are collected once, and each run is judged with the context
 * it sits in. Key ids and secrets are then paired one-to-one, nearest first.
 */
import { SECRET_LENGTH, classifySecretValue, secretFinding, type SecretContext } from './aws';
import type { RawFinding } from './raw';
import {
  base64RunsIn,
  endOfLinesBelow,
  isAlnum,
  isEscapeBefore,
  LineCursor,
  localLineEnd,
  startOfLinesAbove,
} from './text';
import { valueLinesBelow } from './valueLines';

/** Lines above and below a key id searched for its secret (credentials files, CSV rows, code). */
export const PAIR_WINDOW_LINES = 5;
/** Character cap on the pairing window, so one huge line cannot make the work quadratic. */
export const PAIR_WINDOW_CHARS = 600;
const NAME_LOOKBEHIND = 120;
const NAME_LOOKAHEAD = 240;
const NAME_MAX = 64;

/** A secret-like name in the text (`aws_secret_access_key`, `secretAccessKey`, `Secret access key`). */
export interface SecretName {
  start: number;
  end: number;
  strong: boolean;
}

// Names that hold something other than a secret value: digests, ids, ARNs, names, paths.
const NOT_A_SECRET_VALUE = /hash|digest|checksum|sha\d|nonce|salt|arn|fingerprint|version|name|path|file|url|uri|ref/i;

function isNameChar(c: number): boolean {
  return isAlnum(c) || c === 95 || c === 45 || c === 46; // _ - .
}

/** Expands a `secret` keyword hit to its whole name and decides whether it names a secret value. */
export function secretNameAt(text: string, hit: number, hitEnd: number): SecretName | undefined {
  let start = hit;
  let end = hitEnd;
  while (start > 0 && hit - start < NAME_MAX && isNameChar(text.charCodeAt(start - 1))) start--;
  while (end < text.length && end - hitEnd < NAME_MAX && isNameChar(text.charCodeAt(end))) end++;
  const name = text.slice(start, end);
  if (NOT_A_SECRET_VALUE.test(name.replace(/secret/i, ''))) return undefined;
  // "aws" or "access" around the name makes it an AWS secret for sure (AWS Secret Access Key, aws.secret).
  const around = text.slice(Math.max(0, start - 24), Math.min(text.length, end + 24));
  return { start, end, strong: /aws|access/i.test(around) };
}

interface Window {
  from: number;
  to: number;
  name?: SecretName;
  keyId?: RawFinding;
  keyLine?: number;
}

/** A key id near a candidate, scored for pairing (lower is closer). */
interface NearbyKeyId {
  keyId: RawFinding;
  score: number;
}

/** Only the closest few key ids matter for pairing; keeping few bounds memory on dense inputs. */
const NEARBY_KEY_IDS = 3;

interface Candidate {
  start: number;
  end: number;
  line: number;
  strongName: boolean;
  weakName: boolean;
  keyIds: NearbyKeyId[];
  lineStart: number;
}

/**
 * Bounds of a window around [start, end): from `linesAround` lines above to as many below, capped
 * at `maxChars` each way. The cursor gives the current line's bounds cheaply (offsets arrive in
 * order), so a long line costs nothing extra and only short lines are walked character by character.
 */
function windowAround(text: string, cursor: LineCursor, start: number, end: number, linesAround: number, maxChars: number): [number, number] {
  const at = cursor.locate(start);
  const minFrom = Math.max(0, start - maxChars);
  const from =
    at.lineStart <= minFrom || linesAround === 0
      ? Math.max(at.lineStart, minFrom)
      : startOfLinesAbove(text, at.lineStart, linesAround, at.lineStart - minFrom);
  const lineEnd = at.lineEnd >= end ? at.lineEnd : localLineEnd(text, end, maxChars);
  const maxTo = Math.min(text.length, end + maxChars);
  if (lineEnd >= maxTo || linesAround === 0) return [from, Math.min(lineEnd, maxTo)];
  const nextLine = lineEnd + (text.charCodeAt(lineEnd) === 13 ? 2 : 1);
  return [from, endOfLinesBelow(text, nextLine, linesAround - 1, maxTo - nextLine)];
}

/**
 * Windows to search around one secret name: its line, and the lines below that may hold its value
 * (a wrapped value past comments; a name/value record's value entry, as in SSM or container env).
 */
function nameWindows(text: string, cursor: LineCursor, name: SecretName): Window[] {
  const [from, lineEnd] = windowAround(text, cursor, name.start, name.end, 0, Math.max(NAME_LOOKBEHIND, NAME_LOOKAHEAD));
  const windows: Window[] = [{ from: Math.max(from, name.start - NAME_LOOKBEHIND), to: Math.min(lineEnd, name.end + NAME_LOOKAHEAD), name }];
  for (const line of valueLinesBelow(text, from, name.start, name.end, lineEnd)) windows.push({ from: line.start, to: line.end, name });
  return windows;
}

function keyIdWindow(text: string, cursor: LineCursor, keyId: RawFinding): Window {
  const [from, to] = windowAround(text, cursor, keyId.start, keyId.end, PAIR_WINDOW_LINES, PAIR_WINDOW_CHARS);
  return { from, to, keyId };
}

// Names under which an unnamed-looking value may still be a secret paired with a nearby key id.
const PAIRABLE_NAME = /key|pass|pwd|cred|token|aws|sk|auth/i;
const KEY_ID_LIKE = /^A(?:KIA|SIA|BIA|CCA)[A-Z2-7]{16}$/;

/**
 * The name a value is assigned to (`state=V`, `"nonce": "V"`, `code: V`), if any. A value that is
 * assigned to a name like `state` or `nonce` is that thing, not the secret of a key id nearby.
 */
function assignedName(text: string, start: number, lineStart: number): string | undefined {
  let i = start - 1;
  const skip = (): void => {
    while (i >= lineStart && /[\s"'`]/.test(text[i])) i--;
  };
  skip();
  if (i < lineStart || (text[i] !== '=' && text[i] !== ':' && text[i] !== '>')) return undefined;
  i--;
  if (text[i] === '=') i--; // '=>' in PHP and Ruby hashes
  skip();
  const end = i + 1;
  while (i >= lineStart && end - i <= NAME_MAX && isNameChar(text.charCodeAt(i))) i--;
  const name = text.slice(i + 1, end);
  if (text[i] === '<' && XML_VALUE_ELEMENT.test(name)) return xmlSiblingName(text, i) ?? name;
  return name === '' || KEY_ID_LIKE.test(name) ? undefined : name;
}

const XML_VALUE_ELEMENT = /^(?:value|string)$/;
const XML_NAME_END = /<\/(?:name|key)>$/;

/**
 * The name of an XML `<value>`/`<string>` element starting at `tagStart`: the `<name>` or `<key>`
 * element just before it (Hadoop `<property>`, `<entry>`, plist), found within a bounded look-back.
 */
function xmlSiblingName(text: string, tagStart: number): string | undefined {
  let i = tagStart;
  while (i > 0 && tagStart - i < 100 && /\s/.test(text[i - 1])) i--;
  const before = text.slice(Math.max(0, i - NAME_MAX - 14), i);
  const close = XML_NAME_END.exec(before);
  if (!close) return undefined;
  const tag = close[0].slice(2, -1);
  const open = before.lastIndexOf(`<${tag}>`);
  return open < 0 ? undefined : before.slice(open + tag.length + 2, close.index).trim() || undefined;
}

/** A 40-character run that stands alone: not a segment of a JWT, dotted or dashed token, or padded blob. */
function standaloneSecretRun(text: string, start: number, end: number): boolean {
  const before = text.charCodeAt(start - 1);
  const after = text.charCodeAt(end);
  if (after === 61) return false; // '=': padding of a longer base64 value
  if ((before === 46 || before === 45 || before === 95) && isAlnum(text.charCodeAt(start - 2))) return false;
  if ((after === 46 || after === 45 || after === 95) && isAlnum(text.charCodeAt(end + 1))) return false;
  return true;
}

function collectCandidates(text: string, windows: Window[]): Candidate[] {
  const spans = windows.map((w) => [w.from, w.to]).sort((a, b) => a[0] - b[0]);
  const candidates: Candidate[] = [];
  let mergedFrom = -1;
  let mergedTo = -1;
  const flush = (): void => {
    if (mergedFrom < 0) return;
    for (const run of base64RunsIn(text, mergedFrom, mergedTo, SECRET_LENGTH + 1, SECRET_LENGTH)) {
      let start = run.start;
      let length = run.length;
      // "\nwJalr..." inside a quoted string: the escape's letter is not part of the value.
      if (length === SECRET_LENGTH + 1 && isEscapeBefore(text, start + 1)) {
        start += 1;
        length -= 1;
      }
      if (length !== SECRET_LENGTH || !standaloneSecretRun(text, start, run.end)) continue;
      if (candidates.length > 0 && candidates[candidates.length - 1].start >= start) continue;
      candidates.push({ start, end: run.end, line: 0, lineStart: 0, strongName: false, weakName: false, keyIds: [] });
    }
  };
  for (const [from, to] of spans) {
    if (from <= mergedTo) {
      mergedTo = Math.max(mergedTo, to);
      continue;
    }
    flush();
    mergedFrom = from;
    mergedTo = to;
  }
  flush();
  return candidates;
}

/** Index of the first candidate ending after `from` (candidates are sorted and disjoint). */
function firstEndingAfter(candidates: Candidate[], from: number): number {
  let lo = 0;
  let hi = candidates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (candidates[mid].end <= from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Pairing score: same line first, then nearest line; secrets usually follow their key id; then nearest offset. */
function pairScore(c: Candidate, keyId: RawFinding, keyLine: number): number {
  const before = c.start < keyId.start ? 1 : 0;
  const charDistance = Math.min(Math.abs(c.start - keyId.end), 99_999);
  return Math.abs(keyLine - c.line) * 1e6 + before * 1e5 + charDistance;
}

/** Line numbers of candidates and key ids, for pairing by line distance. */
function assignLines(lines: LineCursor, candidates: Candidate[], windows: Window[]): void {
  for (const w of windows) if (w.keyId) w.keyLine = lines.locate(w.keyId.start).line;
  for (const c of candidates) {
    const at = lines.locate(c.start);
    c.line = at.line;
    c.lineStart = at.lineStart;
  }
}

function attachContexts(candidates: Candidate[], windows: Window[]): void {
  for (const w of windows) {
    for (let i = firstEndingAfter(candidates, w.from); i < candidates.length && candidates[i].start < w.to; i++) {
      const c = candidates[i];
      if (w.name?.strong) c.strongName = true;
      else if (w.name) c.weakName = true;
      if (w.keyId && w.keyId.ruleId === 'aws-access-key-id' && w.keyLine !== undefined) {
        const score = pairScore(c, w.keyId, w.keyLine);
        if (c.keyIds.length < NEARBY_KEY_IDS || score < c.keyIds[c.keyIds.length - 1].score) {
          c.keyIds.push({ keyId: w.keyId, score });
          c.keyIds.sort((a, b) => a.score - b.score);
          if (c.keyIds.length > NEARBY_KEY_IDS) c.keyIds.pop();
        }
      }
    }
  }
}

/** Finds secret access keys (and documentation example secrets) around names and key ids, and pairs them. */
export function findSecrets(text: string, lines: LineCursor, names: SecretName[], keyIds: RawFinding[]): RawFinding[] {
  const windows: Window[] = [];
  for (const name of names) windows.push(...nameWindows(text, lines, name));
  for (const keyId of keyIds) windows.push(keyIdWindow(text, lines, keyId));
  if (windows.length === 0) return [];
  const candidates = collectCandidates(text, windows);
  if (candidates.length === 0) return [];
  assignLines(lines, candidates, windows);
  attachContexts(candidates, windows);

  const verdicts = candidates.map((c) => {
    const context: SecretContext = c.strongName || c.keyIds.length > 0 ? 'strong-name' : 'weak-name';
    return classifySecretValue(text.slice(c.start, c.end), context);
  });
  const pairs = pairKeyIds(text, candidates, verdicts);

  const found: RawFinding[] = [];
  candidates.forEach((c, i) => {
    const keyId = pairs.get(i);
    let verdict = verdicts[i];
    if (!verdict) return;
    if (verdict === 'example') {
      found.push(secretFinding(text, c.start, c.end, 'example', 'low'));
      return;
    }
    // Without a name, a run near a key id is only a secret if it is that key id's nearest partner.
    if (!keyId && !c.strongName) {
      if (!c.weakName) return;
      verdict = classifySecretValue(text.slice(c.start, c.end), 'weak-name');
      if (verdict !== 'secret') return;
    }
    const secret = secretFinding(text, c.start, c.end, 'secret', keyId || c.strongName ? 'high' : 'medium');
    if (keyId) {
      secret.pair = keyId;
      keyId.pair = secret;
      keyId.confidence = 'high';
    }
    found.push(secret);
  });
  return found;
}

/** Pairs credential key ids with secret candidates one-to-one, closest pairs first. */
function pairKeyIds(
  text: string,
  candidates: Candidate[],
  verdicts: Array<'example' | 'secret' | undefined>,
): Map<number, RawFinding> {
  const edges: Array<{ candidate: number; keyId: RawFinding; score: number }> = [];
  candidates.forEach((c, i) => {
    if (verdicts[i] !== 'secret' || c.keyIds.length === 0) return;
    if (!c.strongName && !c.weakName) {
      const name = assignedName(text, c.start, c.lineStart);
      if (name !== undefined && !PAIRABLE_NAME.test(name)) return;
    }
    for (const near of c.keyIds) edges.push({ candidate: i, keyId: near.keyId, score: near.score });
  });
  edges.sort((a, b) => a.score - b.score);
  const pairs = new Map<number, RawFinding>();
  const usedKeyIds = new Set<RawFinding>();
  for (const e of edges) {
    if (pairs.has(e.candidate) || usedKeyIds.has(e.keyId)) continue;
    pairs.set(e.candidate, e.keyId);
    usedKeyIds.add(e.keyId);
  }
  return pairs;
}
