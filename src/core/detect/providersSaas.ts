/**
 * SaaS tokens with a fixed prefix. Format facts, from each provider's documentation:
 * - SendGrid API keys (docs.sendgrid.com/ui/account-and-settings/api-keys): `SG.` + 22-character
 *   key id + `.` + 43-character secret, URL-safe base64.
 * - Shopify (shopify.dev/docs/apps/build/authentication-authorization/access-tokens): admin API
 *   access tokens `shpat_`, custom app tokens `shpca_`, private app passwords `shppa_`, shared
 *   secrets `shpss_`, each + 32 hex digits.
 * - Linear (linear.app/developers/graphql#personal-api-keys): `lin_api_` + 40 alphanumerics.
 * - Notion integrations (developers.notion.com/docs/authorization): `ntn_` + 11 digits + 35
 *   alphanumerics (since 2024), and the older `secret_` + 43 alphanumerics.
 * - Figma personal access tokens (developers.figma.com/docs/rest-api/authentication): `figd_` + a
 *   URL-safe body of about 40 characters.
 * - Slack (api.slack.com/authentication/token-types, /authentication/rotation): app-level tokens
 *   `xapp-<n>-<app id>-<number>-<hex>`, refresh tokens `xoxe-<n>-…` and rotating access tokens
 *   `xoxe.xoxp-<n>-…` / `xoxe.xoxb-<n>-…`.
 * - GitHub App installation tokens in the stateless format announced in 2026
 *   (github.blog/changelog/2026-04-24-notice-about-upcoming-new-format-for-github-app-installation-tokens):
 *   `ghs_<app id>_<JWT>`, about 520 characters. The classic 40-character `ghs_` form is in providers.ts.
 */
import type { RawFinding } from './raw';
import { finding, looksIssued, looksIssuedHex, matchAt, standsAlone } from './tokenShape';

const SENDGRID = /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_.-])/y;
const SHOPIFY = /shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![A-Za-z0-9_])/y;
const LINEAR = /lin_api_[A-Za-z0-9]{40}(?![A-Za-z0-9_])/y;
const NOTION = /ntn_[0-9]{11}[A-Za-z0-9]{35}(?![A-Za-z0-9_])/y;
const NOTION_LEGACY = /secret_[A-Za-z0-9]{43}(?![A-Za-z0-9_])/y;
const FIGMA = /figd_[A-Za-z0-9_-]{30,64}(?![A-Za-z0-9_-])/y;
const SLACK_APP = /xapp-[0-9]-[A-Z0-9]{8,14}-[0-9]{8,16}-[A-Za-z0-9]{32,80}(?![A-Za-z0-9_-])/y;
const SLACK_REFRESH = /xoxe(?:-|\.xox[bp]-)[0-9]-[A-Za-z0-9]{100,200}(?![A-Za-z0-9_-])/y;
const GITHUB_INSTALLATION = /ghs_[0-9]{1,12}_eyJ[A-Za-z0-9_-]{8,1200}\.[A-Za-z0-9_-]{10,1200}\.[A-Za-z0-9_-]{10,1200}(?![A-Za-z0-9_.-])/y;

function prefixed(re: RegExp, ruleId: string, body: (value: string) => string, hex = false) {
  return (text: string, start: number): RawFinding | undefined => {
    if (!standsAlone(text, start)) return undefined;
    const value = matchAt(re, text, start);
    if (!value || !(hex ? looksIssuedHex : looksIssued)(body(value))) return undefined;
    return finding(ruleId, start, value, 'high');
  };
}

/** A SendGrid API key at `start` (`SG.`). */
export const sendgridKeyAt = prefixed(SENDGRID, 'sendgrid-api-key', (v) => v.slice(26));
/** A Shopify access token or shared secret at `start` (`shpat_`, `shpca_`, `shppa_`, `shpss_`). */
export const shopifyTokenAt = prefixed(SHOPIFY, 'shopify-token', (v) => v.slice(6), true);
/** A Linear personal API key at `start` (`lin_api_`). */
export const linearKeyAt = prefixed(LINEAR, 'linear-api-key', (v) => v.slice(8));
/** A Notion integration token at `start` (`ntn_`). */
export const notionTokenAt = prefixed(NOTION, 'notion-token', (v) => v.slice(15));
/** A legacy Notion integration token at `start` (`secret_`): 43 random alphanumerics, nothing else. */
export const notionLegacyTokenAt = prefixed(NOTION_LEGACY, 'notion-token', (v) => v.slice(7));
/** A Figma personal access token at `start` (`figd_`). */
export const figmaTokenAt = prefixed(FIGMA, 'figma-token', (v) => v.slice(5));
/** A Slack app-level token at `start` (`xapp-`). */
export const slackAppTokenAt = prefixed(SLACK_APP, 'slack-app-token', (v) => v.slice(v.lastIndexOf('-') + 1));
/** A Slack refresh token or rotating access token at `start` (`xoxe-`, `xoxe.xoxp-`). */
export const slackRefreshTokenAt = prefixed(SLACK_REFRESH, 'slack-refresh-token', (v) => v.slice(v.lastIndexOf('-') + 1, v.lastIndexOf('-') + 101));
/** A stateless GitHub App installation token at `start` (`ghs_<app id>_<JWT>`). */
export const githubInstallationTokenAt = prefixed(GITHUB_INSTALLATION, 'github-app-installation-token', (v) => v.slice(v.lastIndexOf('.') + 1));
