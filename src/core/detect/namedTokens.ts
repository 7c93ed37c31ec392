/**
 * Tokens without a distinctive prefix, reported only where a provider's name introduces them on the
 * same line (`CLOUDFLARE_API_TOKEN=…`, `"vercelToken": "…"`, `X-Vault-Token: s.…`, `AccountKey=…`)
 * or names a name/value record (`- name: VERCEL_TOKEN`, then `value: …`).
 * Format facts, from the providers' documentation:
 * - Cloudflare (developers.cloudflare.com/fundamentals/api/get-started/create-token/): API tokens
 *   are 40 characters of [A-Za-z0-9_-]. (The legacy Global API Key, 37 hex digits, is not reported:
 *   hex ids and digests under Cloudflare names are far commoner.)
 * - Vercel (vercel.com/docs/rest-api#creating-an-access-token): access tokens are 24 alphanumerics.
 * - HashiCorp Vault before 1.10 (developer.hashicorp.com/vault/docs/concepts/tokens): service
 *   tokens `s.` + 24 alphanumerics.
 * - Azure Storage (learn.microsoft.com/azure/storage/common/storage-account-keys-manage): account
 *   keys are 64 random bytes in base64, 88 characters ending in `==`, named `AccountKey=` in
 *   connection strings.
 */
import type { RawFinding } from './raw';
import { isAlnum, isBase64Char, isHex, localLineEnd, startOfLinesAbove } from './text';
import { valueLinesBelow, valueStartIn } from './valueLines';
import { finding, looksIssued } from './tokenShape';

/**
 * Every name these tokens go by ends in "token" (CLOUDFLARE_API_TOKEN, cfApiToken, VERCEL_TOKEN,
 * vercelToken, VAULT_TOKEN, X-Vault-Token, x-vault-token), so the detector looks for these short
 * literals (see its LITERAL_ANCHORS) and the whole name around a hit says which provider it is.
 */
export const TOKEN_NAME_LITERALS: readonly string[] = ['Token', 'TOKEN', '_token', '-token'];

const PROVIDER_IN_NAME = /cloudflare|cf_?api|vercel|vault/;

const NAME_MAX = 48;
const GAP_MAX = 12;
const VALUE_MAX = 256;
const STORAGE_KEY_BODY = 86;

const CLOUDFLARE_TOKEN = /^[A-Za-z0-9_-]{40}$/;
const VERCEL = /^[A-Za-z0-9]{24}$/;
const VAULT_LEGACY = /^s\.[A-Za-z0-9]{24}$/;
const STORAGE_KEY_NAME = /(?:account|storage)[_-]?key/;

function isNameChar(c: number): boolean {
  return isAlnum(c) || c === 95 || c === 45 || c === 46; // _ - .
}

function isValueChar(c: number): boolean {
  return isAlnum(c) || c === 95 || c === 45 || c === 46 || c === 43 || c === 47 || c === 61; // _ - . + / =
}

/** True for the characters between a name and its value: spaces, quotes, `:`, `=`, `>`. */
function isAssignmentChar(c: number): boolean {
  return c === 58 || c === 61 || c === 32 || c === 9 || c === 34 || c === 39 || c === 96 || c === 62;
}

/** The value assigned after the name ending at `nameEnd`: `= "v"`, `: v`, `=> 'v'`; undefined when none. */
function valueAfter(text: string, nameEnd: number): { start: number; value: string } | undefined {
  let i = nameEnd;
  let assigned = false;
  for (const limit = Math.min(text.length, nameEnd + GAP_MAX); i < limit && isAssignmentChar(text.charCodeAt(i)); i++) {
    if (text.charCodeAt(i) === 58 || text.charCodeAt(i) === 61) assigned = true;
  }
  if (!assigned) return undefined;
  const start = i;
  const limit = Math.min(text.length, start + VALUE_MAX + 1);
  while (i < limit && isValueChar(text.charCodeAt(i))) i++;
  if (i === start || i - start > VALUE_MAX) return undefined;
  return { start, value: text.slice(start, i) };
}

/** True when only quotes, `:`, `=`, `,` and spaces follow a name before its line ends (`- name: X`, `"Name": "X",`). */
function endsLine(text: string, nameEnd: number): boolean {
  let i = nameEnd;
  for (const limit = Math.min(text.length, nameEnd + GAP_MAX); i < limit; i++) {
    const c = text.charCodeAt(i);
    if (!isAssignmentChar(c) && c !== 44) break;
  }
  const c = text.charCodeAt(i);
  return c === 10 || c === 13;
}

