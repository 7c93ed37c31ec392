/**
 * The detector's entry points. One pass of three cheap regexes finds anchors (fixed prefixes,
 * provider separators, secret-like names), and one chunked sweep of short literals finds the
 * rarer ones (URLs with userinfo, `Q~`, `%3D`, `==`, names ending in "token"); each anchor is then
 * validated locally with bounded work, so the whole scan is linear in the text length and never
 * backtracks catastrophically.
 */
import type * as Crypto from 'node:crypto';
import { keyIdAt, MIN_SESSION_TOKEN_LENGTH, sessionTokenAt } from './aws';
import { EndMarkerCursor, privateKeyAt } from './privateKey';
import { azureStorageKeyAt, namedTokenAt, TOKEN_NAME_LITERALS } from './namedTokens';
import { googleApiKeyAt, PREFIX_LOOKBEHIND, slackWebhookAt, tokenAtPrefix } from './providers';
import { azureClientSecretAt, azureSasSignatureEndingAt, databricksTokenAt, vaultTokenAt } from './providersCloud';
import { sendgridKeyAt } from './providersSaas';
import type { RawFinding } from './raw';
import { findSecrets, PAIR_WINDOW_LINES, secretNameAt, type SecretName } from './secrets';
import { asServiceAccountKey, ClientEmailCursor } from './serviceAccount';
import { scanLiterals } from './literalScan';
import { INLINE_IGNORE_MARKER } from './suppress';
import { isBase64Char, isEscapeBefore, LineCursor, type LinePosition } from './text';
import type { DetectOptions, Finding, SecretRange } from './types';
import { ruleById } from './rules';
import { urlPasswordAt } from './urlCredentials';
import { findDecoded } from './decode';
import { namedSecrets } from './named';

// Upper-case anchors: key id prefixes, Google keys, session token prefixes, PEM headers.
const FIXED_ANCHORS = /A(?:[KSB]IA|CCA|Iza|QoDYXdz)|IQoJb3JpZ2luX2Vj|F[wQ]oGZXIvYXdz|-----BEGIN/g;
// Provider prefixes, anchored on their separator (rarer than their first letters) and checked behind.
// Nothing else in this regex: one more alternative starting with a letter (Slack's webhook host was
// one) made V8 check every such letter, and the pass took 4 times as long on a minified bundle.
const PREFIX_ANCHORS = new RegExp(`[_-]${PREFIX_LOOKBEHIND}`, 'g');
// Names that introduce an AWS secret or session token.
const NAME_ANCHORS = /secret|session[_-]?token|security[_-]?token/gi;

type AnchorCheck = (text: string, at: number) => RawFinding | undefined;

/**
 * Anchors searched as literals, all in one chunked sweep (literalScan.ts). V8 looks for a literal
 * shorter than 7 characters by jumping between occurrences of its first character, so a short
 * literal that starts with a rare character costs far less than one more alternative in the
 * regexes above (tried at every position); the literals are chosen that way: `vs.` finds `hvs.`,
 * `%3D` ends an Azure SAS signature, `Token` and `_token` end Cloudflare, Vercel and Vault names.
 */
const LITERAL_ANCHORS: ReadonlyArray<readonly [string, AnchorCheck]> = [
  ['dapi', databricksTokenAt],
  ['vs.', (text, at) => (text.charCodeAt(at - 1) === 104 ? vaultTokenAt(text, at - 1) : undefined)],
  ['vb.', (text, at) => (text.charCodeAt(at - 1) === 104 ? vaultTokenAt(text, at - 1) : undefined)],
  ['SG.', sendgridKeyAt],
  ['Q~', azureClientSecretAt],
  ['%3D', azureSasSignatureEndingAt],
  ['==', azureStorageKeyAt],
  // Long enough for V8's skipping search, which rarely looks at the common first letter.
  ['hooks.slack.com', slackWebhookAt],
  ...TOKEN_NAME_LITERALS.map((name): readonly [string, AnchorCheck] => [name, (text, at) => namedTokenAt(text, at, at + name.length)]),
];

/** URLs with userinfo: their findings are generic and kept apart (see withoutOverlaps). */
const URL_SCHEME_SEPARATOR = '://';
const LITERALS = [...LITERAL_ANCHORS.map(([literal]) => literal), URL_SCHEME_SEPARATOR];

/**
 * Lines of context the detector needs on each side of a changed range: key id / secret pairing
 * looks PAIR_WINDOW_LINES away, and a marker or a name can sit one line above its value.
 */
export const CONTEXT_LINES = PAIR_WINDOW_LINES + 1;

/** Search window after a session-token name for its value. */
const SESSION_NAME_LOOKAHEAD = 120; // below 2 × MIN_SESSION_TOKEN_LENGTH (see mayHoldSessionToken)

