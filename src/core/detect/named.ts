/**
 * Secrets known only by their name: a Slack signing secret (32 hex digits under a signing-secret
 * name) and an Amazon SES SMTP password (44 base64 characters that decode to version byte 0x04 and
 * a 32-byte signature, under an SMTP-password name, e.g. terraform's `ses_smtp_password_v4`).
 */
import { maskSecret } from '../keys';
import type { RawFinding } from './raw';
import { charStats, looksLikePlaceholder } from './text';

const NAMES = /signing[_-]?secret|smtp[_-]?pass/gi;
/** How far after the name its value may start (same line). */
const LOOKAHEAD = 80;
const HEX32 = /[0-9a-f]{32}(?![0-9A-Za-z])/y;
const SES_PASSWORD = /B[A-Za-z0-9+/]{43}(?![A-Za-z0-9+/=])/y;
// A name for something other than the value itself.
const NOT_A_VALUE = /hash|digest|name|path|file|arn|id\b|version_?id/i;

function nameAround(text: string, start: number, end: number): string {
  let s = start;
  let e = end;
  while (s > 0 && start - s < 64 && /[\w.-]/.test(text[s - 1])) s--;
  while (e < text.length && e - end < 64 && /[\w.-]/.test(text[e])) e++;
  return text.slice(s, e);
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

/** Slack signing secrets and SES SMTP passwords under their names. */
export function namedSecrets(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  NAMES.lastIndex = 0;
  for (let m = NAMES.exec(text); m; m = NAMES.exec(text)) {
    const name = nameAround(text, m.index, m.index + m[0].length);
    if (NOT_A_VALUE.test(name.replace(/smtp[_-]?pass(word)?/i, ''))) continue;
    const at = valueStart(text, m.index + m[0].length);
    if (at < 0) continue;
    const slack = m[0].toLowerCase().startsWith('signing');
    const re = slack ? HEX32 : SES_PASSWORD;
    re.lastIndex = at;
    const v = re.exec(text)?.[0];
    if (!v || looksLikePlaceholder(v) || charStats(v).distinct < 10) continue;
    if (!slack) {
      const bytes = Buffer.from(v, 'base64');
      if (bytes.length !== 33 || bytes[0] !== 4) continue;
    }
    out.push({
      ruleId: slack ? 'slack-signing-secret' : 'aws-ses-smtp-password',
      start: at,
      end: at + v.length,
      value: v,
      masked: maskSecret(v),
      confidence: 'high',
    });
    NAMES.lastIndex = Math.max(NAMES.lastIndex, at + v.length);
  }
  return out;
}
