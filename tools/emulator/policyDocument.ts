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
