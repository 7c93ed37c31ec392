/**
 * Reading AWS errors as the SDK surfaces them. IAM and STS errors carry the AWS error code in
 * `Code` (query protocol) and a class name in `name` (`NoSuchEntityException` for code
 * `NoSuchEntity`, `AccessDenied` for codes without a modelled exception); both are normalised here
 * so that the procedure reacts to AWS's documented codes, not to one SDK's class names.
 */
import { redactSecrets } from '../redact';

/** The AWS error code of an SDK error (`NoSuchEntity`, `LimitExceeded`, `AccessDenied`...), or undefined. */
export function awsErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { Code?: unknown; name?: unknown; $metadata?: unknown };
  if (typeof e.Code === 'string' && e.Code) return e.Code;
  if (e.$metadata !== undefined && typeof e.name === 'string') return e.name.replace(/Exception$/, '');
  return undefined;
}

/** True when AWS answered (the error came from the service, with an HTTP status). */
export function isServiceError(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return typeof status === 'number' && status > 0;
}

const THROTTLING = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException', 'RequestThrottled']);

/** Rate limiting: AWS refused the call before acting on it, so it is safe to repeat. */
export function isThrottling(error: unknown): boolean {
  return THROTTLING.has(awsErrorCode(error) ?? '');
}

/** Access denied by a policy (the caller lacks a permission, or a policy demands MFA). */
export function isAccessDenied(error: unknown): boolean {
  const code = awsErrorCode(error);
  return code === 'AccessDenied' || code === 'AccessDeniedException';
}

/**
 * True when a call may or may not have taken effect: a timeout, a dropped connection or a server
 * error. After such a failure of a call that changes state, the state has to be looked up.
 */
export function isAmbiguousFailure(error: unknown): boolean {
  if (!isServiceError(error)) return true;
  const status = (error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode;
  return status >= 500;
}

/** A short, secret-free description of an error for messages: AWS code and message, redacted. */
export function describeAwsError(error: unknown): string {
  const code = awsErrorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : undefined;
  const text = code ? `${code}: ${message}` : name && name !== 'Error' ? `${name}: ${message}` : message;
  return redactSecrets(text.trim());
}
