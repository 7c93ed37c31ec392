import assert from 'node:assert/strict';
import { detectSecrets } from '../../../src/core/detect';
import { isWordlikeSegment } from '../../../src/core/detect/aws';
import { FakeRandom, fakeBase64, fakeKeyId, fakeSecretAccessKey } from './fakes';

/**
 * Inputs built to trigger quadratic work or catastrophic backtracking. Each must finish well under
 * a generous bound; real speed is measured in the bench, not here.
 */
// Generous against a busy machine; the inputs these guard against took seconds to minutes.
const BOUND_MS = 5000;
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
    // Each template literal once searched to the end of the text for an interpolation.
    ['4 MB of template literals before one interpolation', () => '``;'.repeat((4 * MB) / 3) + '`${x}`'],
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

/**
 * Values built to make a backtracking matcher explode: a 40-character secret-like value whose path-like
 * segments hold long digit runs, repeated separators or alternating classes. A 25-digit run took 14 s
 * before the word-like segment check became a single pass (27 digits: 86 s).
 */
describe('detector: values built to backtrack', () => {
  const BOUND_MS = 5000;
  const MB = 1024 * 1024;
  const digits = '3141592653589793238462643383279502884197';
  const backtrackingValue = (n: number): string => ('aB/cD/eF/' + digits.slice(0, n) + 'Q/gHiJkLmNoPqRsTuVwXyZ').slice(0, 40);

  for (const n of [20, 25, 27, 31]) {
    it(`a secret named value with a ${n}-digit run (< ${BOUND_MS} ms)`, () => {
      const { ms } = timed(`aws_secret_access_key = ${backtrackingValue(n)}`);
      assert.ok(ms < BOUND_MS, `took ${ms.toFixed(0)} ms`);
    });
  }

  it('the same value next to a key id, without a secret name', () => {
    const rng = new FakeRandom(3);
    const { ms } = timed(`${fakeKeyId(rng)} ${backtrackingValue(27)}`);
    assert.ok(ms < BOUND_MS, `took ${ms.toFixed(0)} ms`);
  });

  const generators: Array<[string, (i: number) => string]> = [
    ['digit runs', () => backtrackingValue(27)],
    ['repeated separators', () => 'aB//cD//eF//' + '/'.repeat(20) + 'gH1/iJ2/kL3'],
    ['alternating classes', () => 'aB/'.padEnd(10, 'c') + 'a1B2c3D4e5F6g7H8i9J0'.repeat(2).slice(0, 30)],
    ['capital runs between words', () => 'Ab/Cd/' + 'ABcdEFghIJklMNopQRst'.repeat(2).slice(0, 34)],
  ];
  for (const [name, make] of generators) {
    it(`1 MB of secret assignments with ${name} (< ${BOUND_MS} ms)`, () => {
      let text = '';
      for (let i = 0; text.length < MB; i++) text += `secret_key=${make(i)}\n`;
      const { ms } = timed(text);
      assert.ok(ms < BOUND_MS, `took ${ms.toFixed(0)} ms`);
    });
  }

  it('the single-pass word-like check accepts exactly what the old regex accepted', () => {
    // The old pattern, kept here only as an oracle on short strings (it is exponential on long ones).
    const oracle = /^(?:[A-Z]?[a-z]{2,}|[a-z0-9]{2,}|[A-Z]{2,}|[0-9]+)+$/;
    const rng = new FakeRandom(11);
    const alphabet = 'ABab12_';
    for (let n = 0; n < 20000; n++) {
      const s = rng.chars(alphabet, 1 + rng.int(9));
      assert.equal(isWordlikeSegment(s), oracle.test(s), s);
    }
  });
});
