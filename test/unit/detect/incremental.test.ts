import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CONTEXT_LINES, detectSecrets, detectSecretsInLines } from '../../../src/core/detect';
import * as fake from './fakes';
import { spans } from './helpers';

describe('detector: incremental rescans', () => {
  const rng = new fake.FakeRandom(88);
  const palette = [
    'plain text line',
    '',
    '[profile dev]',
    `aws_access_key_id = ${fake.fakeKeyId(rng)}`,
    `aws_secret_access_key = ${fake.fakeSecretAccessKey(rng)}`,
    `${fake.fakeKeyId(rng)},${fake.fakeSecretAccessKey(rng)}`,
    `token: ${fake.fakeGithubToken(rng)}`,
    '# aws-key-guard-ignore',
    'secret:',
    `  ${fake.fakeSecretAccessKey(rng)}`,
    `const k = "${fake.fakeKeyId(rng, 'ASIA')}";`,
    ...fake.fakePrivateKeyBlock(rng, 'OPENSSH PRIVATE KEY', 3).split('\n'),
  ];

  it(`needs ${CONTEXT_LINES} lines of context`, () => {
    assert.equal(CONTEXT_LINES, 6);
  });

  it('reports exactly what a full scan reports for the requested lines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...palette), { minLength: 1, maxLength: 60 }),
        fc.nat(),
        fc.nat(),
        (lines, a, b) => {
          const start = a % lines.length;
          const end = start + (b % 12);
          const full = detectSecrets(lines.join('\n')).filter((f) => f.range.line >= start && f.range.line <= end);
          const part = detectSecretsInLines(lines, start, end);
          assert.deepEqual(spans(part), spans(full));
          assert.deepEqual(part.map((f) => f.fingerprint), full.map((f) => f.fingerprint));
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it('keeps private key ranges whole when the changed range is inside the block', () => {
    const block = fake.fakePrivateKeyBlock(rng, 'RSA PRIVATE KEY', 30).split('\n');
    const lines = ['intro', ...block, 'outro'];
    assert.deepEqual(spans(detectSecretsInLines(lines, 0, 2)), spans(detectSecrets(lines.join('\n'))));
    assert.deepEqual(detectSecretsInLines(lines, 20, 22), [], 'the block starts above the range');
  });

  it('returns nothing for an empty or inverted range', () => {
    assert.deepEqual(detectSecretsInLines([], 0, 10), []);
    assert.deepEqual(detectSecretsInLines(['a', 'b'], 1, 0), []);
  });
});
