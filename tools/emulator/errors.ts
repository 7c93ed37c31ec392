/**
 * AWS errors as the emulator raises them: a code, the HTTP status AWS uses for it, and AWS's
 * message text. Handlers throw these; the server turns them into AWS's ErrorResponse XML.
 */

/** An error the emulator reports to the client in AWS's error XML. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = code;
  }

  /** "Sender" for the caller's mistakes (4xx), "Receiver" for the service's (5xx), as AWS labels them. */
  get type(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

/** IAM's NoSuchEntity for a user name that does not exist. */
export function noSuchUser(userName: string): AwsError {
  return new AwsError('NoSuchEntity', 404, `The user with name ${userName} cannot be found.`);
}

/** IAM's NoSuchEntity for an access key id that does not exist (or belongs to someone else). */
export function noSuchAccessKey(accessKeyId: string): AwsError {
  return new AwsError('NoSuchEntity', 404, `The Access Key with id ${accessKeyId} cannot be found.`);
}

/** The error AWS returns for an unknown, deleted, inactive or not-yet-propagated access key. */
export function invalidClientTokenId(): AwsError {
  return new AwsError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.');
}

/** A request parameter that is required but absent (AWS answers with a ValidationError). */
export function missingParameter(parameter: string): AwsError {
  const member = parameter.charAt(0).toLowerCase() + parameter.slice(1);
  return new AwsError(
    'ValidationError',
    400,
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
  );
}
