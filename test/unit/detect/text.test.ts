import assert from 'node:assert/strict';
import fc from 'fast-check';
import { base64RunsIn } from '../../../src/core/detect/text';
import { decodeText } from '../../../src/core/scan/scanFiles';

describe('detector: base64 runs in a window', () => {
  // Mostly base64, with separators, percent-encoded slashes, stray `%`, padding and `\n` escapes.
  const piece = fc.oneof(
    { weight: 40, arbitrary: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') },
    { weight: 1, arbitrary: fc.constantFrom(' ', '%2F', '%2b', '%', '=', '\\n', '_', '.', '"') },
  );
  const text = fc.array(piece, { maxLength: 400 }).map((pieces) => pieces.join(''));

  it('skipping short runs (minLength) finds the same long runs as reading every character', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat({ max: 200 }), (s, at, width) => {
        const from = s.length === 0 ? 0 : at % s.length;
        const long = (runs: ReturnType<typeof base64RunsIn>) => runs.filter((r) => r.length >= 40);
        assert.deepEqual(long(base64RunsIn(s, from, from + width, 41, 40)), long(base64RunsIn(s, from, from + width, 41)));
      }),
      { numRuns: 5000 },
    );
  });

  it('finds a 40-character value among identifiers, and its true extent from inside it', () => {
    const value = 'wJalrXUtnFEMIK7MDENGbPxRfiCYzz9Qq8Ab1Cd2';
    const s = `const userOrder = itemCache(requestClient) + "${value}"; return statusBuffer;`;
    const start = s.indexOf(value);
    assert.deepEqual(base64RunsIn(s, 0, s.length, 41, 40).filter((r) => r.length >= 40), [{ start, end: start + 40, length: 40 }]);
    assert.deepEqual(base64RunsIn(s, start + 10, start + 11, 41, 40), [{ start, end: start + 40, length: 40 }]);
  });
});

describe('scan: file bytes to text', () => {
  it('decodes ASCII, UTF-8 and a BOM as the editor shows them, and sniffs binary', () => {
    assert.equal(decodeText(Buffer.from('key = AKIA\n', 'utf8')), 'key = AKIA\n');
    assert.equal(decodeText(Buffer.from('name = "Zoë 🔑"\n', 'utf8')), 'name = "Zoë 🔑"\n');
    assert.equal(decodeText(Buffer.from('\uFEFFfirst line', 'utf8')), 'first line');
    assert.equal(decodeText(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01])), 'binary');
    // Bytes that are not valid UTF-8 (Latin-1 é) decode as U+FFFD, as before: never as Latin-1.
    assert.equal(decodeText(Buffer.from([0x63, 0x61, 0x66, 0xe9])), 'caf\uFFFD');
  });
});
