import assert from 'node:assert/strict';
import fc from 'fast-check';
import { redactSecrets } from '../../src/core/redact';
import {
  FakeRandom,
  fakeBase64,
  fakeGithubToken,
  fakeGithubTokenBadChecksum,
  fakeKeyId,
  fakePrivateKeyBlock,
  fakeSecretAccessKey,
  fakeSessionToken,
  fakeSlackBotToken,
  fakeStripeKey,
} from './detect/fakes';

/** Encodings a secret can take in an error message, a URL, a JSON body or an HTML page. */
const ENCODINGS: Record<string, (s: string) => string> = {
  plain: (s) => s,
  url: (s) => encodeURIComponent(s),
  'url twice': (s) => encodeURIComponent(encodeURIComponent(s)),
  'json \\/': (s) => s.replace(/\//g, '\\/'),
  'json in json \\\\/': (s) => s.replace(/\//g, '\\\\/'),
  'unicode escapes': (s) => s.replace(/\//g, '\\u002F').replace(/\+/g, '\\u002B'),
  'html entities': (s) => s.replace(/\//g, '&#x2F;').replace(/\+/g, '&#43;'),
};

/** Where a secret sits: glued to a path or word, after a name, before `=` or `+`, alone on a line. */
const PLACEMENTS: Array<(s: string, rng: FakeRandom) => string> = [
  (s) => s,
  (s) => `s3://bucket/${s}`,
  (s) => `https://example.invalid/x?sig=${s}&y=1`,
  (s) => `${s}=`,
  (s) => `${s}+more`,
  (s) => `aws_secret_access_key=${s}`,
  (s) => `"SecretAccessKey":"${s}"`,
  (s) => `password: ${s}`,
  (s) => `token${s}`,
  (s, rng) => `${fakeKeyId(rng)}:${s}`,
  (s, rng) => `secret=${fakeKeyId(rng)}${s}`,
  (s) => `\n${s}\r\n`,
  (s) => `(${s})`,
  (s) => `'${s}',`,
];

type SecretMaker = (rng: FakeRandom) => string;
const SECRETS: Record<string, SecretMaker> = {
  'secret access key': (rng) => fakeSecretAccessKey(rng),
  'session token': (rng) => fakeSessionToken(rng, 120 + rng.int(600)),
  'short session token': (rng) => 'FwoGZXIvYXdz' + fakeBase64(rng, 40 + rng.int(40)),
  'github token': (rng) => fakeGithubToken(rng),
  'github token, bad checksum': (rng) => fakeGithubTokenBadChecksum(rng),
  'slack token': (rng) => fakeSlackBotToken(rng),
  'stripe key': (rng) => fakeStripeKey(rng),
};

const WORDS = ['failed', 'request', 'for', 'user', 'alice', 'at', 'line', '42', 'error:', 'GET', '/api/v1', 'ok', '=', '-', 'x'];

function filler(rng: FakeRandom): string {
  const parts: string[] = [];
  for (let i = rng.int(8); i > 0; i--) parts.push(rng.pick(WORDS));
  return parts.join(rng.pick([' ', '\n', '\t', ', ', '\r\n']));
}

/** Every 12-character window of `value`: none may survive redaction. */
function windows(value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 12 <= value.length; i += 4) out.push(value.slice(i, i + 12));
  return out;
}

function assertGone(out: string, secret: string, encoded: string): void {
  for (const w of [...windows(secret), ...windows(encoded)]) {
    assert.ok(!out.includes(w), `"${w}" survived in: ${out.slice(0, 300)}`);
  }
}

describe('redactSecrets: no secret survives, whatever its encoding or neighbours', () => {
  it('random real-format secrets in random text (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const rng = new FakeRandom(seed);
        const kind = rng.pick(Object.keys(SECRETS));
        const secret = SECRETS[kind](rng);
        const encoding = rng.pick(Object.keys(ENCODINGS));
        const encoded = ENCODINGS[encoding](secret);
        const text = filler(rng) + rng.pick([' ', '\n', '', '"']) + rng.pick(PLACEMENTS)(encoded, rng) + rng.pick([' ', '\n', '', '.']) + filler(rng);
        assertGone(redactSecrets(text), secret, encoded);
      }),
      { numRuns: 600 },
    );
  });

  it('key ids: masked in any case, glued to base32 characters or to a word', () => {
    const rng = new FakeRandom(5);
    for (let n = 0; n < 50; n++) {
      const id = fakeKeyId(rng, rng.pick(['AKIA', 'ASIA']));
      for (const text of [`x${id}ABC`, id.toLowerCase(), `user_${id}7`, `"${id}"`]) {
        const out = redactSecrets(text);
        assert.ok(!out.toUpperCase().includes(id.slice(4, 16)), out);
      }
    }
  });

  it('private key blocks, with or without their END line', () => {
    const rng = new FakeRandom(6);
    const block = fakePrivateKeyBlock(rng);
    const body = block.split('\n')[2];
    assert.ok(!redactSecrets(`key:\n${block}\nafter`).includes(body));
    assert.ok(!redactSecrets(`key:\n${block.split('-----END')[0]}`).includes(body));
  });

  for (const [name, text, secret] of [
    ['URL-encoded', `sig=${encodeURIComponent('ab/cd+EF12gh/IJ34kl+MN56op/QR78st+UV90wxYZ')}`, 'ab%2Fcd%2BEF12gh'],
    ['glued to a path', 's3://bucket/abCD12efGH34ijKL56mnOP78qrST90uvWXyzab+Q', 'abCD12efGH34ijKL'],
    ['followed by =', 'value abCD12efGH34ijKL56mnOP78qrST90uvWXyzab+Q=', 'abCD12efGH34ijKL'],
    ['JSON-escaped', '{"k":"ab\\/CD12efGH34ijKL56mnOP78qrST90uvWXyzab1"}', 'CD12efGH34ijKL56'],
    ['after a key id prefix', 'secret=AKIAabCD12efGH34ijKL56mnOP78qrST90uvWXyzab+Q', 'abCD12efGH34ijKL'],
    ['a short session token', 'token FwoGZXIvYXdzEB4aDJk2Lm9PqR7sT8uV9wXyZ0a1B2c3D4e5F6g7H8', 'EB4aDJk2Lm9PqR7s'],
  ] as const) {
    it(`catches a secret ${name}`, () => {
      assert.ok(!redactSecrets(text).includes(secret), redactSecrets(text));
    });
  }

  it('leaves log lines without secrets readable', () => {
    for (const text of [
      'Rotated profile prod in 2.3 s (user alice, account 123456789012).',
      'at rotateProfileKey (/work/main/out/src/core/rotation/rotate.js:123:45)',
      'task-management-service failed: AccessDenied on iam:CreateAccessKey',
      'sha1 3f786850e387550fdab836ed7e6dc881de23001b',
      'token expired; password required',
    ]) {
      assert.equal(redactSecrets(text), text);
    }
  });
});

