/**
 * Seeded generators of fake secrets with the right shape. Tests and the bench build their inputs
 * from these, so no secret-shaped string (real or not) is committed, and every run sees the same data.
 */
import { tokenChecksum } from '../../../src/core/detect/checksum';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const HEX = '0123456789abcdef';

/** A deterministic random source (mulberry32). */
export class FakeRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }
}

export function fakeKeyId(rng: FakeRandom, prefix = 'AKIA'): string {
  // Fifth character Q..Z keeps the account id decodable (I and J mark old keys).
  return prefix + rng.pick([...'QRSTUVWXYZ']) + rng.chars(BASE32, 15);
}

export function fakeSecretAccessKey(rng: FakeRandom): string {
  return rng.chars(BASE64, 40);
}

export function fakeSessionToken(rng: FakeRandom, length = 356): string {
  return 'IQoJb3JpZ2luX2Vj' + 'EJr//////////wEaCXVzLWVhc3QtMSJH' + rng.chars(BASE64, length - 48);
}

/** A classic GitHub token with a valid CRC32 checksum. */
export function fakeGithubToken(rng: FakeRandom, prefix = 'ghp_'): string {
  const body = rng.chars(BASE62, 30);
  return prefix + body + tokenChecksum(body);
}

/** Same shape, checksum deliberately wrong. */
export function fakeGithubTokenBadChecksum(rng: FakeRandom, prefix = 'ghp_'): string {
  const good = fakeGithubToken(rng, prefix);
  const last = good[good.length - 1];
  return good.slice(0, -1) + (last === 'a' ? 'b' : 'a');
}

export function fakeFineGrainedToken(rng: FakeRandom): string {
  return 'github_pat_' + rng.chars(BASE62, 22) + '_' + rng.chars(BASE62, 59);
}

export function fakeGitlabToken(rng: FakeRandom): string {
  return 'glpat-' + rng.chars(BASE62 + '-_', 20);
}

export function fakeSlackBotToken(rng: FakeRandom): string {
  return `xoxb-${rng.chars('0123456789', 12)}-${rng.chars('0123456789', 13)}-${rng.chars(BASE62, 24)}`;
}

export function fakeSlackUserToken(rng: FakeRandom): string {
  return `xoxp-${rng.chars('0123456789', 10)}-${rng.chars('0123456789', 10)}-${rng.chars('0123456789', 13)}-${rng.chars(HEX, 32)}`;
}

export function fakeSlackWebhook(rng: FakeRandom): string {
  return `https://hooks.slack.com/services/T${rng.chars(BASE32.slice(0, 26) + '0123456789', 8)}/B${rng.chars(BASE32.slice(0, 26) + '0123456789', 10)}/${rng.chars(BASE62, 24)}`;
}

export function fakeStripeKey(rng: FakeRandom, prefix = 'sk_live_'): string {
  return prefix + rng.chars(BASE62, 24);
}

export function fakeGoogleApiKey(rng: FakeRandom): string {
  return 'AIza' + rng.chars(BASE62 + '-_', 35);
}

/** An npm token with a valid checksum (npm uses GitHub's format). */
export function fakeNpmToken(rng: FakeRandom): string {
  const body = rng.chars(BASE62, 30);
  return 'npm_' + body + tokenChecksum(body);
}

/** A PEM block with a random body: the right shape, no key inside. */
export function fakePrivateKeyBlock(rng: FakeRandom, label = 'RSA PRIVATE KEY', bodyLines = 6, eol = '\n'): string {
  const body: string[] = [];
  for (let i = 0; i < bodyLines; i++) body.push(rng.chars(BASE64, 64));
  body.push(rng.chars(BASE64, 20) + '==');
  return [`-----BEGIN ${label}-----`, ...body, `-----END ${label}-----`].join(eol);
}

export function fakeSha1(rng: FakeRandom): string {
  return rng.chars(HEX, 40);
}

export function fakeSha256(rng: FakeRandom): string {
  return rng.chars(HEX, 64);
}

export function fakeUuid(rng: FakeRandom): string {
  const h = (n: number): string => rng.chars(HEX, n);
  return `${h(8)}-${h(4)}-4${h(3)}-a${h(3)}-${h(12)}`;
}

export function fakeJwt(rng: FakeRandom): string {
  const url = BASE62 + '-_';
  return `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${rng.chars(url, 40)}.${rng.chars(url, 43)}`;
}

export function fakeBase64(rng: FakeRandom, length: number): string {
  return rng.chars(BASE64, length);
}
