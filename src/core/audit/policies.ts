/**
 * Reading IAM policy documents: admin (`*` on `*`), privilege-escalation grants, and a
 * least-privilege policy from the services actually used. Pure functions; wildcards are matched
 * without regular expressions, so hostile documents cost linear-ish time.
 */

/** The AWS-managed administrator policy. */
export const ADMINISTRATOR_ACCESS_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** Actions that let a user give itself more access when allowed on `*`. */
export const ESCALATION_ACTIONS: readonly string[] = [
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:AttachUserPolicy',
  'iam:PutUserPolicy',
  'iam:AttachGroupPolicy',
  'iam:PutGroupPolicy',
  'iam:AddUserToGroup',
  'iam:AttachRolePolicy',
  'iam:PutRolePolicy',
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:UpdateAssumeRolePolicy',
  'iam:PassRole',
];

interface Statement {
  effect: string;
  actions: string[];
  notActions: string[];
  resources: string[];
}

function list(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The statements of a policy document (JSON text, URL-encoded or not); throws on malformed JSON. */
export function parseStatements(document: string): Statement[] {
  const text = document.trimStart().startsWith('{') ? document : decodeURIComponent(document);
  const json = JSON.parse(text) as { Statement?: unknown };
  const raw = Array.isArray(json.Statement) ? json.Statement : json.Statement ? [json.Statement] : [];
  return (raw as Record<string, unknown>[]).map((s) => ({
    effect: String(s?.Effect ?? ''),
    actions: list(s?.Action),
    notActions: list(s?.NotAction),
    resources: list(s?.Resource),
  }));
}

/**
 * Case-insensitive match of `text` against an IAM wildcard pattern (`*` any run, `?` one
 * character), by the classic two-pointer walk with one backtrack point: O(n·m) at worst.
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let pi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === t[ti])) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = ti;
    } else if (star >= 0) {
      pi = star + 1;
      ti = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

function allowsOnAnyResource(statement: Statement, action: string): boolean {
  if (statement.effect !== 'Allow' || !statement.resources.includes('*')) return false;
  if (statement.actions.some((a) => wildcardMatch(a, action))) return true;
  return statement.notActions.length > 0 && !statement.notActions.some((a) => wildcardMatch(a, action));
}

/** True when a statement of `document` allows `*` on `*`. */
export function grantsEverything(document: string): boolean {
  return parseStatements(document).some((s) => s.effect === 'Allow' && s.actions.includes('*') && s.resources.includes('*'));
}

/** The escalation actions `documents` allow on `*`, in {@link ESCALATION_ACTIONS} order. Deny statements are not weighed. */
export function escalationGrants(documents: readonly string[]): string[] {
  const statements = documents.flatMap((d) => parseStatements(d));
  return ESCALATION_ACTIONS.filter((action) => statements.some((s) => allowsOnAnyResource(s, action)));
}

/**
 * A policy that allows only the services used (`s3:*`, `lambda:*`… on `*`), as a starting point
 * to replace broader grants: narrower actions and resources are the user's to choose.
 */
export function leastPrivilegePolicy(usedNamespaces: readonly string[]): string {
  const actions = [...new Set(usedNamespaces)].sort().map((s) => `${s}:*`);
  const statement = actions.length > 0 ? [{ Sid: 'ServicesUsed', Effect: 'Allow', Action: actions, Resource: '*' }] : [];
  return JSON.stringify({ Version: '2012-10-17', Statement: statement }, null, 2);
}
