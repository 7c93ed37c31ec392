/**
 * Child process for the journal test: adds `count` entries with ids `<prefix>-0`, `<prefix>-1`, ...
 * to the journal at `file`, one put each, as fast as it can, then prints "done".
 * Usage: node journal-child.js <journal file> <prefix> <count>
 */
import { RotationJournal } from '../../../src/core/rotation';

const [file, prefix, count] = process.argv.slice(2);
const journal = new RotationJournal(file);
for (let i = 0; i < Number(count); i++) {
  const at = new Date().toISOString();
  journal.put({ id: `${prefix}-${i}`, profile: prefix, file: 'credentials', userArn: 'arn', oldAccessKeyId: 'AKIA', keysBefore: [], sharedProfiles: [], retire: 'deactivate', step: 'creating', startedAt: at, updatedAt: at });
}
process.stdout.write('done\n');
