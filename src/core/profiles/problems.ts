/**
 * Turns whatever an SDK call threw into a {@link ProfileProblem} a user can act on. AWS's error
 * codes are the contract (AccessDenied, InvalidClientTokenId, ExpiredToken…); network failures are
 * recognised by Node's error codes. Messages never quote secrets: only error codes, actions and
 * masked key ids.
 */
import type { ProfileProblem } from './model';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EPIPE', 'ECONNABORTED']);
const TIMEOUT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

interface ErrorLike {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  errors?: unknown[];
  cause?: unknown;
}

function asErrorLike(value: unknown): ErrorLike {
  return typeof value === 'object' && value !== null ? (value as ErrorLike) : { message: String(value) };
}

/** Node network error codes, also inside AggregateError (happy eyeballs) and `cause` chains. */
function networkCode(error: ErrorLike, depth = 0): string | undefined {
  if (depth > 3) return undefined;
  if (error.code && NETWORK_CODES.has(error.code)) return error.code;
  for (const inner of [...(error.errors ?? []), error.cause]) {
    if (inner) {
      const found = networkCode(asErrorLike(inner), depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The IAM action an AccessDenied message names ("… is not authorized to perform: iam:ListAccessKeys
 * on resource …"), else undefined.
 */
export function deniedActionOf(message: string): string | undefined {
  return /not authorized to perform:?\s+([a-z0-9-]+:[A-Za-z0-9*]+)/i.exec(message)?.[1];
}

/**
 * Classifies an error thrown by an IAM/STS call made for a profile. `action` is the call that
 * failed (`iam:ListAccessKeys`), used when AWS's message does not name the denied action.
 */
export function classifyProblem(thrown: unknown, action: string): ProfileProblem {
  const error = asErrorLike(thrown);
  const name = error.name ?? '';
  const awsCode = error.Code ?? name;
  const message = error.message ?? '';
  const net = networkCode(error);
  if (net) return { code: 'offline', cause: net, message: `AWS could not be reached (${net}); check the network or proxy` };
  if (TIMEOUT_NAMES.has(name) || error.code === 'ETIMEDOUT' || /timed? ?out/i.test(name)) {
    return { code: 'timeout', cause: name || error.code, message: 'AWS did not answer in time; check the network, then retry' };
  }
  switch (awsCode) {
    case 'AccessDenied':
    case 'AccessDeniedException': {
      const missing = deniedActionOf(message) ?? action;
      if (/explicit deny/i.test(message) || /MultiFactorAuthentication/i.test(message)) {
        // An explicit deny on the caller's own key calls is how "require MFA" policies show up.
        return { code: 'mfa-required', cause: awsCode, missingPermission: missing, message: `A policy denies ${missing} (often: MFA required); use an MFA session to see this key's facts` };
      }
      return { code: 'access-denied', cause: awsCode, missingPermission: missing, message: `Not allowed to call ${missing}: the user's policy needs that permission on its own user` };
    }
    case 'InvalidClientTokenId':
      return { code: 'invalid-key', cause: awsCode, message: 'AWS does not accept this access key: it was deleted, deactivated or never existed; rotate or replace it' };
    case 'SignatureDoesNotMatch':
      return { code: 'signature-mismatch', cause: awsCode, message: 'The secret access key does not match the key id; fix the secret in the credentials file' };
    case 'ExpiredToken':
    case 'ExpiredTokenException':
    case 'RequestExpired':
      return { code: 'expired-session', cause: awsCode, message: 'The session has expired; get new temporary credentials' };
    case 'CredentialsProviderError':
      return { code: 'credentials-unusable', cause: awsCode, message: 'The SDK cannot use this profile\'s credentials; check the profile in the credentials file' };
    default:
      return { code: 'unknown', cause: awsCode || 'Error', message: `${action} failed (${awsCode || 'unknown error'}); see the log for details` };
  }
}

/** The problem of a profile whose whole load took longer than `ms`. */
export function timeoutProblem(ms: number): ProfileProblem {
  return { code: 'timeout', cause: 'ProfileTimeout', message: `AWS did not answer within ${Math.round(ms / 1000)} s; check the network, then retry` };
}

/**
 * The problem of a key that a sibling profile's ListAccessKeys shows as Inactive: IAM answers
 * InvalidClientTokenId either way, so only another view of the same user can tell.
 */
export function inactiveKeyProblem(): ProfileProblem {
  return { code: 'inactive-key', cause: 'InvalidClientTokenId', message: 'This access key is inactive in IAM; activate it or rotate the profile to the user\'s active key' };
}
