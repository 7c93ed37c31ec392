import assert from 'node:assert/strict';
import { detectSecrets } from '../../../src/core/detect';
import { FakeRandom, fakeBase64, fakeKeyId, fakeSecretAccessKey } from './fakes';

/**
 * Inputs built to trigger quadratic work or catastrophic backtracking. Each must finish well under
 * a generous bound; real speed is measured in the bench, not here.
 */
const BOUND_MS = 2000;
const MB = 1024 * 1024;

function timed(text: string): { ms: number; count: number } {
  const start = process.hrtime.bigint();
  const count = detectSecrets(text).length;
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, count };
}

describe('detector: pathological inputs finish in linear time', () => {
  const rng = new FakeRandom(77);
  const cases: Array<[string, () => string]> = [
    ['a 1 MB line of A', () => 'A'.repeat(MB)],
    ['a 1 MB base64 run', () => fakeBase64(rng, MB)],
    ['a 1 MB base64 run after a secret name', () => 'aws_secret_access_key=' + fakeBase64(rng, MB)],
    ['1 MB of secret names', () => 'secret '.repeat(MB / 7)],
    ['1 MB of secret names glued to 40-character values', () => ('secret=' + fakeSecretAccessKey(rng) + ' ').repeat(MB / 48)],
    ['1 MB of key id prefixes', () => 'AKIA'.repeat(MB / 4)],
    ['1 MB of key ids on one line', () => Array.from({ length: MB / 21 }, () => fakeKeyId(rng)).join(' ')],
    // Dense findings cost per finding, not per byte: 16,000 pairs on one line.
    ['1 MB of key ids and secrets on one line', () => Array.from({ length: MB / 62 }, (_, i) => (i % 2 ? `${fakeKeyId(rng)},${fakeSecretAccessKey(rng)}` : 'x'.repeat(61))).join(' ')],
    ['1 MB of PEM headers without END', () => '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA' + fakeBase64(rng, 48) + '\n'.repeat(1) + '-----BEGIN RSA PRIVATE KEY-----'.repeat(MB / 31)],
    ['1 MB of provider prefixes', () => 'ghp_xoxb-glpat-npm_sk_live_github_pat_AIza'.repeat(MB / 42)],
    ['1 MB of session token prefixes', () => 'IQoJb3JpZ2luX2Vj'.repeat(MB / 16)],
    ['1 MB of percent-encoded slashes after a name', () => 'secret=' + '%2F'.repeat(MB / 3)],
    ['1 MB of session names followed by long values', () => ('sessionToken=' + fakeBase64(rng, 5000) + ';').repeat(MB / 5014)],
    ['100k-character lines of mixed text', () => Array.from({ length: 12 }, () => ('const secret = f(x) + "ab/cd+ef" ' + fakeBase64(rng, 30) + ' ').repeat(100_000 / 80)).join('\n')],
  ];
  for (const [name, make] of cases) {
    it(`${name} (< ${BOUND_MS} ms)`, () => {
      const text = make();
      assert.ok(text.length >= 900_000, `input is big enough (${text.length})`);
      const { ms } = timed(text);
      assert.ok(ms < BOUND_MS, `took ${ms.toFixed(0)} ms`);
    });
  }

  it('still finds real keys inside a huge line', () => {
    const id = fakeKeyId(rng);
    const text = 'x'.repeat(500_000) + ` ${id} ` + 'y'.repeat(500_000);
    const found = detectSecrets(text);
    assert.deepEqual(found.map((f) => [f.ruleId, f.range.startColumn]), [['aws-access-key-id', 500_001]]);
  });
});