/** The value on a line below the name (a container env entry's `value:`, a wrapped value). */
function valueBelow(text: string, nameStart: number, nameEnd: number): { start: number; value: string } | undefined {
  const lineStart = startOfLinesAbove(text, nameStart, 0, NAME_MAX * 2);
  const lineEnd = localLineEnd(text, nameEnd, GAP_MAX + 1);
  for (const line of valueLinesBelow(text, lineStart, nameStart, nameEnd, lineEnd)) {
    const start = valueStartIn(text, line);
    if (start < 0) continue;
    let i = start;
    while (i < line.end && i - start <= VALUE_MAX && isValueChar(text.charCodeAt(i))) i++;
    if (i > start && i - start <= VALUE_MAX) return { start, value: text.slice(start, i) };
  }
  return undefined;
}

/**
 * The token a name containing "token" at [hit, hitEnd) introduces, if the name is a Cloudflare,
 * Vercel or Vault one and the value has that provider's shape. Most hits are ordinary identifiers
 * (`accessToken`) and stop at the first check; work is bounded by the name, gap and value caps.
 */
export function namedTokenAt(text: string, hit: number, hitEnd: number): RawFinding | undefined {
  let end = hitEnd;
  while (end < text.length && end - hitEnd < NAME_MAX && isNameChar(text.charCodeAt(end))) end++;
  const sameLine = valueAfter(text, end);
  if (!sameLine && !endsLine(text, end)) return undefined;
  let nameStart = hit;
  while (nameStart > 0 && hit - nameStart < NAME_MAX && isNameChar(text.charCodeAt(nameStart - 1))) nameStart--;
  const provider = PROVIDER_IN_NAME.exec(text.slice(nameStart, end).toLowerCase())?.[0];
  if (!provider) return undefined;
  const found = sameLine ?? valueBelow(text, nameStart, end);
  if (!found) return undefined;
  const { start, value } = found;
  if (provider.startsWith('c')) {
    if (!CLOUDFLARE_TOKEN.test(value) || isHex(value) || !looksIssued(value)) return undefined;
    return finding('cloudflare-api-token', start, value, 'high');
  }
  if (provider === 'vercel') {
    if (!VERCEL.test(value) || !looksIssued(value)) return undefined;
    return finding('vercel-token', start, value, 'high');
  }
  if (!VAULT_LEGACY.test(value) || !looksIssued(value.slice(2))) return undefined;
  return finding('vault-token', start, value, 'high');
}

/**
 * An Azure storage account key whose `==` padding is at `padOffset`: 86 base64 characters before it,
 * introduced by an account-key or storage-key name (`AccountKey=`, `AZURE_STORAGE_KEY: `,
 * `"storageAccountKey": "`). Anchoring on the padding keeps this to one fast literal search.
 */
export function azureStorageKeyAt(text: string, padOffset: number): RawFinding | undefined {
  const start = padOffset - STORAGE_KEY_BODY;
  if (start < 1 || isBase64Char(text.charCodeAt(start - 1)) || !isBase64Char(text.charCodeAt(padOffset - 1))) return undefined;
  const after = text.charCodeAt(padOffset + 2);
  if (isBase64Char(after) || after === 61) return undefined;
  let nameEnd = start;
  while (nameEnd > 0 && start - nameEnd < GAP_MAX && isAssignmentChar(text.charCodeAt(nameEnd - 1))) nameEnd--;
  if (nameEnd === start || !/[:=]/.test(text.slice(nameEnd, start))) return undefined;
  let nameStart = nameEnd;
  while (nameStart > 0 && nameEnd - nameStart < NAME_MAX && isNameChar(text.charCodeAt(nameStart - 1))) nameStart--;
  if (!STORAGE_KEY_NAME.test(text.slice(nameStart, nameEnd).toLowerCase())) return undefined;
  for (let i = start; i < padOffset; i++) if (!isBase64Char(text.charCodeAt(i))) return undefined;
  const value = text.slice(start, padOffset + 2);
  if (!looksIssued(value.slice(0, STORAGE_KEY_BODY))) return undefined;
  return finding('azure-storage-key', start, value, 'high');
}