/**
 * Finds secrets in `text`. Pure and deterministic: the same text always gives the same findings,
 * in order of position. Inline-marked findings are dropped unless `honourInlineMarkers` is false.
 */
export function detectSecrets(text: string, options: DetectOptions = {}): Finding[] {
  const raws = findRaw(text);
  raws.push(...findDecoded(text, findRaw)); // base64, escaped and split values (decode/)
  if (raws.length === 0) return [];
  return toFindings(text, new LineCursor(text), dedupe(raws), options);
}

/** One pass of every rule over plain text; decoded texts go through here too. */
function findRaw(text: string): RawFinding[] {
  const raws: RawFinding[] = [];
  const keyIds: RawFinding[] = [];
  const names: SecretName[] = [];

  const ends = new EndMarkerCursor(text);
  const emails = new ClientEmailCursor(text);
  FIXED_ANCHORS.lastIndex = 0;
  for (let m = FIXED_ANCHORS.exec(text); m; m = FIXED_ANCHORS.exec(text)) {
    const at = m.index;
    const anchor = m[0];
    let found: RawFinding | undefined;
    if (anchor === 'AIza') found = googleApiKeyAt(text, at);
    else if (anchor[0] === 'A' && anchor[1] !== 'Q') {
      found = keyIdAt(text, at);
      if (found) keyIds.push(found);
    } else if (anchor[0] === '-') {
      found = privateKeyAt(text, at, ends);
      if (found) found = asServiceAccountKey(text, found, emails);
    }
    else found = sessionTokenAt(text, at, 'high');
    if (!found) continue;
    raws.push(found);
    // Nothing else starts inside a token or a key block; skipping it also keeps big blobs cheap.
    FIXED_ANCHORS.lastIndex = Math.max(FIXED_ANCHORS.lastIndex, found.end);
  }

  PREFIX_ANCHORS.lastIndex = 0;
  for (let m = PREFIX_ANCHORS.exec(text); m; m = PREFIX_ANCHORS.exec(text)) {
    const found = tokenAtPrefix(text, m.index + 1 - m[1].length, m[1]);
    if (!found) continue;
    raws.push(found);
    PREFIX_ANCHORS.lastIndex = Math.max(PREFIX_ANCHORS.lastIndex, found.end);
  }

  // URL passwords are generic: a token or AWS secret standing in the password position wins.
  const urlPasswords: RawFinding[] = [];
  scanLiterals(text, LITERALS, (index, at) => {
    if (index === LITERAL_ANCHORS.length) {
      const password = urlPasswordAt(text, at);
      if (password) urlPasswords.push(password);
      return undefined;
    }
    const found = LITERAL_ANCHORS[index][1](text, at);
    if (!found) return undefined;
    raws.push(found);
    return found.end;
  });

  NAME_ANCHORS.lastIndex = 0;
  for (let m = NAME_ANCHORS.exec(text); m; m = NAME_ANCHORS.exec(text)) {
    const hitEnd = m.index + m[0].length;
    if (m[0].length === 6) {
      const name = secretNameAt(text, m.index, hitEnd);
      if (name) names.push(name);
    } else {
      const token = sessionTokenAfterName(text, hitEnd);
      if (token) raws.push(token);
    }
  }

  const lines = new LineCursor(text);
  if (keyIds.length > 0 || names.length > 0) raws.push(...findSecrets(text, lines, names, keyIds));
  raws.push(...namedSecrets(text)); // Slack signing secrets, SES SMTP passwords (named.ts)
  if (urlPasswords.length > 0) raws.push(...withoutOverlaps(urlPasswords, raws));
  return raws;
}

/** The `generic` findings (in increasing order of start) that overlap none of `specific`. */
function withoutOverlaps(generic: RawFinding[], specific: RawFinding[]): RawFinding[] {
  if (specific.length === 0) return generic;
  const sorted = [...specific].sort((a, b) => a.start - b.start);
  const out: RawFinding[] = [];
  let j = 0;
  for (const g of generic) {
    while (j < sorted.length && sorted[j].end <= g.start) j++;
    // Those skipped end before an earlier generic start; those after sorted[j] start after it.
    if (j < sorted.length && sorted[j].start < g.end) continue;
    out.push(g);
  }
  return out;
}

/**
 * Cheap necessary condition for sessionTokenAfterName: a run of MIN_SESSION_TOKEN_LENGTH or more
 * starting in the lookahead window covers its 100th or its last character (the window is shorter
 * than two minimum runs), so one of those two sits in a run that long. In code (`sessionToken` in a
 * bundle) both sit in short identifiers, and a few reads rule the window out before it is walked
 * run by run.
 */
function mayHoldSessionToken(text: string, from: number): boolean {
  return inLongRun(text, from + MIN_SESSION_TOKEN_LENGTH - 1) || inLongRun(text, from + SESSION_NAME_LOOKAHEAD - 1);
}

