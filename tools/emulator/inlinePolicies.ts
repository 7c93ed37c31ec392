/**
 * Inline user policies: PutUserPolicy, GetUserPolicy, ListUserPolicies and DeleteUserPolicy, with
 * IAM's validation, errors and URL-encoded documents. The documents are stored as given; which of
 * their statements the emulator enforces is up to policyDocument.ts.
 */
import { ActionContext, ActionHandler } from './actions';
import { AwsError, missingParameter } from './errors';
import { parsePolicyDocument } from './policyDocument';
import { authorize } from './policy';
import { UserRecord } from './model';

/** IAM's quota: the inline policies of one user together hold at most this many characters (whitespace excluded). */
export const INLINE_USER_POLICY_SIZE = 2048;

function required(context: ActionContext, name: string): string {
  const value = context.params.get(name);
  if (value === null || value === '') throw missingParameter(name);
  return value;
}

function policyNameParameter(context: ActionContext): string {
  const name = required(context, 'PolicyName');
  if (!/^[\w+=,.@-]{1,128}$/.test(name)) {
    throw new AwsError(
      'ValidationError',
      400,
      `1 validation error detected: Value '${name}' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
    );
  }
  return name;
}

/** Authorizes `action` on the user named by the (required) UserName and returns that user. */
function namedUser(context: ActionContext, action: string): UserRecord {
  const userName = required(context, 'UserName');
  authorize(context.principal, `iam:${action}`, userName);
  return context.state.user(userName);
}

function noSuchPolicy(policyName: string): AwsError {
  return new AwsError('NoSuchEntity', 404, `The user policy with name ${policyName} cannot be found.`);
}

function sizeWithoutWhitespace(document: string): number {
  return document.replace(/\s/g, '').length;
}

function pageParameters(context: ActionContext): { start: number; maxItems: number } {
  const maxText = context.params.get('MaxItems');
  const maxItems = maxText === null ? 100 : Number(maxText);
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
    throw new AwsError('ValidationError', 400, `1 validation error detected: Value '${maxText}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`);
  }
  const marker = context.params.get('Marker');
  const start = marker === null ? 0 : Number(marker);
  if (!Number.isInteger(start) || start < 0) throw new AwsError('ValidationError', 400, 'Invalid Marker.');
  return { start, maxItems };
}

/** Handlers for the inline user policy actions, merged into IAM's. */
export const inlinePolicyActions: Record<string, ActionHandler> = {
  PutUserPolicy: (context) => {
    const policyName = policyNameParameter(context);
    const document = required(context, 'PolicyDocument');
    const user = namedUser(context, 'PutUserPolicy');
    parsePolicyDocument(document);
    const others = [...user.inlinePolicies].filter(([name]) => name !== policyName).reduce((sum, [, text]) => sum + sizeWithoutWhitespace(text), 0);
    if (others + sizeWithoutWhitespace(document) > INLINE_USER_POLICY_SIZE) {
      throw new AwsError('LimitExceeded', 409, `Maximum policy size of ${INLINE_USER_POLICY_SIZE} bytes exceeded for user ${user.userName}`);
    }
    // A second put with the same name replaces the document, as IAM does.
    user.inlinePolicies.set(policyName, document);
    return undefined;
  },

  GetUserPolicy: (context) => {
    const policyName = policyNameParameter(context);
    const user = namedUser(context, 'GetUserPolicy');
    const document = user.inlinePolicies.get(policyName);
    if (document === undefined) throw noSuchPolicy(policyName);
    // IAM returns the document URL-encoded (RFC 3986); the SDK leaves it so, the AWS CLI decodes it.
    return { UserName: user.userName, PolicyName: policyName, PolicyDocument: encodeURIComponent(document) };
  },

  ListUserPolicies: (context) => {
    const user = namedUser(context, 'ListUserPolicies');
    const { start, maxItems } = pageParameters(context);
    const names = [...user.inlinePolicies.keys()].sort();
    const page = names.slice(start, start + maxItems);
    const truncated = start + maxItems < names.length;
    return { PolicyNames: page, IsTruncated: truncated, Marker: truncated ? String(start + maxItems) : undefined };
  },

  DeleteUserPolicy: (context) => {
    const policyName = policyNameParameter(context);
    const user = namedUser(context, 'DeleteUserPolicy');
    if (!user.inlinePolicies.delete(policyName)) throw noSuchPolicy(policyName);
    return undefined;
  },
};
