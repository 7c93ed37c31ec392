/**
 * Child process for the SIGKILL test: rotates profile "work" of the sandbox home given in argv,
 * and at the checkpoint named in argv prints "at <checkpoint>" and waits to be killed.
 * Usage: node crash-child.js <home> <checkpoint>; endpoints come from AWS_ENDPOINT_URL_IAM/_STS.
 */
import * as path from 'node:path';
import { defaultJournalPath, rotateProfileKey, RotationJournal, type RotationCheckpoint } from '../../../src/core/rotation';

const [home, stopAt] = process.argv.slice(2) as [string, RotationCheckpoint];
const files = { credentialsFile: path.join(home, '.aws', 'credentials'), configFile: path.join(home, '.aws', 'config') };
rotateProfileKey(
  { profile: 'work' },
  {
    files,
    journal: new RotationJournal(defaultJournalPath({ HOME: home }, home)),
    confirm: async () => true,
    verifyRetry: { attempts: 3, initialDelayMs: 20 },
    checkpoint: async (point) => {
      if (point !== stopAt) return;
      process.stdout.write(`at ${point}\n`);
      await new Promise(() => setInterval(() => undefined, 60_000));
    },
  },
).then(
  () => process.stdout.write('done\n'),
  (error: unknown) => {
    process.stderr.write(`failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
