/**
 * Child process for the owner test, started as another user: sets `region` of profile "work" in
 * the file given in argv and prints "written", or the CredentialsFileError's code and message.
 * Usage: node owner-child.js <file>
 */
import { CredentialsFileError, editCredentialsFile, setProperties } from '../../../src/core/credentials';

try {
  editCredentialsFile(process.argv[2], 'credentials', (doc) => setProperties(doc, 'work', { region: 'eu-west-1' }));
  process.stdout.write('written\n');
} catch (error) {
  if (!(error instanceof CredentialsFileError)) throw error;
  process.stdout.write(`${error.code}: ${error.message}\n`);
}
