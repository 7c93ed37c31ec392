import assert from 'node:assert/strict';
import fc from 'fast-check';
import { base64RunsIn, LineCursor, type LinePosition } from '../../../src/core/detect/text';
import { parseIgnoreFile } from '../../../src/core/detect';
import { decodeText, scopesFor, type IgnoreScope } from '../../../src/core/scan/scanFiles';
import { DerivedBuilder, sourceSpan } from '../../../src/core/detect/decode/derived';

describe('detector: base64 runs in a window', () => {
  // Mostly base64, with separators, percent-encoded slashes, stray `%`, padding and `\n` escapes.
  const piece = fc.oneof(
    { weight: 40, arbitrary: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') },
    { weight: 1, arbitrary: fc.constantFrom(' ', '%2F', '%2b', '%', '=', '\\n', '_', '.', '"') },
  );
  const text = fc.array(piece, { maxLength: 400, size: 'max' }).map((pieces) => pieces.join(''));

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

describe('detector: line positions', () => {
  /** The position of `offset` computed the slow way, from the text alone. */
  function naive(text: string, offset: number): LinePosition {
    // lastIndexOf treats a negative start as 0, which would find a newline at 0 before offset 0.
    const lastNewlineBefore = (end: number): number => (end <= 0 ? -1 : text.lastIndexOf('\n', end - 1));
    const lineStart = lastNewlineBefore(offset) + 1;
    const line = text.slice(0, lineStart).split('\n').length - 1;
    const previousLineStart = line === 0 ? 0 : lastNewlineBefore(lineStart - 1) + 1;
    let lineEnd = text.indexOf('\n', offset);
    if (lineEnd === -1) lineEnd = text.length;
    if (lineEnd > lineStart && text[lineEnd - 1] === '\r') lineEnd--;
    return { line, lineStart, previousLineStart, lineEnd };
  }

  it('locates offsets asked in any order (past the 64 starts it first holds), LF and CRLF alike', () => {
    const text = fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '\n\n'), { minLength: 1, maxLength: 1200, size: 'max' }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), (s, picks) => {
        const cursor = new LineCursor(s);
        for (const pick of picks) {
          const offset = pick % s.length;
          if (s[offset] === '\n' && s[offset - 1] === '\r') continue; // inside a CRLF: no column of its own
          assert.deepEqual(cursor.locate(offset), naive(s, offset), `offset ${offset}`);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('scan: which ignore scopes hold a file', () => {
  it('gives the path inside each scope that holds the file, as path.relative does', () => {
    const scope = (dir: string): IgnoreScope => ({ dir, list: parseIgnoreFile('') });
    const scopes = [scope('/a/b'), scope('/'), scope('/a/b/')];
    const rels = (file: string): string[] => scopesFor(scopes, file).map((s) => s.rel);
    assert.deepEqual(rels('/a/b/c.txt'), ['c.txt', 'a/b/c.txt', 'c.txt']);
    assert.deepEqual(rels('/a/b/.env'), ['.env', 'a/b/.env', '.env']);
    assert.deepEqual(rels('/a/b/../x'), ['a/x']);
    assert.deepEqual(rels('/a/bc/d'), ['a/bc/d']);
    assert.deepEqual(rels('/a/b/./c'), ['c', 'a/b/c', 'c']);
    // A name that merely starts with two dots is inside its folder.
    assert.deepEqual(rels('/a/b/..x'), ['..x', 'a/b/..x', '..x']);
  });
});

describe('detector: derived text spans', () => {
  it('maps every UTF-16 code unit of the decoded text, characters outside the BMP included', () => {
    const b = new DerivedBuilder();
    b.push('x🔑y', 10, 13);
    b.push('z', 20, 21);
    const d = b.build('context', 'name = ', '\n');
    assert.equal(d.text, 'name = x🔑yz\n');
    assert.equal(b.length, 5);
    assert.deepEqual([...d.srcStart], [10, 10, 10, 10, 20]);
    // The character after the emoji maps to its own span, not to its neighbour's.
    assert.deepEqual(sourceSpan(d, d.from + 4, d.from + 5), { start: 20, end: 21 });
  });
});
