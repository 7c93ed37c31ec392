import assert from 'node:assert/strict';
import { detectSecrets } from '../../../src/core/detect';
import { base62, crc32, hasValidTokenChecksum } from '../../../src/core/detect/checksum';
import * as fake from './fakes';
import { detectSpans, spanOf } from './helpers';

describe('detector: token checksums', () => {
  it('computes CRC32 (IEEE) and base62 like GitHub', () => {
    assert.equal(crc32('123456789'), 0xcbf43926);
    assert.equal(base62(0, 6), '000000');
    assert.equal(base62(61, 2), '0z');
    assert.equal(base62(62, 1), '10');
  });

  it('accepts generated tokens and rejects a changed checksum', () => {
    const rng = new fake.FakeRandom(1);
    assert.equal(hasValidTokenChecksum(fake.fakeGithubToken(rng)), true);
    assert.equal(hasValidTokenChecksum(fake.fakeGithubTokenBadChecksum(rng)), false);
  });
});

describe('detector: provider tokens', () => {
  const rng = new fake.FakeRandom(44);
  const cases: Array<[string, () => string]> = [
    ['github-classic-token', () => fake.fakeGithubToken(rng, 'ghp_')],
    ['github-classic-token', () => fake.fakeGithubToken(rng, 'gho_')],
    ['github-classic-token', () => fake.fakeGithubToken(rng, 'ghu_')],
    ['github-classic-token', () => fake.fakeGithubToken(rng, 'ghs_')],
    ['github-classic-token', () => fake.fakeGithubToken(rng, 'ghr_')],
    ['github-fine-grained-token', () => fake.fakeFineGrainedToken(rng)],
    ['gitlab-token', () => fake.fakeGitlabToken(rng)],
    ['slack-token', () => fake.fakeSlackBotToken(rng)],
    ['slack-token', () => fake.fakeSlackUserToken(rng)],
    ['slack-webhook', () => fake.fakeSlackWebhook(rng)],
    ['stripe-live-key', () => fake.fakeStripeKey(rng, 'sk_live_')],
    ['stripe-live-key', () => fake.fakeStripeKey(rng, 'rk_live_')],
    ['google-api-key', () => fake.fakeGoogleApiKey(rng)],
    ['npm-token', () => fake.fakeNpmToken(rng)],
  ];
  for (const [ruleId, make] of cases) {
    it(`finds ${ruleId} (${make().slice(0, 4)}…) with the exact range in several syntaxes`, () => {
      for (const template of ['TOKEN=%s', 'token: "%s"', '  headers["Authorization"] = "Bearer %s";', '%s']) {
        const value = make();
        const text = template.replace('%s', value);
        assert.deepEqual(detectSpans(text), [spanOf(text, value, ruleId)], template);
      }
    });
  }

  it('masks tokens in the preview', () => {
    const value = fake.fakeGithubToken(rng);
    const [f] = detectSecrets(`t=${value}`);
    assert.ok(!f.masked.includes(value.slice(4, 30)));
    assert.equal(f.masked.length, value.length);
  });

  it('rejects look-alikes: bad checksums, wrong lengths, glued prefixes, placeholders', () => {
    const negatives = [
      fake.fakeGithubTokenBadChecksum(rng),
      fake.fakeGithubToken(rng) + 'x',
      'ghp_' + 'x'.repeat(36),
      'ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      'my' + fake.fakeGithubToken(rng),
      'github_pat_' + 'A'.repeat(22) + '_' + 'B'.repeat(59),
      'github_pat_11ABC',
      'glpat-xxxxxxxxxxxxxxxxxxxx',
      'glpat-your-token-here',
      'xoxb-your-token',
      'xoxb-1234-5678-abcdefghijklmnopqrstuvwx',
      'https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX',
      'sk_test_' + fake.fakeBase64(rng, 24).replace(/[+/]/g, 'q'),
      'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
      'AIza' + fake.fakeBase64(rng, 34).replace(/[+/]/g, 'q'),
      'AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      'npm_' + 'a'.repeat(36),
      'npm_' + fake.fakeBase64(rng, 35).replace(/[+/]/g, 'q'),
    ];
    negatives.forEach((value, i) => assert.deepEqual(detectSpans(`token = "${value}"`), [], `negative #${i}`));
  });

  it('gives npm tokens without a valid checksum medium confidence', () => {
    const value = 'npm_' + fake.fakeBase64(new fake.FakeRandom(5), 36).replace(/[+/]/g, 'Q');
    const found = detectSecrets(`//registry.npmjs.org/:_authToken=${value}`);
    assert.deepEqual(found.map((f) => [f.ruleId, f.confidence]), [['npm-token', 'medium']]);
  });
});

