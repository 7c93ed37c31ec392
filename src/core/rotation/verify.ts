/**
 * Verifying a new key as the SDK will use it: read from the file through the SDK's own profile
 * provider, GetCallerIdentity, same user as before. IAM is eventually consistent, so a new key
 * may be refused (InvalidClientTokenId) for several seconds: retried with backoff, bounded.
 */
import { describeAwsError, isAccessDenied, isServiceError } from './aws-errors';
import { getCallerIdentity } from './session';
import type { LifecycleDeps, SharedFilePaths } from './types';

const DEFAULT_ATTEMPTS = 8;
const DEFAULT_INITIAL_DELAY_MS = 1000;
const DEFAULT_MAX_DELAY_MS = 4000;

/** The new key works but belongs to someone else: retrying cannot help. */
class WrongIdentity extends Error {
  override readonly name = 'WrongIdentity';
}

/**
 * Resolves once `profile`, read from the files, signs in as `expectedArn`; rejects with the last
 * error after the attempts run out.
 */
export async function verifyProfileKey(input: {
  profile: string;
  expectedArn: string;
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
      const identity = await getCallerIdentity({ profile: input.profile, ...input.files }, { ...input.deps.clientOptions, maxAttempts: 1 });
      if (identity.arn !== input.expectedArn) throw new WrongIdentity(`the key signs in as ${identity.arn}, not ${input.expectedArn}`);
      return;
    } catch (error) {
      // An explicit refusal other than "not known yet" will not change with time.
      if (error instanceof WrongIdentity || isAccessDenied(error) || attempt >= attempts || (isServiceError(error) && isPermanent(error))) throw error;
      input.onRetry?.(`The new key is not accepted yet (${describeAwsError(error)}); IAM takes a few seconds to propagate new keys. Retrying in ${(delay / 1000).toFixed(1)} s.`);
      await input.sleep(delay);
      delay = Math.min(delay * 2, maxDelay);
    }
  }
}

// Errors that mean the request itself is wrong; everything else (unknown key yet, throttling,
// 5xx, timeouts, network) may pass on a later attempt.
function isPermanent(error: unknown): boolean {
  const status = (error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode;
  const code = (error as { Code?: string; name?: string }).Code ?? (error as Error).name;
  if (code === 'InvalidClientTokenId' || code === 'SignatureDoesNotMatch' || /Throttl/.test(code)) return false;
  return status >= 400 && status < 500 && status !== 429;
}
