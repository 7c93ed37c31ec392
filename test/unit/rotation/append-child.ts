/**
 * Child process for the concurrent-writer test: appends profiles `extra-0`, `extra-1`, ... to the
 * credentials file through editCredentialsFile (so through the file's advisory lock), one after
 * another (10 ms apart), until "stop" arrives on stdin. Prints each name once its write returned,
 * then "done".
 * A write refused because the file changed or was locked is retried: refusing is not losing.
 * Usage: node append-child.js <credentials file>
 */
import { addProfile, CredentialsFileError, editCredentialsFile } from '../../../src/core/credentials';

const file = process.argv[2];
const APPEND_PAUSE_MS = 10;
let stopping = false;
process.stdin.on('data', () => (stopping = true));

function appendNext(index: number): void {
  if (stopping) {
    process.stdout.write('done\n');
    process.exit(0);
  }
  const name = `extra-${index}`;
  try {
    editCredentialsFile(file, 'credentials', (doc) => addProfile(doc, name, { region: 'eu-west-1' }));
    process.stdout.write(`${name}\n`);
    // A pause between writes, as any real writer has: back to back, this loop would take the lock
    // again the moment it let go, and on a busy machine starve the rotation's wait (2 s) for it.
    setTimeout(() => appendNext(index + 1), APPEND_PAUSE_MS);
  } catch (error) {
    if (!(error instanceof CredentialsFileError) || (error.code !== 'changed-on-disk' && error.code !== 'locked')) throw error;
    setImmediate(() => appendNext(index));
  }
}

process.stdout.write('ready\n');
appendNext(0);
