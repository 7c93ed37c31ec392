/**
 * Identifiers that look and decode like AWS's: access key ids (AKIA/ASIA) and user ids (AIDA)
 * whose base32 body carries the account id, secrets of AWS's length and alphabet, request ids
 * and session tokens.
 */
import { randomBytes, randomUUID } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Builds a 20-character id `prefix` + 16 base32 characters that decodes to `accountId` with the
 * offline decoder (first 6 bytes, mask 0x7fffffffff80, shift 7). The top bit is set so the fifth
 * character is never I or J (those mark older ids that carry no account), like current AWS ids.
 */
export function accountEncodedId(prefix: string, accountId: string): string {
  const account = BigInt(accountId);
  const random = randomBytes(10);
  const low7 = BigInt(random[0] & 0x7f);
  const first6Bytes = (1n << 47n) | (account << 7n) | low7;
  const last4Bytes = BigInt(random.readUInt32BE(1));
  const bits = (first6Bytes << 32n) | last4Bytes;
  let text = '';
  for (let shift = 75n; shift >= 0n; shift -= 5n) text += BASE32[Number((bits >> shift) & 31n)];
  return prefix + text;
}

/** A long-term access key id (AKIA…) for a user of `accountId`. */
export function newAccessKeyId(accountId: string): string {
  return accountEncodedId('AKIA', accountId);
}

/** A temporary access key id (ASIA…) as GetSessionToken returns. */
export function newSessionKeyId(accountId: string): string {
  return accountEncodedId('ASIA', accountId);
}

/** An IAM user's unique id: AIDA and 17 base32 characters, 21 in all like AWS's. */
export function newUserId(accountId: string): string {
  return accountEncodedId('AIDA', accountId) + BASE32[randomBytes(1)[0] & 31];
}

/** A 40-character secret access key in the base64 alphabet (30 random bytes, so no padding). */
export function newSecretAccessKey(): string {
  return randomBytes(30).toString('base64');
}

/**
 * A session token shaped like current STS tokens (`IQoJb3JpZ2luX2Vj` prefix, long base64), so
 * code that recognises tokens by shape treats it as one.
 */
export function newSessionToken(): string {
  return 'IQoJb3JpZ2luX2Vj' + randomBytes(192).toString('base64');
}

/** A request id in AWS's UUID form. */
export function newRequestId(): string {
  return randomUUID();
}
