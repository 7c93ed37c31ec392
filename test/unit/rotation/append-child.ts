/**
 * Child process for the concurrent-writer test: appends profiles `extra-0`, `extra-1`, ... to the
 * credentials file through editCredentialsFile (so through the file's advisory lock), one after
 * another, until "stop" arrives on stdin. Prints each name once its write returned, then "done".
 * A write refused because the file changed or was locked is retried: refusing is not losing.
 * Usage: node append-child.js <credentials file>
 */
import { addProfile, CredentialsFileError, editCredentialsFile } from '../../../src/core/credentials';

const file = process.argv[2];
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
    setImmediate(() => appendNext(index + 1));
  } catch (error) {
    if (!(error instanceof CredentialsFileError) || (error.code !== 'changed-on-disk' && error.code !== 'locked')) throw error;
    setImmediate(() => appendNext(index));
  }
}

process.stdout.write('ready\n');
appendNext(0);
