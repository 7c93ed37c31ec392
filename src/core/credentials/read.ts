/**
 * Reading a shared file from disk: size, binary and UTF-8 checks with the line of the problem,
 * then the lossless parse. A missing file is an empty document, not an error.
 */
import * as fs from 'node:fs';
import { hashText, parseCredentialsText } from './document';
import { CredentialsFileError } from './errors';
import type { CredentialsDocument, CredentialsFileKind } from './model';
import { configFilePath, credentialsFilePath, type Environment } from './paths';

/** Largest file we read or write; credentials files are a few kilobytes. */
export const MAX_FILE_BYTES = 1024 * 1024;

function lineOfByte(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
}

/** Decodes file bytes as strict UTF-8 with the BOM kept, so re-encoding gives the same bytes. */
export function decodeCredentialsBytes(bytes: Buffer, path: string): string {
  if (bytes.length > MAX_FILE_BYTES) throw new CredentialsFileError('too-large', path, `The file is larger than ${MAX_FILE_BYTES} bytes; it is not a credentials file`);
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new CredentialsFileError('binary', path, 'The file holds binary data (a NUL byte; UTF-16 files are not supported)', lineOfByte(bytes, nul));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // TextDecoder does not say where; decode line by line to name the line.
    let start = 0;
    let line = 1;
    for (;;) {
      const lf = bytes.indexOf(0x0a, start);
      const end = lf === -1 ? bytes.length : lf;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, end));
      } catch {
        break;
      }
      if (lf === -1) break;
      start = lf + 1;
      line++;
    }
    throw new CredentialsFileError('invalid-utf8', path, 'The file is not valid UTF-8; save it as UTF-8', line);
  }
}

/** Reads and parses one shared file. Missing file → empty document with `exists: false`, `hash: null`. */
export function readCredentialsDocument(path: string, kind: CredentialsFileKind): CredentialsDocument {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return parseCredentialsText('', { path, kind, hash: null, exists: false });
    throw new CredentialsFileError('unreadable', path, `The file cannot be read (${code ?? 'unknown error'}); check its permissions`, undefined, { cause: error });
  }
  let bytes: Buffer;
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new CredentialsFileError('unreadable', path, 'This is not a regular file');
    if (stat.size > MAX_FILE_BYTES) throw new CredentialsFileError('too-large', path, `The file is larger than ${MAX_FILE_BYTES} bytes; it is not a credentials file`);
    bytes = fs.readFileSync(fd);
  } catch (error) {
    if (error instanceof CredentialsFileError) throw error;
    throw new CredentialsFileError('unreadable', path, `The file cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`, undefined, { cause: error });
  } finally {
    fs.closeSync(fd);
  }
  return parseCredentialsText(decodeCredentialsBytes(bytes, path), { path, kind, hash: hashText(bytes), exists: true });
}

/** Reads both shared files from the paths the SDK would use. */
export function readSharedFiles(env: Environment, homedir: string): { credentials: CredentialsDocument; config: CredentialsDocument } {
  return {
    credentials: readCredentialsDocument(credentialsFilePath(env, homedir), 'credentials'),
    config: readCredentialsDocument(configFilePath(env, homedir), 'config'),
  };
}
