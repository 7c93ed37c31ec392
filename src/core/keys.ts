/**
 * Facts about AWS access key identifiers that every part of the product shares:
 * which prefixes are credentials, how to mask them for display, and how to decode
 * the owning account id offline.
 */

/** Prefixes of access key ids that grant access (see shared REFERENCE.md). */
export const CREDENTIAL_KEY_PREFIXES = ['AKIA', 'ASIA', 'ABIA', 'ACCA'] as const;

/** Prefixes of IAM unique ids that identify a principal or resource but are not secrets. */
export const IDENTIFIER_PREFIXES = ['AIDA', 'AROA', 'AGPA', 'AIPA', 'ANPA', 'ANVA', 'APKA', 'ASCA'] as const;

export type CredentialKeyPrefix = (typeof CREDENTIAL_KEY_PREFIXES)[number];

const KEY_ID_SHAPE = /^(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}$/;

/** True when `value` has the exact shape of an access key id that is a credential. */
export function isAccessKeyId(value: string): boolean {
  return KEY_ID_SHAPE.test(value);
}

/** True for temporary (STS) key ids, which need their session token to be usable. */
export function isTemporaryKeyId(value: string): boolean {
  return value.startsWith('ASIA');
}

/** AWS documentation examples end in EXAMPLE (AKIAIOSFODNN7EXAMPLE and friends). */
export function isDocumentationExampleKeyId(value: string): boolean {
  return value.endsWith('EXAMPLE');
}

/**
 * Masks a key id for display: the prefix and the last four characters stay, the rest
 * becomes `*` (AKIA************WXYZ), so a user can tell keys apart without the id being
 * copied whole into logs or screenshots.
 */
export function maskKeyId(keyId: string): string {
  if (keyId.length <= 8) return '*'.repeat(keyId.length);
  return keyId.slice(0, 4) + '*'.repeat(keyId.length - 8) + keyId.slice(-4);
}

/** Masks any secret value: only a length-independent hint is kept (first 2 and last 2 characters). */
export function maskSecret(secret: string): string {
  if (secret.length <= 8) return '*'.repeat(Math.max(secret.length, 4));
  return secret.slice(0, 2) + '*'.repeat(Math.min(secret.length - 4, 36)) + secret.slice(-2);
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Decodes the 12-digit AWS account id that newer access key ids carry, offline.
 * Returns undefined for ids that do not encode it (fifth character I or J: older keys)
 * or that are not key ids at all.
 */
export function accountIdFromKeyId(keyId: string): string | undefined {
  if (!/^A[A-Z]{3}[A-Z2-7]{16}$/.test(keyId)) return undefined;
  const fifth = keyId[4];
  if (fifth === 'I' || fifth === 'J') return undefined;
  // Base32-decode the 16 characters after the prefix; 16 chars = 80 bits = 10 bytes.
  let bits = 0n;
  for (const ch of keyId.slice(4)) bits = (bits << 5n) | BigInt(BASE32.indexOf(ch));
  const first6Bytes = bits >> 32n; // top 48 of 80 bits
  const account = (first6Bytes & 0x7fffffffff80n) >> 7n;
  return account.toString().padStart(12, '0');
}