describe('redactSecrets: linear time on inputs built to backtrack', () => {
  // Generous against a busy machine: the quadratic name scan this replaced took 4.7 s for 200 KB.
  const BOUND_MS = 5000;
  const MB = 1024 * 1024;
  const rng = new FakeRandom(9);
  const cases: Array<[string, () => string]> = [
    // The old name regex rescanned the rest of a name run for every name in it: 200 KB took 4.7 s.
    ['1 MB of glued secret names', () => 'secret'.repeat(MB / 6)],
    ['1 MB of secret names and separators', () => 'secret_token='.repeat(MB / 13)],
    ['1 MB of names each followed by a long value', () => ('password=' + 'x'.repeat(1000) + ' ').repeat(MB / 1010)],
    ['1 MB of PEM headers without END', () => '-----BEGIN RSA PRIVATE KEY-----'.repeat(MB / 31)],
    ['1 MB of PEM-like headers that are not keys', () => '-----BEGIN CERTIFICATE-----'.repeat(MB / 27)],
    ['a 1 MB base64 run', () => fakeBase64(rng, MB)],
    ['1 MB of escapes', () => '\\\\\\u002'.repeat(MB / 8)],
    ['1 MB of percent signs', () => '%25%2'.repeat(MB / 5)],
    ['1 MB of key id prefixes', () => 'akia'.repeat(MB / 4)],
    ['1 MB of token prefixes', () => 'ghp_sk-xoxb-'.repeat(MB / 12)],
    ['1 MB of digits after a name', () => 'aws_secret_access_key = ' + '1'.repeat(MB)],
  ];
  for (const [name, make] of cases) {
    it(`${name} (< ${BOUND_MS} ms)`, () => {
      const text = make();
      const start = process.hrtime.bigint();
      redactSecrets(text);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      assert.ok(ms < BOUND_MS, `took ${ms.toFixed(0)} ms`);
    });
  }
});
