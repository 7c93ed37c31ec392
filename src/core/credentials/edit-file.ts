import type { AtomicWriteOptions } from './atomic-write';
import { withFileLock, writeLockedCredentialsFile } from './atomic-write';
import { parseCredentialsText } from './document';
import type { CredentialsDocument, CredentialsFileKind } from './model';
import { readCredentialsDocument } from './read';

/**
 * Reads and parses the file, applies `edit` (one of the pure edits, or several chained with
 * `withText`), and writes the result atomically with the lost-update check, all under the file's
 * advisory lock: another AWS Key Guard process cannot write between this read and this write. A
 * file that fails to parse is never written; an edit that returns the same text writes nothing.
 */
export function editCredentialsFile(
  filePath: string,
  kind: CredentialsFileKind,
  edit: (doc: CredentialsDocument) => string,
  options: Pick<AtomicWriteOptions, 'beforeRename'> = {},
): { changed: boolean; document: CredentialsDocument } {
  return withFileLock(filePath, () => {
    const doc = readCredentialsDocument(filePath, kind);
    const text = edit(doc);
    if (text === doc.text) return { changed: false, document: doc };
    const next = parseCredentialsText(text, { path: filePath, kind });
    writeLockedCredentialsFile(filePath, text, { ...options, expectedHash: doc.hash });
    return { changed: true, document: next };
  });
}
