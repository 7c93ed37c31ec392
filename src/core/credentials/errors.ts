/**
 * Errors raised while reading, editing or writing the shared credentials/config files.
 * Messages name the file, the line and what to do; they never quote a value or a whole line of
 * the user's file, because those lines hold secrets.
 */

/** Why a credentials or config file could not be read or written. */
export type CredentialsFileErrorCode =
  | 'unreadable'
  | 'too-large'
  | 'binary'
  | 'invalid-utf8'
  | 'invalid-section'
  | 'changed-on-disk'
  | 'locked'
  | 'owner-not-kept'
  | 'write-failed';

/** A file problem: the file is not touched when this is thrown. */
export class CredentialsFileError extends Error {
  override readonly name = 'CredentialsFileError';
  constructor(
    readonly code: CredentialsFileErrorCode,
    readonly path: string,
    message: string,
    /** 1-based line number when the problem sits on one line. */
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    super(`${message}: ${path}${line !== undefined ? `, line ${line}` : ''}`, options);
  }
}

/** Why an edit of a parsed document was refused. */
export type CredentialsEditErrorCode =
  | 'profile-not-found'
  | 'profile-exists'
  | 'invalid-profile-name'
  | 'invalid-key'
  | 'invalid-value'
  | 'nested-settings'
  | 'verification-failed';

/** An edit that was refused; the document and the file are unchanged. */
export class CredentialsEditError extends Error {
  override readonly name = 'CredentialsEditError';
  constructor(
    readonly code: CredentialsEditErrorCode,
    message: string,
    readonly profile?: string,
  ) {
    super(message);
  }
}
