/**
 * IAM policy documents as the emulator reads them: validated like IAM validates them on
 * PutUserPolicy (MalformedPolicyDocument otherwise).
 */
import { AwsError } from './errors';

/** One statement of a policy document, normalised to arrays. */
export interface PolicyStatement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  notActions: string[];
  resources: string[];
  /** Operator → condition key → values, as written. */
  condition: Record<string, Record<string, string[]>>;
}

function malformed(detail: string): AwsError {
  return new AwsError('MalformedPolicyDocument', 400, detail);
}

function stringList(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((item) => typeof item === 'string')) throw malformed(`Syntax errors in policy: ${field} must be a string or a list of strings.`);
  return list as string[];
}

function conditionBlock(value: unknown): PolicyStatement['condition'] {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed('Syntax errors in policy: Condition must be an object.');
  const condition: PolicyStatement['condition'] = {};
  for (const [operator, keys] of Object.entries(value)) {
    if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) throw malformed(`Syntax errors in policy: Condition operator ${operator} must map keys to values.`);
    condition[operator] = {};
    for (const [key, values] of Object.entries(keys as Record<string, unknown>)) {
      condition[operator][key] = (Array.isArray(values) ? values : [values]).map(String);
    }
  }
  return condition;
}

/** Parses and validates a policy document; MalformedPolicyDocument (IAM's code) when it is not one. */
export function parsePolicyDocument(text: string): PolicyStatement[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw malformed('Syntax errors in policy.');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw malformed('Syntax errors in policy.');
  const document = json as Record<string, unknown>;
  if (document.Version !== undefined && document.Version !== '2012-10-17' && document.Version !== '2008-10-17') {
    throw malformed('The policy must contain a valid version string');
  }
  if (document.Statement === undefined) throw malformed('Syntax errors in policy: Statement is missing.');
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  return statements.map((raw: unknown) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw malformed('Syntax errors in policy: a Statement must be an object.');
    const statement = raw as Record<string, unknown>;
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') throw malformed('Syntax errors in policy: Effect must be Allow or Deny.');
    const actions = stringList(statement.Action, 'Action');
    const notActions = stringList(statement.NotAction, 'NotAction');
    if (actions.length === 0 && notActions.length === 0) throw malformed('Policy statement must contain actions.');
    const resources = stringList(statement.Resource ?? statement.NotResource, 'Resource');
    if (resources.length === 0) throw malformed('Policy statement must contain resources.');
    return { effect: statement.Effect, actions, notActions, resources, condition: conditionBlock(statement.Condition) };
  });
}

/** What a Deny statement is matched against. */
export interface RequestContext {
  /** "iam:ListAccessKeys", "cloudtrail:LookupEvents". */
  action: string;
  /** The resource's ARN, or "*" for actions on no particular resource. */
  resourceArn: string;
  /** When the caller's temporary credentials were issued; absent for long-term keys, as in AWS. */
  tokenIssueTime?: Date;
  /** Whether the caller signed in with MFA (aws:MultiFactorAuthPresent). */
  multiFactorAuthPresent: boolean;
}

function globMatches(glob: string, value: string): boolean {
  // A linear matcher for IAM's two wildcards, so a hostile pattern cannot blow up.
  const g = glob.toLowerCase();
  const v = value.toLowerCase();
  let gi = 0;
  let vi = 0;
  let star = -1;
  let mark = 0;
  while (vi < v.length) {
    if (gi < g.length && (g[gi] === '?' || g[gi] === v[vi])) {
      gi++;
      vi++;
    } else if (gi < g.length && g[gi] === '*') {
      star = gi++;
      mark = vi;
    } else if (star >= 0) {
      gi = star + 1;
      vi = ++mark;
    } else {
      return false;
    }
  }
  while (gi < g.length && g[gi] === '*') gi++;
  return gi === g.length;
}

function dateCondition(operator: string, actual: Date | undefined, values: string[]): boolean {
  // A key absent from the request context never satisfies a Date operator (AWS's rule without IfExists).
  if (actual === undefined) return false;
  const t = actual.getTime();
  return values.some((text) => {
    const bound = Date.parse(text);
    if (Number.isNaN(bound)) return false;
    switch (operator) {
      case 'DateLessThan':
        return t < bound;
      case 'DateLessThanEquals':
        return t <= bound;
      case 'DateGreaterThan':
        return t > bound;
      case 'DateGreaterThanEquals':
        return t >= bound;
      default:
        return false;
    }
  });
}

/**
 * Whether every condition of a statement holds. The emulator knows aws:TokenIssueTime (Date
 * operators) and aws:MultiFactorAuthPresent (Bool); a condition on anything else does not hold, so
 * an unsupported Deny never fires rather than firing by accident.
 */
function conditionsHold(condition: PolicyStatement['condition'], request: RequestContext): boolean {
  return Object.entries(condition).every(([operator, keys]) =>
    Object.entries(keys).every(([key, values]) => {
      const name = key.toLowerCase();
      if (operator.startsWith('Date') && name === 'aws:tokenissuetime') return dateCondition(operator, request.tokenIssueTime, values);
      if (operator === 'Bool' && name === 'aws:multifactorauthpresent') return values.includes(String(request.multiFactorAuthPresent));
      return false;
    }),
  );
}

/** True when a Deny statement of the documents covers the request: an explicit deny, which nothing overrides. */
export function isExplicitlyDenied(documents: Iterable<string>, request: RequestContext): boolean {
  for (const text of documents) {
    let statements: PolicyStatement[];
    try {
      statements = parsePolicyDocument(text);
    } catch {
      continue; // Stored documents were validated on put; this only guards a hand-edited state.
    }
    for (const statement of statements) {
      if (statement.effect !== 'Deny') continue;
      const actionMatches =
        statement.actions.length > 0 ? statement.actions.some((a) => globMatches(a, request.action)) : !statement.notActions.some((a) => globMatches(a, request.action));
      if (!actionMatches) continue;
      if (!statement.resources.some((r) => globMatches(r, request.resourceArn))) continue;
      if (conditionsHold(statement.condition, request)) return true;
    }
  }
  return false;
}
