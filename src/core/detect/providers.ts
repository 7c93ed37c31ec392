/**
 * Other providers' tokens, each recognised from its documented prefix and shape. Every function
 * takes the offset where its token starts and does constant work (bounded by the token length).
 * The detector finds prefixes with PREFIX_LOOKBEHIND (anchored on the separator, which is rarer
 * than a prefix's first letter) and hands the matched prefix to {@link tokenAtPrefix}; prefixes
 * ending in `.` (hvs., hvb., SG.) are searched as literals, dots being too common to anchor on.
 * Format facts of the rules added here live beside them: providersAi.ts, providersCloud.ts,
 * providersSaas.ts.
 */
import { hasValidTokenChecksum } from './checksum';
import {
  dockerHubTokenAt,
  grafanaTokenAt,
  onePasswordTokenAt,
  tailscaleKeyAt,
} from './providersCloud';
import { groqKeyAt, huggingFaceTokenAt, skDashKeyAt } from './providersAi';
import {
  figmaTokenAt,
  githubInstallationTokenAt,
  linearKeyAt,
  notionLegacyTokenAt,
  notionTokenAt,
  shopifyTokenAt,
  slackAppTokenAt,
  slackRefreshTokenAt,
} from './providersSaas';
import type { RawFinding } from './raw';
import { isAlnum, startsToken } from './text';
import { finding, looksIssued, matchAt } from './tokenShape';


// Sticky regexes: matched exactly at an offset, never scanning ahead.
const GITHUB_CLASSIC = /gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/y;
const GITHUB_FINE_GRAINED = /github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])/y;
// Routable GitLab tokens end in `.<2>.<7-12>`; tried first, then the plain form (two regexes rather
// than an optional group holding quantifiers: no nested quantifiers anywhere).
const GITLAB_ROUTABLE = /glpat-[A-Za-z0-9_-]{20,80}\.[0-9a-z]{2}\.[0-9a-z]{7,12}(?![A-Za-z0-9_-])/y;
const GITLAB = /glpat-[A-Za-z0-9_-]{20,80}(?![A-Za-z0-9_-])/y;
const SLACK_WEBHOOK = /hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,32}(?![A-Za-z0-9])/y;
const STRIPE = /[rs]k_live_[A-Za-z0-9]{20,247}(?![A-Za-z0-9_])/y;
const GOOGLE = /AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/y;
const NPM = /npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/y;

/**
 * Every prefix up to and including its separator (`_` or `-`), as a lookbehind source for the
 * detector's anchor regex; the captured text is the key of PREFIX_HANDLERS.
 */
export const PREFIX_LOOKBEHIND =
  '(?<=(gh[pousr]_|github_pat_|npm_|[rs]k_live_|hf_|gsk_|dckr_[po]at_|glsa_|glc_|ops_|shp(?:at|ca|pa|ss)_|lin_api_|secret_|ntn_|figd_' +
  '|glpat-|xox[baprse]-|xapp-|sk-|tskey-))';

type TokenAt = (text: string, start: number) => RawFinding | undefined;

const PREFIX_HANDLERS = new Map<string, TokenAt>([
  ['ghp_', githubClassicAt], ['gho_', githubClassicAt], ['ghu_', githubClassicAt], ['ghr_', githubClassicAt],
  ['ghs_', (text, start) => githubClassicAt(text, start) ?? githubInstallationTokenAt(text, start)],
  ['github_pat_', fineGrainedAt], ['npm_', npmAt], ['sk_live_', stripeAt], ['rk_live_', stripeAt],
  ['glpat-', gitlabAt], ['xoxb-', slackOrRotatingAt], ['xoxa-', slackAt], ['xoxp-', slackOrRotatingAt], ['xoxr-', slackAt], ['xoxs-', slackAt],
  ['xoxe-', slackRefreshTokenAt], ['xapp-', slackAppTokenAt],
  ['sk-', skDashKeyAt], ['hf_', huggingFaceTokenAt], ['gsk_', groqKeyAt],
  ['tskey-', tailscaleKeyAt],
  ['dckr_pat_', dockerHubTokenAt], ['dckr_oat_', dockerHubTokenAt], ['glsa_', grafanaTokenAt], ['glc_', grafanaTokenAt],
  ['ops_', onePasswordTokenAt],
  ['shpat_', shopifyTokenAt], ['shpca_', shopifyTokenAt], ['shppa_', shopifyTokenAt], ['shpss_', shopifyTokenAt],
  ['lin_api_', linearKeyAt], ['ntn_', notionTokenAt], ['secret_', notionLegacyTokenAt], ['figd_', figmaTokenAt],
]);

/** The token starting at `start` whose prefix (captured by PREFIX_LOOKBEHIND) is `prefix`. */
export function tokenAtPrefix(text: string, start: number, prefix: string): RawFinding | undefined {
  if (start < 0) return undefined;
  return PREFIX_HANDLERS.get(prefix)?.(text, start);
}

/** A Slack bot or user token, or a rotating access token whose `xoxe.` comes just before it. */
function slackOrRotatingAt(text: string, start: number): RawFinding | undefined {
  return text.startsWith('xoxe.', start - 5) ? slackRefreshTokenAt(text, start - 5) : slackAt(text, start);
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
  const value = matchAt(GITLAB_ROUTABLE, text, start) ?? matchAt(GITLAB, text, start);
  if (!value || !looksIssued(value.slice(6, 26))) return undefined;
  return finding('gitlab-token', start, value, 'high');
}

const SLACK_NUMBER_MAX = 16;
const SLACK_NUMBERS_MAX = 4;

/**
 * End of the Slack token `xox?-<n>-[<n>-…]<secret>` starting at `start`, or -1: one to four numeric
 * parts of up to 16 digits, each followed by `-`, then 8-64 alphanumerics not followed by a letter,
 * digit or `-`. Walked by hand: as a regex it needs a repeated group holding a quantifier.
 */
function slackTokenEnd(text: string, start: number): number {
  let i = start + 5;
  let numbers = 0;
  while (numbers < SLACK_NUMBERS_MAX) {
    let j = i;
    while (j - i <= SLACK_NUMBER_MAX && isDigit(text.charCodeAt(j))) j++;
    if (j === i || j - i > SLACK_NUMBER_MAX || text.charCodeAt(j) !== 45) break;
    numbers++;
    i = j + 1;
  }
  if (numbers === 0) return -1;
  let end = i;
  while (end - i <= 64 && isAlnum(text.charCodeAt(end))) end++;
  if (end - i < 8 || end - i > 64 || text.charCodeAt(end) === 45) return -1;
  return end;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function slackAt(text: string, start: number): RawFinding | undefined {
  if (start < 0 || !startsToken(text, start)) return undefined;
  const end = slackTokenEnd(text, start);
  if (end === -1) return undefined;
  const value = text.slice(start, end);
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
