/**
 * Cloud and infrastructure tokens with a distinctive shape. Format facts, from each provider's
 * documentation:
 * - Databricks personal access tokens (docs.databricks.com/en/dev-tools/auth/pat.html): `dapi` + 32
 *   lowercase hex digits, sometimes a `-N` suffix.
 * - HashiCorp Vault (developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes): service
 *   tokens `hvs.`, batch tokens `hvb.`; 90+ URL-safe characters after the prefix (batch tokens are
 *   longer). Legacy `s.` tokens need their name: see namedTokens.ts.
 * - Tailscale (tailscale.com/kb/1085/auth-keys, /kb/1101/api): `tskey-<kind>-<key id>-<secret>`,
 *   kinds `auth`, `api`, `client`, `scim`, `webhook`; older auth keys omit the kind.
 * - Docker Hub (docs.docker.com/security/for-developers/access-tokens/): personal access tokens
 *   `dckr_pat_`, organization access tokens `dckr_oat_`, then 27 URL-safe characters.
 * - Grafana (grafana.com/docs/grafana/latest/administration/service-accounts/, Grafana Cloud
 *   access policies): service account tokens `glsa_` + 32 alphanumerics + `_` + 8 hex checksum;
 *   Cloud access policy tokens `glc_` + base64 of a JSON object (so `glc_eyJ`).
 * - 1Password service accounts (developer.1password.com/docs/service-accounts/): `ops_` + base64
 *   of a JSON object (`ops_eyJ`), several hundred characters.
 * - Azure (learn.microsoft.com/entra/identity-platform/how-to-add-credentials): client secrets
 *   issued since 2022 have 3 characters, a digit, `Q~`, then 31-34 characters of [A-Za-z0-9_~.-];
 *   SAS tokens (learn.microsoft.com/rest/api/storageservices/create-service-sas) carry the signed
 *   version `sv=YYYY-MM-DD` and the signature `sig=`, a URL-encoded base64 HMAC-SHA256 (32 bytes).
 */
import type { RawFinding } from './raw';
import { isAlnum, localLineEnd, localLineStart } from './text';
import { finding, looksIssued, looksIssuedHex, matchAt, standsAlone } from './tokenShape';