function inRun(c: number): boolean {
  return isBase64Char(c) || c === 37; // % of %2F / %2B
}

/** True when `at` is in a run of MIN_SESSION_TOKEN_LENGTH base64 or `%` characters (`%2F` counts as 3: a bound, not a length). */
function inLongRun(text: string, at: number): boolean {
  if (!inRun(text.charCodeAt(at))) return false;
  let start = at;
  while (start > 0 && at - start < MIN_SESSION_TOKEN_LENGTH && inRun(text.charCodeAt(start - 1))) start--;
  let end = at + 1;
  while (end - start < MIN_SESSION_TOKEN_LENGTH && inRun(text.charCodeAt(end))) end++;
  return end - start >= MIN_SESSION_TOKEN_LENGTH;
}

/** A session token named `aws_session_token`, `SessionToken`, `X-Amz-Security-Token`... without a known prefix. */
function sessionTokenAfterName(text: string, from: number): RawFinding | undefined {
  if (!mayHoldSessionToken(text, from)) return undefined;
  const limit = Math.min(text.length, from + SESSION_NAME_LOOKAHEAD);
  for (let i = from; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return undefined;
    if (!isBase64Char(c)) continue;
    if (i > from && isBase64Char(text.charCodeAt(i - 1)) && !isEscapeBefore(text, i)) continue;
    const token = sessionTokenAt(text, i, 'medium');
    if (token) return token;
  }
  return undefined;
}

/** The same value can be reached from two anchors (a prefixed session token and its name): keep one. */
function dedupe(raws: RawFinding[]): RawFinding[] {
  raws.sort((a, b) => a.start - b.start || (a.confidence === 'high' ? -1 : 1));
  const out: RawFinding[] = [];
  for (const r of raws) {
    const last = out[out.length - 1];
    if (last && r.start < last.end) continue;
    out.push(r);
  }
  return out;
}

/** Stable, non-reversible id of a finding: the first 16 hex digits of sha256(ruleId:value). */
export function fingerprintOf(ruleId: string, value: string): string {
  // Loaded on the first finding: node:crypto costs a scan ~5 ms to load, and most scans (a commit,
  // a clean tree) find nothing.
  const { createHash } = require('node:crypto') as typeof Crypto;
  return createHash('sha256').update(`${ruleId}:${value}`).digest('hex').slice(0, 16);
}

/** Line positions of every offset the findings need (starts, last characters, pair partners). */
function locateAll(lines: LineCursor, offsets: number[]): Map<number, LinePosition> {
  return new Map(offsets.map((o) => [o, lines.locate(o)]));
}

function rangeOf(at: Map<number, LinePosition>, start: number, end: number): SecretRange {
  const first = at.get(start)!;
  const last = at.get(Math.max(start, end - 1))!;
  return { line: first.line, startColumn: start - first.lineStart, endLine: last.line, endColumn: end - last.lineStart };
}

/**
 * True when the inline marker sits on the finding's line or the line above. Markers are searched
 * with a forward-only cursor, so many findings cost one pass over the text, not one each.
 */
class MarkerCursor {
  private next = -2;

  constructor(private readonly text: string) {}

  marks(line: LinePosition): boolean {
    const from = line.previousLineStart;
    if (this.next === -2 || (this.next !== -1 && this.next < from)) this.next = this.text.indexOf(INLINE_IGNORE_MARKER, from);
    return this.next !== -1 && this.next < line.lineEnd;
  }
}

function toFindings(text: string, lines: LineCursor, raws: RawFinding[], options: DetectOptions): Finding[] {
  const includeExamples = options.includeExamples ?? true;
  const offsets: number[] = [];
  for (const r of raws) {
    offsets.push(r.start, Math.max(r.start, r.end - 1));
    if (r.pair) offsets.push(r.pair.start, Math.max(r.pair.start, r.pair.end - 1));
  }
  const at = locateAll(lines, offsets);
  const markers = options.honourInlineMarkers === false ? undefined : new MarkerCursor(text);
  const findings: Finding[] = [];
  for (const raw of raws) {
    if (!includeExamples && raw.ruleId === 'aws-example-key') continue;
    if (markers?.marks(at.get(raw.start)!)) continue;
    const finding: Finding = {
      ruleId: raw.ruleId,
      kind: ruleById(raw.ruleId).kind,
      range: rangeOf(at, raw.start, raw.end),
      masked: raw.masked,
      confidence: raw.confidence,
      fingerprint: fingerprintOf(raw.ruleId, raw.value),
    };
    if (raw.accountId) finding.accountId = raw.accountId;
    if (raw.encoded) finding.encoded = raw.encoded;
    if (raw.pair) finding.pairedWith = { ruleId: raw.pair.ruleId, range: rangeOf(at, raw.pair.start, raw.pair.end) };
    findings.push(finding);
  }
  return findings;
}
