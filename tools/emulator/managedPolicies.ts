/**
 * The AWS-managed policies the emulator knows (AdministratorAccess, ReadOnlyAccess,
 * PowerUserAccess), the service catalog that `*` grants in Access Advisor, and how to tell which
 * service namespaces a policy document grants. Documents are trimmed versions of AWS's: the same
 * shape (`*` on `*`; `NotAction`), with fewer services.
 */

/** Service namespaces a `*` grant covers in the emulator (Access Advisor lists these). */
export const SERVICE_CATALOG: readonly string[] = [
  'acm', 'apigateway', 'athena', 'autoscaling', 'cloudformation', 'cloudfront', 'cloudtrail', 'cloudwatch', 'codebuild', 'codecommit',
  'codepipeline', 'config', 'dynamodb', 'ec2', 'ecr', 'ecs', 'eks', 'elasticache', 'elasticloadbalancing', 'events',
  'glue', 'iam', 'kinesis', 'kms', 'lambda', 'logs', 'organizations', 'rds', 'route53', 's3',
  'sagemaker', 'secretsmanager', 'sns', 'sqs', 'ssm', 'states', 'sts', 'support', 'waf', 'account',
];

const SERVICE_NAMES: Record<string, string> = {
  s3: 'Amazon S3', ec2: 'Amazon EC2', iam: 'AWS Identity and Access Management', sts: 'AWS Security Token Service', lambda: 'AWS Lambda',
  dynamodb: 'Amazon DynamoDB', sqs: 'Amazon SQS', sns: 'Amazon SNS', kms: 'AWS Key Management Service', logs: 'Amazon CloudWatch Logs',
};

/** Access Advisor's display name of a namespace ("Amazon S3"); the namespace itself when not listed. */
export function serviceDisplayName(namespace: string): string {
  return SERVICE_NAMES[namespace] ?? namespace;
}

/** One AWS-managed policy as the emulator holds it. */
export interface AwsManagedPolicy {
  name: string;
  versionId: string;
  description: string;
  document: object;
}

const READ_ONLY_SERVICES = ['cloudwatch', 'dynamodb', 'ec2', 'iam', 'lambda', 'logs', 's3', 'sns', 'sqs', 'rds'];

/** The AWS-managed policies present in every emulated account. */
export const AWS_MANAGED_POLICIES: readonly AwsManagedPolicy[] = [
  {
    name: 'AdministratorAccess',
    versionId: 'v1',
    description: 'Provides full access to AWS services and resources.',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  },
  {
    name: 'ReadOnlyAccess',
    versionId: 'v118',
    description: 'Provides read-only access to AWS services and resources.',
    document: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: READ_ONLY_SERVICES.flatMap((s) => [`${s}:Describe*`, `${s}:Get*`, `${s}:List*`]), Resource: '*' }],
    },
  },
  {
    name: 'PowerUserAccess',
    versionId: 'v5',
    description: 'Provides full access to AWS services and resources, but does not allow management of Users and groups.',
    document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
        { Effect: 'Allow', Action: ['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization', 'account:ListRegions'], Resource: '*' },
      ],
    },
  },
];

/** `arn:aws:iam::aws:policy/NAME`. */
export function awsManagedPolicyArn(name: string): string {
  return `arn:aws:iam::aws:policy/${name}`;
}

function list(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function namespacesOf(actions: string[]): Set<string> {
  const out = new Set<string>();
  for (const action of actions) {
    if (action === '*') for (const s of SERVICE_CATALOG) out.add(s);
    else if (action.includes(':')) out.add(action.slice(0, action.indexOf(':')).toLowerCase());
  }
  return out;
}

/** The service namespaces a policy document (JSON text) allows anything in; malformed documents grant nothing. */
export function grantedNamespaces(documentJson: string): Set<string> {
  let document: { Statement?: unknown };
  try {
    document = JSON.parse(documentJson) as { Statement?: unknown };
  } catch {
    return new Set();
  }
  const statements = Array.isArray(document.Statement) ? document.Statement : document.Statement ? [document.Statement] : [];
  const granted = new Set<string>();
  for (const statement of statements as { Effect?: string; Action?: unknown; NotAction?: unknown }[]) {
    if (statement?.Effect !== 'Allow') continue;
    for (const s of namespacesOf(list(statement.Action))) granted.add(s);
    const notAction = list(statement.NotAction);
    if (notAction.length > 0) {
      // NotAction "iam:*" leaves iam out; a narrower NotAction still leaves part of the service granted.
      const excluded = new Set(notAction.filter((a) => a.endsWith(':*')).map((a) => a.slice(0, a.indexOf(':')).toLowerCase()));
      for (const s of SERVICE_CATALOG) if (!excluded.has(s)) granted.add(s);
    }
  }
  return granted;
}