const DATABRICKS = /dapi[0-9a-f]{32}(?:-[0-9])?(?![A-Za-z0-9_-])/y;
const VAULT = /hv[sb]\.[A-Za-z0-9_-]{90,400}(?![A-Za-z0-9_-])/y;
// Two regexes rather than an optional group holding a quantifier: no nested quantifiers anywhere.
const TAILSCALE = /tskey-[a-z]{3,8}-[A-Za-z0-9]{6,32}-[A-Za-z0-9]{16,64}(?![A-Za-z0-9_-])/y;
const TAILSCALE_WITHOUT_KIND = /tskey-[A-Za-z0-9]{6,32}-[A-Za-z0-9]{16,64}(?![A-Za-z0-9_-])/y;
const DOCKER_HUB = /dckr_[po]at_[A-Za-z0-9_-]{27}(?![A-Za-z0-9_-])/y;
const GRAFANA_SERVICE_ACCOUNT = /glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}(?![A-Za-z0-9_])/y;
const GRAFANA_CLOUD = /glc_eyJ[A-Za-z0-9+/]{29,1200}={0,2}(?![A-Za-z0-9+/=_])/y;
const ONEPASSWORD = /ops_eyJ[A-Za-z0-9+/]{100,4000}={0,3}(?![A-Za-z0-9+/=_])/y;
const AZURE_CLIENT_SECRET = /[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/y;
const SAS_SIGNATURE = /[A-Za-z0-9+/%]{40,96}/y;
const SAS_VERSION = /[?&;=]sv=20[0-9]{2}-[0-9]{2}-[0-9]{2}/;
const SIGNATURE_MAX = 96;
/** How far back on the line a SAS signature looks for its `sv=` parameter. */
const SAS_LOOKBEHIND = 1024;

/** A Databricks personal access token at `start` (`dapi`). */
export function databricksTokenAt(text: string, start: number): RawFinding | undefined {
  if (!standsAlone(text, start)) return undefined;
  const value = matchAt(DATABRICKS, text, start);
  if (!value || !looksIssuedHex(value.slice(4, 36))) return undefined;
  return finding('databricks-token', start, value, 'high');
}

/** A Vault service or batch token at `start` (`hvs.`, `hvb.`). */
export function vaultTokenAt(text: string, start: number): RawFinding | undefined {
  if (!standsAlone(text, start)) return undefined;
  const value = matchAt(VAULT, text, start);
  if (!value || !looksIssued(value.slice(4))) return undefined;
  return finding('vault-token', start, value, 'high');
}

/** A Tailscale key of any kind at `start` (`tskey-`). */
export function tailscaleKeyAt(text: string, start: number): RawFinding | undefined {
  if (!standsAlone(text, start)) return undefined;
  const value = matchAt(TAILSCALE, text, start) ?? matchAt(TAILSCALE_WITHOUT_KIND, text, start);
  if (!value || !looksIssued(value.slice(value.lastIndexOf('-') + 1))) return undefined;
  return finding('tailscale-key', start, value, 'high');
}

/** A Docker Hub personal or organization access token at `start` (`dckr_pat_`, `dckr_oat_`). */
export function dockerHubTokenAt(text: string, start: number): RawFinding | undefined {
  if (!standsAlone(text, start)) return undefined;
  const value = matchAt(DOCKER_HUB, text, start);
  if (!value || !looksIssued(value.slice(9))) return undefined;
  return finding('docker-hub-token', start, value, 'high');
}

/** A Grafana service account token (`glsa_`) or Grafana Cloud access policy token (`glc_`) at `start`. */
export function grafanaTokenAt(text: string, start: number): RawFinding | undefined {
  if (!standsAlone(text, start)) return undefined;
  const serviceAccount = text.startsWith('glsa_', start);
  const value = matchAt(serviceAccount ? GRAFANA_SERVICE_ACCOUNT : GRAFANA_CLOUD, text, start);
  if (!value || !looksIssued(serviceAccount ? value.slice(5, 37) : value.slice(7))) return undefined;
  return finding('grafana-token', start, value, 'high');
}

/** A 1Password service account token at `start` (`ops_eyJ`). */
export function onePasswordTokenAt(text: string, start: number): RawFinding | undefined {
  if (!standsAlone(text, start)) return undefined;
  const value = matchAt(ONEPASSWORD, text, start);
  if (!value || !looksIssued(value.slice(7, 107))) return undefined;
  return finding('onepassword-service-account-token', start, value, 'high');
}

/** An Azure client secret whose `Q~` matched at `markerOffset` (the secret starts 4 characters earlier). */
export function azureClientSecretAt(text: string, markerOffset: number): RawFinding | undefined {
  const start = markerOffset - 4;
  if (start < 0) return undefined;
  const before = start > 0 ? text.charCodeAt(start - 1) : 32;
  if (isAlnum(before) || before === 95 || before === 126 || before === 46 || before === 45) return undefined;
  const value = matchAt(AZURE_CLIENT_SECRET, text, start);
  if (!value || !looksIssued(value.slice(6))) return undefined;
  return finding('azure-client-secret', start, value, 'high');
}

/**
 * The Azure SAS signature whose URL-encoded padding (`%3D`, as SAS URLs and tokens are written)
 * is at `padOffset`: the value runs back to its `sig=` parameter name.
 */
export function azureSasSignatureEndingAt(text: string, padOffset: number): RawFinding | undefined {
  let start = padOffset;
  for (const limit = Math.max(0, padOffset - SIGNATURE_MAX); start > limit; start--) {
    const c = text.charCodeAt(start - 1);
    if (!isAlnum(c) && c !== 37 && c !== 43 && c !== 47) break; // % + /
  }
  return text.startsWith('sig=', start - 4) ? azureSasSignatureAt(text, start - 4) : undefined;
}

/**
 * An Azure SAS signature whose `sig=` is at `nameOffset`: only in a query that also carries a
 * signed version (`sv=2020-…`), so other `sig` parameters stay quiet. The range is the signature.
 */
export function azureSasSignatureAt(text: string, nameOffset: number): RawFinding | undefined {
  const prev = text.charCodeAt(nameOffset - 1);
  if (prev !== 38 && prev !== 63 && prev !== 59) return undefined; // & ? ;
  const start = nameOffset + 4;
  const value = matchAt(SAS_SIGNATURE, text, start);
  if (!value || !value.endsWith('%3D')) return undefined;
  const decoded = value.replace(/%2[Bb]/g, '+').replace(/%2[Ff]/g, '/').replace(/%3[Dd]/g, '=');
  // 32 bytes of HMAC-SHA256 are 43 base64 characters and one `=`; any other `%` is not base64.
  if (decoded.length !== 44 || !decoded.endsWith('=') || decoded.includes('%') || !looksIssued(decoded.slice(0, 43))) return undefined;
  const query = text.slice(localLineStart(text, nameOffset, SAS_LOOKBEHIND), localLineEnd(text, start, SAS_LOOKBEHIND));
  if (!SAS_VERSION.test(query)) return undefined;
  return finding('azure-sas-token', start, value, 'high');
}
