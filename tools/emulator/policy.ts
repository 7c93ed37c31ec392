/**
 * The per-user policy switches: deny listed actions, require MFA for IAM, restrict IAM to the
 * caller's own user. Denials use AWS's AccessDenied message shapes, which clients show to users.
 */
import { AwsError, invalidClientTokenId } from './errors';
import { Principal } from './model';
import { isExplicitlyDenied } from './policyDocument';

function actionPattern(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** True when `denyActions` ("iam:CreateAccessKey", "iam:*AccessKey*", "CreateAccessKey") covers `action`. */
export function isActionDenied(denyActions: string[], action: string): boolean {
  const bareName = action.slice(action.indexOf(':') + 1);
  return denyActions.some((glob) => {
    const pattern = actionPattern(glob);
    return glob.includes(':') ? pattern.test(action) : pattern.test(bareName);
  });
}

function accessDenied(principal: Principal, action: string, resource: string, reason: string): AwsError {
  return new AwsError('AccessDenied', 403, `User: ${principal.user.arn} is not authorized to perform: ${action} on resource: ${resource} ${reason}`);
}

/**
 * Throws AccessDenied unless `principal` may perform `action` ("iam:ListAccessKeys") on the user
 * named `resourceUserName` (undefined for actions on no particular user). Like AWS, this runs
 * before the user is looked up, so a caller without permission cannot probe which users exist.
 */
export function authorize(principal: Principal, action: string, resourceUserName?: string): void {
  const resource = resourceUserName ? `user ${resourceUserName}` : '*';
  const isIam = action.startsWith('iam:');
  // AWS refuses IAM calls made with GetSessionToken credentials that carry no MFA.
  if (isIam && principal.session && !principal.session.mfaAuthenticated) throw invalidClientTokenId();
  const policy = principal.user.policy;
  if (isIam && policy.requireMfa && !principal.session?.mfaAuthenticated) {
    throw accessDenied(principal, action, resource, 'with an explicit deny in an identity-based policy');
  }
  const explicitDeny = 'with an explicit deny in an identity-based policy';
  const resourceArn = resourceUserName ? principal.user.arn.replace(/:user\/.*$/, `:user/${resourceUserName}`) : '*';
  const context = { action, resourceArn, tokenIssueTime: principal.session?.issuedAt, multiFactorAuthPresent: principal.session?.mfaAuthenticated === true };
  if (isExplicitlyDenied(principal.user.inlinePolicies.values(), context)) throw accessDenied(principal, action, resource, explicitDeny);
  const noAllow = `because no identity-based policy allows the ${action} action`;
  if (isActionDenied(policy.denyActions, action)) throw accessDenied(principal, action, resource, noAllow);
  if (isIam && policy.selfOnly && resourceUserName !== undefined && resourceUserName !== principal.user.userName) {
    throw accessDenied(principal, action, resource, noAllow);
  }
}
