/**
 * Verifying a new key where it matters: read the profile back from the file (another writer may
 * have replaced the rotation's write), require the new key id there, then sign GetCallerIdentity
 * with the values read and require the same user as before. IAM is eventually consistent, so a
 * new key may be refused (InvalidClientTokenId) for several seconds: retried with backoff, bounded.
 */
import { maskKeyId } from '../keys';
import { describeAwsError, isAccessDenied, isServiceError } from './aws-errors';
import { readProfileKey } from './local';
import { getCallerIdentity } from './session';
import type { LifecycleDeps, SharedFilePaths } from './types';

const DEFAULT_ATTEMPTS = 8;
const DEFAULT_INITIAL_DELAY_MS = 1000;
const DEFAULT_MAX_DELAY_MS = 4000;

/** The new key works but belongs to someone else: retrying cannot help. */
class WrongIdentity extends Error {
  override readonly name = 'WrongIdentity';
}

/** The file does not hold the new key (another program wrote it): retrying cannot help. */
export class KeyNotInFile extends Error {
  override readonly name = 'KeyNotInFile';
}

/**
 * Resolves once `profile`, read from the files with our parser, holds `expectedAccessKeyId` and
 * its values sign in as `expectedArn`; rejects with the last error after the attempts run out, at
 * once with {@link KeyNotInFile} when the file holds another key.
 */
export async function verifyProfileKey(input: {
  profile: string;
  expectedArn: string;
  expectedAccessKeyId: string;
  files: SharedFilePaths;
  deps: LifecycleDeps;
  sleep: (ms: number) => Promise<void>;
  onRetry?: (message: string) => void;
}): Promise<void> {
  const retry = input.deps.verifyRetry ?? {};
  const attempts = Math.max(1, retry.attempts ?? DEFAULT_ATTEMPTS);
  let delay = retry.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS;
  const maxDelay = retry.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      // Read fresh every attempt: the file may change while IAM propagates the key.
      const inFile = readProfileKey(input.files, input.profile);
      if (inFile.accessKeyId !== input.expectedAccessKeyId) {
        throw new KeyNotInFile(`profile "${input.profile}" in ${inFile.path} holds ${maskKeyId(inFile.accessKeyId)}, not the new key ${maskKeyId(input.expectedAccessKeyId)}: another program wrote the file meanwhile`);
      }
      const credentials = { accessKeyId: inFile.accessKeyId, secretAccessKey: inFile.secretAccessKey };
      const identity = await getCallerIdentity({ profile: input.profile, credentials, ...input.files }, { ...input.deps.clientOptions, maxAttempts: 1 });
      if (identity.arn !== input.expectedArn) throw new WrongIdentity(`the key signs in as ${identity.arn}, not ${input.expectedArn}`);
      return;
    } catch (error) {
      // An explicit refusal other than "not known yet" will not change with time.
      if (error instanceof WrongIdentity || error instanceof KeyNotInFile || !isAwsFailure(error) || isAccessDenied(error) || attempt >= attempts || (isServiceError(error) && isPermanent(error))) throw error;
      input.onRetry?.(`The new key is not accepted yet (${describeAwsError(error)}); IAM takes a few seconds to propagate new keys. Retrying in ${(delay / 1000).toFixed(1)} s.`);
      await input.sleep(delay);
      delay = Math.min(delay * 2, maxDelay);
    }
  }
}

// A LifecycleError from reading the file (it vanished, it no longer parses): not AWS, not transient.
function isAwsFailure(error: unknown): boolean {
  return !(error instanceof Error && error.name === 'LifecycleError');
}

// Errors that mean the request itself is wrong; everything else (unknown key yet, throttling,
// 5xx, timeouts, network) may pass on a later attempt.
function isPermanent(error: unknown): boolean {
  const status = (error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode;
  const code = (error as { Code?: string; name?: string }).Code ?? (error as Error).name;
  if (code === 'InvalidClientTokenId' || code === 'SignatureDoesNotMatch' || /Throttl/.test(code)) return false;
  return status >= 400 && status < 500 && status !== 429;
}
