/**
 * Shared test helpers: temp folders that are always removed, fake keys that look real but are not,
 * the SDK's own loader for comparisons, and the real AWS CLI for cross-checks.
 */
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';

/** Creates a temp folder for one test and registers its removal in `cleanups`. */
export function tempDir(cleanups: Array<() => void>, prefix = 'akg-cred-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs and empties the cleanup list (for afterEach). */
export function runCleanups(cleanups: Array<() => void>): void {
  while (cleanups.length > 0) cleanups.pop()!();
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A random, well-formed but fake access key id (never a real key: generated locally). */
export function fakeKeyId(prefix = 'AKIA'): string {
  return prefix + [...randomBytes(16)].map((b) => BASE32[b % 32]).join('');
}

/** A random fake secret access key (40 base64 characters). */
export function fakeSecret(): string {
  return [...randomBytes(40)].map((b) => BASE64[b % 64]).join('');
}

// AWS documentation examples, used where a readable fixed value helps.
export const OLD_ID = 'AKIAIOSFODNN7EXAMPLE';
export const OLD_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const NEW_ID = 'AKIAI44QH8DHBEXAMPLE';
export const NEW_SECRET = 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY';

/** What the SDK's own loader reads from one file of the given kind. */
export async function sdkLoad(filePath: string, kind: 'credentials' | 'config'): Promise<Record<string, Record<string, string>>> {
  const missing = path.join(path.dirname(filePath), 'does-not-exist');
  const loaded = await loadSharedConfigFiles({
    filepath: kind === 'credentials' ? filePath : missing,
    configFilepath: kind === 'config' ? filePath : missing,
    ignoreCache: true,
  });
  return (kind === 'credentials' ? loaded.credentialsFile : loaded.configFile) as Record<string, Record<string, string>>;
}

export const AWS_CLI = '/usr/bin/aws';

/**
 * Runs the Debian AWS CLI v2 against one credentials file, with a home folder and config path
 * that do not exist so nothing of the machine's own setup leaks in.
 */
export function awsCli(args: string[], credentialsFile: string): { status: number | null; stdout: string; stderr: string } {
  if (!fs.existsSync(AWS_CLI)) throw new Error(`${AWS_CLI} is missing: install Debian's awscli (the CI does; .ci/run)`);
  const home = path.join(path.dirname(credentialsFile), 'cli-home');
  const env: NodeJS.ProcessEnv = {
    PATH: '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    AWS_CONFIG_FILE: path.join(home, 'no-config'),
    AWS_PAGER: '',
  };
  const result = spawnSync(AWS_CLI, args, { env, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
