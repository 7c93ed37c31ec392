/**
 * Tokens without a distinctive prefix, reported only where a provider's name introduces them on the
 * same line (`CLOUDFLARE_API_TOKEN=…`, `"vercelToken": "…"`, `X-Vault-Token: s.…`,
 * `AccountKey=…`). Format facts, from the providers' documentation:
 * - Cloudflare (developers.cloudflare.com/fundamentals/api/get-started/create-token/): API tokens
 *   are 40 characters of [A-Za-z0-9_-]; the legacy Global API Key is 37 lowercase hex digits.
 * - Vercel (vercel.com/docs/rest-api#creating-an-access-token): access tokens are 24 alphanumerics.
 * - HashiCorp Vault before 1.10 (developer.hashicorp.com/vault/docs/concepts/tokens): service
 *   tokens `s.` + 24 alphanumerics.
 * - Azure Storage (learn.microsoft.com/azure/storage/common/storage-account-keys-manage): account
 *   keys are 64 random bytes in base64, 88 characters ending in `==`, named `AccountKey=` in
 *   connection strings.
 */
import type { RawFinding } from './raw';
import { isAlnum, isHex } from './text';
import { finding, looksIssued, looksIssuedHex } from './tokenShape';

/** The provider names the detector's name anchors match (lower case), one handler each. */
export const PROVIDER_NAME_PATTERN = 'cloudflare|cf_api_|vercel|vault|account[_-]?key|storage[_-]?key';

const NAME_MAX = 48;
const GAP_MAX = 12;
const VALUE_MAX = 256;

const CLOUDFLARE_TOKEN = /^[A-Za-z0-9_-]{40}$/;
const CLOUDFLARE_GLOBAL_KEY = /^[a-f0-9]{37}$/;
const VERCEL = /^[A-Za-z0-9]{24}$/;
const VAULT_LEGACY = /^s\.[A-Za-z0-9]{24}$/;
const AZURE_STORAGE_KEY = /^[A-Za-z0-9+/]{86}==$/;
// The name must say it holds a credential: CLOUDFLARE_ZONE_ID or VERCEL_PROJECT_ID do not.
const CREDENTIAL_WORD = /token|key|secret|auth|pass/i;

function isNameChar(c: number): boolean {
  return isAlnum(c) || c === 95 || c === 45 || c === 46; // _ - .
}

function isValueChar(c: number): boolean {
  return isAlnum(c) || c === 95 || c === 45 || c === 46 || c === 43 || c === 47 || c === 61; // _ - . + / =
}

/** The value assigned after the name ending at `nameEnd`: `= "v"`, `: v`, `=> 'v'`; undefined when none. */
function valueAfter(text: string, nameEnd: number): { start: number; value: string } | undefined {
  let i = nameEnd;
  let assigned = false;
  for (const limit = Math.min(text.length, nameEnd + GAP_MAX); i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 58 || c === 61) assigned = true; // : =
    else if (c !== 32 && c !== 9 && c !== 34 && c !== 39 && c !== 96 && c !== 62) break; // space tab " ' ` >
  }
  if (!assigned) return undefined;
  const start = i;
  const limit = Math.min(text.length, start + VALUE_MAX + 1);
  while (i < limit && isValueChar(text.charCodeAt(i))) i++;
  if (i === start || i - start > VALUE_MAX) return undefined;
  return { start, value: text.slice(start, i) };
}

/**
 * The token a provider name at [hit, hitEnd) introduces, if its value has that provider's shape.
 * Work is bounded by the name, gap and value caps, whatever the text.
 */
export function namedTokenAt(text: string, hit: number, hitEnd: number): RawFinding | undefined {
  let nameStart = hit;
  let nameEnd = hitEnd;
  while (nameStart > 0 && hit - nameStart < NAME_MAX && isNameChar(text.charCodeAt(nameStart - 1))) nameStart--;
  while (nameEnd < text.length && nameEnd - hitEnd < NAME_MAX && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
  const found = valueAfter(text, nameEnd);
  if (!found) return undefined;
  const name = text.slice(nameStart, nameEnd).toLowerCase();
  const anchor = text.slice(hit, hitEnd).toLowerCase();
  const { start, value } = found;
  if (anchor.startsWith('c')) {
    if (!CREDENTIAL_WORD.test(name)) return undefined;
    if (CLOUDFLARE_GLOBAL_KEY.test(value)) return looksIssuedHex(value) ? finding('cloudflare-api-token', start, value, 'medium') : undefined;
    if (!CLOUDFLARE_TOKEN.test(value) || isHex(value) || !looksIssued(value)) return undefined;
    return finding('cloudflare-api-token', start, value, 'high');
  }
  if (anchor === 'vercel') {
    if (!/token/.test(name) || !VERCEL.test(value) || !looksIssued(value)) return undefined;
    return finding('vercel-token', start, value, 'high');
  }
  if (anchor === 'vault') {
    if (!/token/.test(name) || !VAULT_LEGACY.test(value) || !looksIssued(value.slice(2))) return undefined;
    return finding('vault-token', start, value, 'high');
  }
  if (!AZURE_STORAGE_KEY.test(value) || !looksIssued(value.slice(0, 86))) return undefined;
  return finding('azure-storage-key', start, value, 'high');
}
