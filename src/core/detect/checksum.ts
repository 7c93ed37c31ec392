/**
 * The checksum GitHub (and npm) build into their tokens: CRC32 of the random part, written as six
 * base62 digits (0-9A-Za-z). A token whose checksum does not match was never issued, so checking it
 * removes look-alikes (test data, truncated copies) without any network call.
 */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC32 (IEEE) of an ASCII string. */
export function crc32(ascii: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < ascii.length; i++) crc = CRC_TABLE[(crc ^ ascii.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Base62 digits of `value`, left-padded with '0' to `width`. */
export function base62(value: number, width: number): string {
  let out = '';
  let v = value;
  do {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  } while (v > 0);
  return out.padStart(width, '0');
}

/** The 6-character checksum a GitHub/npm token carries for its 30-character random body. */
export function tokenChecksum(body: string): string {
  return base62(crc32(body), 6);
}

/**
 * True when a `prefix_` + 30 random + 6 checksum token (ghp_, gho_, ghu_, ghs_, ghr_, npm_) has a
 * valid checksum. `token` is the whole token including its prefix.
 */
export function hasValidTokenChecksum(token: string): boolean {
  const underscore = token.indexOf('_');
  const rest = token.slice(underscore + 1);
  if (rest.length !== 36) return false;
  return tokenChecksum(rest.slice(0, 30)) === rest.slice(30);
}
