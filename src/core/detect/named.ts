/**
 * Secrets known only by their name: a Slack signing secret (32 hex digits under a signing-secret
 * name) and an Amazon SES SMTP password (44 base64 characters that decode to version byte 0x04 and
 * a 32-byte signature, under an SMTP-password name, e.g. terraform's `ses_smtp_password_v4`).
 */
import { maskSecret } from '../keys';
import type { RawFinding } from './raw';
import { charStats, localLineEnd, looksLikePlaceholder, startOfLinesAbove } from './text';
import { valueLinesBelow, valueStartIn } from './valueLines';

// Checked at an offset found by indexOf (a native scan is several times faster than a case-insensitive regex).
const NAME_AT = /signing[_-]?secret|smtp[_-]?pass/iy;
/** Literal pieces of the names in the cases names are written in, and how far into the name they start (rare first letters scan fastest). */
const NEEDLES: Array<[string, number]> = [['gning', 2], ['GNING', 2], ['mtp', 1], ['MTP', 1]];
/** How far after the name its value may start on its line (and how far a name's line is read). */
const LOOKAHEAD = 80;
const HEX32 = /[0-9a-f]{32}(?![0-9A-Za-z])/y;
const SES_PASSWORD = /B[A-Za-z0-9+/]{43}(?![A-Za-z0-9+/=])/y;
// A name for something other than the value itself.
const NOT_A_VALUE = /hash|digest|name|path|file|arn|id\b|version_?id/i;

function nameAround(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  while (s > 0 && start - s < 64 && /[\w.-]/.test(text[s - 1])) s--;
  while (e < text.length && e - end < 64 && /[\w.-]/.test(text[e])) e++;
  return { start: s, end: e };
}

/** Value starts on the lines below a name (a wrapped value, a name/value record's value entry). */
function valueStartsBelow(text: string, name: { start: number; end: number }): number[] {
  const lineStart = startOfLinesAbove(text, name.start, 0, LOOKAHEAD);
  const lineEnd = localLineEnd(text, name.end, LOOKAHEAD);
  return valueLinesBelow(text, lineStart, name.start, name.end, lineEnd)
    .map((line) => valueStartIn(text, line))
    .filter((at) => at >= 0);
}

/** The value assigned after the name (`= "v"`, `: v`, `": "v"`), when it is on the same line. */
function valueStart(text: string, from: number): number {
  const max = Math.min(text.length, from + LOOKAHEAD);
  let i = from;
  while (i < max && /[\w.-]/.test(text[i])) i++;
  let sawAssign = false;
  for (; i < max; i++) {
    const c = text[i];
    if (c === '\n') return -1;
    if (c === '=' || c === ':') sawAssign = true;
    else if (c !== ' ' && c !== '\t' && c !== '"' && c !== "'" && c !== '>') return sawAssign ? i : -1;
  }
  return -1;
}

/** The Slack signing secret or SES SMTP password starting at `at`, if one does. */
function valueAt(text: string, at: number, slack: boolean): string | undefined {
  const re = slack ? HEX32 : SES_PASSWORD;
  re.lastIndex = at;
  const v = re.exec(text)?.[0];
  if (!v || looksLikePlaceholder(v) || charStats(v).distinct < 10) return undefined;
  if (!slack) {
    const bytes = Buffer.from(v, 'base64');
    if (bytes.length !== 33 || bytes[0] !== 4) return undefined;
  }
  return v;
}

/** Slack signing secrets and SES SMTP passwords under their names. */
export function namedSecrets(text: string): RawFinding[] {
  const hits: number[] = [];
  for (const [needle, into] of NEEDLES) {
    for (let i = text.indexOf(needle, into); i !== -1; i = text.indexOf(needle, i + needle.length)) hits.push(i - into);
  }
  if (hits.length === 0) return [];
  hits.sort((a, b) => a - b);
  const out: RawFinding[] = [];
  let done = 0;
  for (const hit of hits) {
    if (hit < done) continue;
    NAME_AT.lastIndex = hit;
    const m = NAME_AT.exec(text);
    if (!m) continue;
    const name = nameAround(text, hit, hit + m[0].length);
    if (NOT_A_VALUE.test(text.slice(name.start, name.end).replace(/smtp[_-]?pass(word)?/i, ''))) continue;
    const sameLine = valueStart(text, hit + m[0].length);
    const slack = m[0].toLowerCase().startsWith('signing');
    let at = -1;
    let v: string | undefined;
    for (const start of sameLine >= 0 ? [sameLine] : valueStartsBelow(text, name)) {
      v = valueAt(text, start, slack);
      at = start;
      if (v) break;
    }
    if (!v) continue;
    out.push({
      ruleId: slack ? 'slack-signing-secret' : 'aws-ses-smtp-password',
      start: at,
      end: at + v.length,
      value: v,
      masked: maskSecret(v),
      confidence: 'high',
    });
    done = at + v.length;
  }
  return out;
}
