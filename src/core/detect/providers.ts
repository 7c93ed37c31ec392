/**
 * Other providers' tokens, each recognised from its documented prefix and shape. Every function
 * takes the offset where its anchor matched and does constant work (bounded by the token length).
 */
import { maskSecret } from '../keys';
import { hasValidTokenChecksum } from './checksum';
import type { RawFinding } from './raw';
import { charStats, looksLikePlaceholder, startsToken } from './text';

// Sticky regexes: matched exactly at an offset, never scanning ahead.
const GITHUB_CLASSIC = /gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/y;
const GITHUB_FINE_GRAINED = /github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])/y;
const GITLAB = /glpat-[A-Za-z0-9_-]{20,80}(?:\.[0-9a-z]{2}\.[0-9a-z]{7,12})?(?![A-Za-z0-9_-])/y;
const SLACK = /xox[baprs]-(?:[0-9]{1,16}-){1,4}[A-Za-z0-9]{8,64}(?![A-Za-z0-9-])/y;
const SLACK_WEBHOOK = /hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,32}(?![A-Za-z0-9])/y;
const STRIPE = /[rs]k_live_[A-Za-z0-9]{20,247}(?![A-Za-z0-9_])/y;
const GOOGLE = /AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/y;
const NPM = /npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/y;

function matchAt(re: RegExp, text: string, offset: number): string | undefined {
  re.lastIndex = offset;
  const m = re.exec(text);
  return m ? m[0] : undefined;
}

function finding(ruleId: string, start: number, value: string, confidence: RawFinding['confidence']): RawFinding {
  return { ruleId, start, end: start + value.length, value, masked: maskSecret(value), confidence };
}

/** Random-looking enough to be issued, not typed by a human as filler. */
function looksIssued(body: string): boolean {
  if (looksLikePlaceholder(body)) return false;
  const s = charStats(body);
  return s.distinct >= Math.min(10, Math.floor(body.length / 2)) && s.transitions >= Math.floor(body.length / 5);
}

/** The token whose `_` or `-` separator matched at `sepOffset` (ghp_, github_pat_, npm_, sk_live_, glpat-, xoxb-). */
export function prefixedTokenAt(text: string, sepOffset: number): RawFinding | undefined {
  const sep = text[sepOffset];
  if (sep === '-') {
    if (text.startsWith('glpat', sepOffset - 5)) return gitlabAt(text, sepOffset - 5);
    return slackAt(text, sepOffset - 4);
  }
  if (text.startsWith('github_pat', sepOffset - 10)) return fineGrainedAt(text, sepOffset - 10);
  if (text.startsWith('_live', sepOffset - 5)) return stripeAt(text, sepOffset - 7);
  if (text.startsWith('npm', sepOffset - 3)) return npmAt(text, sepOffset - 3);
  return githubClassicAt(text, sepOffset - 3);
}

function githubClassicAt(text: string, start: number): RawFinding | undefined {
  if (start < 0 || !startsToken(text, start) || text.charCodeAt(start - 1) === 95) return undefined;
  const value = matchAt(GITHUB_CLASSIC, text, start);
  // A wrong checksum means GitHub never issued it: test data or a truncated copy.
  if (!value || !hasValidTokenChecksum(value)) return undefined;
  return finding('github-classic-token', start, value, 'high');
}

function fineGrainedAt(text: string, start: number): RawFinding | undefined {
  if (start < 0 || !startsToken(text, start)) return undefined;
  const value = matchAt(GITHUB_FINE_GRAINED, text, start);
  if (!value || !looksIssued(value.slice(11))) return undefined;
  return finding('github-fine-grained-token', start, value, 'high');
}

function gitlabAt(text: string, start: number): RawFinding | undefined {
  if (start < 0 || !startsToken(text, start)) return undefined;
  const value = matchAt(GITLAB, text, start);
  if (!value || !looksIssued(value.slice(6, 26))) return undefined;
  return finding('gitlab-token', start, value, 'high');
}

function slackAt(text: string, start: number): RawFinding | undefined {
  if (start < 0 || !startsToken(text, start)) return undefined;
  const value = matchAt(SLACK, text, start);
  if (!value) return undefined;
  const secretPart = value.slice(value.lastIndexOf('-') + 1);
  if (!looksIssued(secretPart)) return undefined;
  return finding('slack-token', start, value, 'high');
}

function stripeAt(text: string, start: number): RawFinding | undefined {
  if (start < 0 || !startsToken(text, start)) return undefined;
  const value = matchAt(STRIPE, text, start);
  if (!value || !looksIssued(value.slice(8))) return undefined;
  return finding('stripe-live-key', start, value, 'high');
}

function npmAt(text: string, start: number): RawFinding | undefined {
  if (start < 0 || !startsToken(text, start)) return undefined;
  const value = matchAt(NPM, text, start);
  if (!value || !looksIssued(value.slice(4))) return undefined;
  // npm tokens carry the same CRC32 checksum as GitHub's; older generators may not, so it only raises confidence.
  return finding('npm-token', start, value, hasValidTokenChecksum(value) ? 'high' : 'medium');
}

/** A Google API key starting at `start` (the `AIza` anchor). */
export function googleApiKeyAt(text: string, start: number): RawFinding | undefined {
  if (!startsToken(text, start) || text.charCodeAt(start - 1) === 45 || text.charCodeAt(start - 1) === 95) return undefined;
  const value = matchAt(GOOGLE, text, start);
  if (!value || !looksIssued(value.slice(4))) return undefined;
  return finding('google-api-key', start, value, 'high');
}

/** A Slack incoming webhook URL whose host matched at `hostOffset`; the range includes `https://`. */
export function slackWebhookAt(text: string, hostOffset: number): RawFinding | undefined {
  const value = matchAt(SLACK_WEBHOOK, text, hostOffset);
  if (!value) return undefined;
  if (!looksIssued(value.slice(value.lastIndexOf('/') + 1))) return undefined;
  const scheme = text.startsWith('https://', hostOffset - 8) ? 8 : text.startsWith('http://', hostOffset - 7) ? 7 : 0;
  const start = hostOffset - scheme;
  return finding('slack-webhook', start, text.slice(start, hostOffset + value.length), 'high');
}
