import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CredentialsFileError, editCredentialsFile, MAX_FILE_BYTES, readCredentialsDocument, setProperties } from '../../../src/core/credentials';
import { NEW_ID, OLD_ID, OLD_SECRET, runCleanups, tempDir } from './helpers';

function readError(file: string): CredentialsFileError {
  try {
    readCredentialsDocument(file, 'credentials');
  } catch (error) {
    assert.ok(error instanceof CredentialsFileError, String(error));
    return error;
  }
  assert.fail('expected a CredentialsFileError');
}

describe('credentials file reading', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => runCleanups(cleanups));
  const fileWith = (content: string | Buffer) => {
    const file = path.join(tempDir(cleanups), 'credentials');
    fs.writeFileSync(file, content);
    return file;
  };

  it('a missing file is an empty document that can be created', () => {
    const doc = readCredentialsDocument(path.join(tempDir(cleanups), 'credentials'), 'credentials');
    assert.deepEqual([doc.exists, doc.hash, doc.text, doc.profiles.length], [false, null, '', 0]);
  });

  it('keeps the bytes: BOM and CRLF survive the read unchanged, the hash is of the bytes', () => {
    const bytes = Buffer.from(`\uFEFF[default]\r\naws_access_key_id = ${OLD_ID}\r\n`, 'utf8');
    const doc = readCredentialsDocument(fileWith(bytes), 'credentials');
    assert.deepEqual(Buffer.from(doc.text, 'utf8'), bytes);
    assert.match(doc.hash ?? '', /^[0-9a-f]{64}$/);
  });

  it('binary content names the line and never quotes it', () => {
    const error = readError(fileWith(Buffer.concat([Buffer.from(`[a]\nk = ${OLD_SECRET}\nx = `), Buffer.from([0, 1, 2])])));
    assert.deepEqual([error.code, error.line], ['binary', 3]);
    assert.ok(!error.message.includes(OLD_SECRET));
  });

  it('invalid UTF-8 names the line', () => {
    const error = readError(fileWith(Buffer.concat([Buffer.from(`[a]\n\nk = `), Buffer.from([0xc3, 0x28]), Buffer.from('\n')])));
    assert.deepEqual([error.code, error.line], ['invalid-utf8', 3]);
  });

  it('files over 1 MB are refused', () => {
    const error = readError(fileWith(Buffer.alloc(MAX_FILE_BYTES + 1, 0x61)));
    assert.equal(error.code, 'too-large');
  });

  it('unreadable: a directory, or a path through a file', () => {
    const dir = tempDir(cleanups);
    assert.equal(readError(dir).code, 'unreadable');
    const file = fileWith('x');
    assert.equal(readError(path.join(file, 'credentials')).code, 'unreadable');
  });

  it('a section name the SDK refuses is an error with its line, and such a file is never written', () => {
    const file = fileWith(`[default]\naws_access_key_id = ${OLD_ID}\n[__proto__]\n`);
    const before = fs.readFileSync(file);
    assert.throws(
      () => editCredentialsFile(file, 'credentials', (d) => setProperties(d, 'default', { aws_access_key_id: NEW_ID })),
      (e: unknown) => e instanceof CredentialsFileError && e.code === 'invalid-section' && e.line === 3,
    );
    assert.deepEqual(fs.readFileSync(file), before);
  });
});
