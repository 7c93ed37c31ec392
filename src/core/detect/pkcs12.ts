/**
 * PKCS#12 key stores (`.p12`, `.pfx`: RFC 7292) hold a private key and its certificate chain in a
 * binary DER file. A text scan never sees inside them, and a committed one is a leak whatever its
 * password, so the file itself is the finding.
 */
import type * as Crypto from 'node:crypto';
import { fingerprintOf } from './detector';
import type { Finding } from './types';

const PKCS12_NAME = /\.(?:p12|pfx)$/i;

/** True for a file name with a PKCS#12 extension (`.p12`, `.pfx`, any case). */
export function isPkcs12Path(filePath: string): boolean {
  return PKCS12_NAME.test(filePath);
}

/**
 * The finding for a PKCS#12 file's bytes, or undefined for an empty file. The fingerprint hashes the
 * content, so an ignore-file entry keeps matching after a rename but not after the key changes.
 */
export function pkcs12Finding(bytes: Uint8Array): Finding | undefined {
  if (bytes.length === 0) return undefined;
  const digest = (require('node:crypto') as typeof Crypto).createHash('sha256').update(bytes).digest('hex');
  return {
    ruleId: 'pkcs12-file',
    kind: 'pkcs12-file',
    range: { line: 0, startColumn: 0, endLine: 0, endColumn: 0 },
    masked: '[PKCS#12 key store]',
    // DER files start with a SEQUENCE tag (0x30); anything else may be a renamed text file.
    confidence: bytes[0] === 0x30 ? 'high' : 'medium',
    fingerprint: fingerprintOf('pkcs12-file', digest),
  };
}
