/**
 * Child process for the crash test: once told "go" on stdin, rewrites the credentials file in a
 * loop, alternating two contents through writeCredentialsFileAtomic, until it is SIGKILLed.
 * Usage: node crash-writer.js <file>; prints "ready" when loaded (so the test can start the next
 * writer while the current one runs, and Node's start-up time does not dominate the test).
 */
import * as fs from 'node:fs';
import { hashText, writeCredentialsFileAtomic } from '../../../src/core/credentials';
import { CRASH_NEW, CRASH_OLD } from './crash-contents';

const file = process.argv[2];
process.stdin.once('data', () => {
  for (;;) {
    const current = fs.readFileSync(file, 'utf8');
    writeCredentialsFileAtomic(file, current === CRASH_OLD ? CRASH_NEW : CRASH_OLD, { expectedHash: hashText(current) });
  }
});
process.stdout.write('ready\n');
