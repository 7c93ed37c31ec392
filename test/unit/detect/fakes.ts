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

const URL_SAFE = BASE62 + '-_';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

/** An OpenAI key: project (`sk-proj-`), service account, admin, or the legacy 51-character form. */
export function fakeOpenAiKey(rng: FakeRandom, kind: 'proj' | 'svcacct' | 'admin' | 'legacy' = 'proj'): string {
  if (kind === 'legacy') return `sk-${rng.chars(BASE62, 20)}T3BlbkFJ${rng.chars(BASE62, 20)}`;
  return `sk-${kind}-${rng.chars(URL_SAFE, 74)}T3BlbkFJ${rng.chars(URL_SAFE, 74)}`;
}

export function fakeAnthropicKey(rng: FakeRandom, kind: 'api03' | 'admin01' = 'api03'): string {
  return `sk-ant-${kind}-${rng.chars(URL_SAFE, 93)}AA`;
}

export function fakeHuggingFaceToken(rng: FakeRandom): string {
  return 'hf_' + rng.chars(LETTERS, 34);
}

export function fakeGroqKey(rng: FakeRandom): string {
  return 'gsk_' + rng.chars(BASE62, 52);
}

/** An Entra ID client secret in the 2022+ shape: 3 characters, a digit, `Q~`, 34 more. */
export function fakeAzureClientSecret(rng: FakeRandom): string {
  return rng.chars(BASE62, 3) + rng.chars(DIGITS, 1) + 'Q~' + rng.chars(BASE62 + '_~.-', 34).replace(/^[-.~_]/, 'a');
}

/** 64 random bytes in base64: an Azure storage account key. */
export function fakeAzureStorageKey(rng: FakeRandom): string {
  return rng.chars(BASE64, 86) + '==';
}

/** A SAS signature as it appears in a URL: 43 base64 characters and `=`, URL-encoded. */
export function fakeSasSignature(rng: FakeRandom): string {
  return (rng.chars(BASE64, 43) + '=').replace(/\+/g, '%2B').replace(/\//g, '%2F').replace(/=/g, '%3D');
}

export function fakeCloudflareToken(rng: FakeRandom): string {
  return rng.chars(URL_SAFE, 40);
}

export function fakeDatabricksToken(rng: FakeRandom): string {
  return 'dapi' + rng.chars(HEX, 32);
}

export function fakeVaultToken(rng: FakeRandom, prefix: 'hvs.' | 'hvb.' | 's.' = 'hvs.'): string {
  if (prefix === 's.') return 's.' + rng.chars(BASE62, 24);
  return prefix + rng.chars(URL_SAFE, prefix === 'hvs.' ? 91 : 150);
}

export function fakeTailscaleKey(rng: FakeRandom, kind = 'auth'): string {
  return `tskey-${kind}-k${rng.chars(BASE62, 10)}CNTRL-${rng.chars(BASE62, 33)}`;
}

export function fakeDockerHubToken(rng: FakeRandom): string {
  return 'dckr_pat_' + rng.chars(URL_SAFE, 27);
}

export function fakeGrafanaToken(rng: FakeRandom, kind: 'glsa' | 'glc' = 'glsa'): string {
  if (kind === 'glsa') return `glsa_${rng.chars(BASE62, 32)}_${rng.chars(HEX, 8)}`;
  return 'glc_eyJ' + rng.chars(BASE62 + '+/', 120) + '=';
}

export function fakeVercelToken(rng: FakeRandom): string {
  return rng.chars(BASE62, 24);
}

export function fakeOnePasswordToken(rng: FakeRandom): string {
  return 'ops_eyJ' + rng.chars(BASE62 + '+/', 600);
}

export function fakeSendgridKey(rng: FakeRandom): string {
  return `SG.${rng.chars(URL_SAFE, 22)}.${rng.chars(URL_SAFE, 43)}`;
}

export function fakeShopifyToken(rng: FakeRandom, prefix = 'shpat_'): string {
  return prefix + rng.chars(HEX, 32);
}

export function fakeLinearKey(rng: FakeRandom): string {
  return 'lin_api_' + rng.chars(BASE62, 40);
}

export function fakeNotionToken(rng: FakeRandom, legacy = false): string {
  return legacy ? 'secret_' + rng.chars(BASE62, 43) : 'ntn_' + rng.chars(DIGITS, 11) + rng.chars(BASE62, 35);
}

export function fakeFigmaToken(rng: FakeRandom): string {
  return 'figd_' + rng.chars(URL_SAFE, 40);
}

export function fakeSlackAppToken(rng: FakeRandom): string {
  return `xapp-1-A${rng.chars(BASE32.slice(0, 26) + DIGITS, 10)}-${rng.chars(DIGITS, 13)}-${rng.chars(HEX, 64)}`;
}

export function fakeSlackRefreshToken(rng: FakeRandom, rotatingAccess = false): string {
  return rotatingAccess ? `xoxe.xoxp-1-${rng.chars(BASE62, 164)}` : `xoxe-1-${rng.chars(BASE62, 146)}`;
}

/** A GitHub App installation token in the stateless `ghs_<app id>_<JWT>` format. */
export function fakeGithubInstallationToken(rng: FakeRandom): string {
  return `ghs_${rng.chars(DIGITS, 7)}_eyJ${rng.chars(URL_SAFE, 60)}.eyJ${rng.chars(URL_SAFE, 300)}.${rng.chars(URL_SAFE, 86)}`;
}

/** A password as people choose them for databases: letters, digits and a few symbols. */
export function fakePassword(rng: FakeRandom, length = 16): string {
  return rng.chars(BASE62, length - 2) + rng.pick(['!', '*', '-', '_']) + rng.chars(DIGITS, 1);
}
