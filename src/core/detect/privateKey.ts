/**
 * Private key blocks: PEM (PKCS#1, PKCS#8, EC, DSA, encrypted), OpenSSH and PGP. A header alone is
 * not a leak (parsers and docs mention it), so a block needs a base64 body right after its header.
 */
import type { RawFinding } from './raw';

const HEADER = /-----BEGIN ([A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----/y;
/** How far after the header the body must start (encrypted PEM has Proc-Type/DEK-Info lines first). */
const BODY_SEARCH = 400;
/** Longest block whose END line we look for; longer blocks are reported by their header alone. */
export const MAX_PRIVATE_KEY_BLOCK = 16_384;
const BODY_RUN = /[A-Za-z0-9+/]{40}/;

/**
 * Finds END lines without rescanning: BEGIN anchors arrive in increasing order, so the next END
 * position found for one header is reused by the next header.
 */
export class EndMarkerCursor {
  private next = -2;

  constructor(private readonly text: string) {}

  after(offset: number): number {
    if (this.next === -1) return -1;
    if (this.next < offset) this.next = this.text.indexOf('-----END ', offset);
    return this.next;
  }
}

/** The private key block whose `-----BEGIN` is at `offset`; the range runs to the end of its END line. */
export function privateKeyAt(text: string, offset: number, ends: EndMarkerCursor): RawFinding | undefined {
  HEADER.lastIndex = offset;
  const header = HEADER.exec(text);
  if (!header) return undefined;
  const headerEnd = offset + header[0].length;
  if (!BODY_RUN.test(text.slice(headerEnd, headerEnd + BODY_SEARCH))) return undefined;
  let end = headerEnd;
  const endMarker = ends.after(headerEnd);
  if (endMarker !== -1 && endMarker - offset <= MAX_PRIVATE_KEY_BLOCK) {
    const close = text.indexOf('-----', endMarker + 9);
    if (close !== -1 && close - endMarker < 80) end = close + 5;
  }
  // Fingerprint the key material, independent of line endings, so CRLF and LF copies match.
  const value = text.slice(offset, end).replace(/\r/g, '');
  const label = header[0].slice(11, -5);
  return {
    ruleId: 'private-key',
    start: offset,
    end,
    value,
    masked: `-----BEGIN ${label}----- [redacted]`,
    confidence: 'high',
  };
}