describe('detector: private keys', () => {
  const rng = new fake.FakeRandom(55);
  const labels = [
    'RSA PRIVATE KEY',
    'PRIVATE KEY',
    'EC PRIVATE KEY',
    'DSA PRIVATE KEY',
    'OPENSSH PRIVATE KEY',
    'ENCRYPTED PRIVATE KEY',
    'PGP PRIVATE KEY BLOCK',
  ];
  for (const label of labels) {
    it(`finds a ${label} block from BEGIN to the end of its END line`, () => {
      const block = fake.fakePrivateKeyBlock(rng, label);
      const text = `key:\n${block}\nafter`;
      const blockLines = block.split('\n').length;
      const endLen = `-----END ${label}-----`.length;
      assert.deepEqual(detectSpans(text), [`private-key@1:0-${blockLines}:${endLen}`]);
    });
  }

  it('finds encrypted PEM with Proc-Type headers, CRLF blocks and JSON-escaped blocks', () => {
    const body = fake.fakePrivateKeyBlock(rng).split('\n');
    const encrypted = [body[0], 'Proc-Type: 4,ENCRYPTED', 'DEK-Info: AES-128-CBC,' + fake.fakeSha1(rng).slice(0, 32).toUpperCase(), '', ...body.slice(1)].join('\n');
    assert.equal(detectSecrets(encrypted).length, 1);
    const crlf = fake.fakePrivateKeyBlock(rng, 'RSA PRIVATE KEY', 3, '\r\n');
    assert.deepEqual(detectSpans(crlf), ['private-key@0:0-5:29']);
    const json = `{"private_key": "${fake.fakePrivateKeyBlock(rng, 'PRIVATE KEY', 2, '\\n')}\\n"}`;
    const start = json.indexOf('-----BEGIN');
    const end = json.indexOf('-----END PRIVATE KEY-----') + 25;
    assert.deepEqual(detectSpans(json), [`private-key@0:${start}-${end}`]);
  });

  it('fingerprints the same key the same way with LF and CRLF', () => {
    const seed = new fake.FakeRandom(9);
    const lf = fake.fakePrivateKeyBlock(seed, 'RSA PRIVATE KEY', 3, '\n');
    const crlf = lf.replace(/\n/g, '\r\n');
    assert.equal(detectSecrets(lf)[0].fingerprint, detectSecrets(crlf)[0].fingerprint);
  });

  it('ignores headers without a body, public keys and certificates', () => {
    const negatives = [
      'const header = "-----BEGIN RSA PRIVATE KEY-----";',
      '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
      '-----BEGIN PRIVATE KEY-----\n<your key here>\n-----END PRIVATE KEY-----',
      fake.fakePrivateKeyBlock(rng, 'PUBLIC KEY'),
      fake.fakePrivateKeyBlock(rng, 'CERTIFICATE'),
    ];
    negatives.forEach((text, i) => assert.deepEqual(detectSpans(text), [], `negative #${i}`));
  });

  it('reports a block without an END line by its header', () => {
    const block = fake.fakePrivateKeyBlock(rng).split('\n').slice(0, 4).join('\n');
    assert.deepEqual(detectSpans(block), ['private-key@0:0-31']);
  });
});
