/**
 * The IAM calls behind each audit fact. Every call names the user (UserName, Arn), so the same
 * code runs with the profile's own key (self-permissions) or through a profile that may read IAM.
 * Each call signed with a long-term key is recorded as our own use (see profiles/key-use.ts).
 */
import type { IAMClient } from '@aws-sdk/client-iam';
import { classifyProblem } from '../profiles';
import type { PolicySource, ServiceUsage } from './types';
import { ADMINISTRATOR_ACCESS_ARN, escalationGrants, grantsEverything } from './policies';

type IamSdk = typeof import('@aws-sdk/client-iam');

function sdk(): IamSdk {
  return require('@aws-sdk/client-iam') as IamSdk;
}

/** A fact's call failed: the message says which call and what to do. */
export class FactError extends Error {
  override readonly name = 'FactError';
}

/** An IAM client for one profile, with the signal and the record of our own calls. */
export interface AuditIam {
  readonly client: IAMClient;
  readonly signal?: AbortSignal;
  /** Called before each call (records it as ours). */
  readonly onCall?: () => void;
}

async function send<T>(iam: AuditIam, action: string, run: (client: IAMClient, options: { abortSignal?: AbortSignal }) => Promise<T>): Promise<T> {
  iam.onCall?.();
  try {
    return await run(iam.client, { abortSignal: iam.signal });
  } catch (error) {
    throw new FactError(classifyProblem(error, `iam:${action}`).message, { cause: error });
  }
}

/** MFA: whether the user has an MFA device (ListMFADevices). */
export async function readMfaEnabled(iam: AuditIam, userName: string): Promise<boolean> {
  const { ListMFADevicesCommand } = sdk();
  const out = await send(iam, 'ListMFADevices', (c, o) => c.send(new ListMFADevicesCommand({ UserName: userName }), o));
  return (out.MFADevices ?? []).length > 0;
}

/** Managed policy documents by ARN: AWS-managed ones are the same for every profile. */
export type PolicyDocumentCache = Map<string, Promise<string>>;

/** The permissions fact. */
export interface PermissionFacts {
  readonly admin: boolean;
  /** The policies that make the user an administrator: "AdministratorAccess (group Admins)", "ops (inline on the user)". */
  readonly adminPolicies: string[];
  readonly escalation: string[];
  readonly policies: PolicySource[];
}

// One GetPolicy + GetPolicyVersion per policy and audit session: thirty profiles with ReadOnlyAccess
// read its document once. (A policy edited meanwhile is seen on the next session or refresh.)
function managedDocument(iam: AuditIam, arn: string, cache: PolicyDocumentCache): Promise<string> {
  const fetchDocument = async () => {
    const { GetPolicyCommand, GetPolicyVersionCommand } = sdk();
    const policy = await send(iam, 'GetPolicy', (c, o) => c.send(new GetPolicyCommand({ PolicyArn: arn }), o));
    const version = policy.Policy?.DefaultVersionId ?? 'v1';
    const out = await send(iam, 'GetPolicyVersion', (c, o) => c.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: version }), o));
    return decodeURIComponent(out.PolicyVersion?.Document ?? '{}');
  };
  const cached = cache.get(arn);
  // Another profile's failure (its policy may deny GetPolicy) is never this profile's: ask again.
  if (cached) return cached.catch(fetchDocument);
  const document = fetchDocument();
  cache.set(arn, document);
  document.catch(() => cache.delete(arn));
  return document;
}

/** Where a policy is, for a sentence: "attached to the user", "inline on the user", "group Admins". */
function describeSource(source: string): string {
  if (source === 'user') return 'attached to the user';
  if (source === 'user inline') return 'inline on the user';
  return source;
}

/**
 * Permissions: the user's attached and inline policies and those of its groups, with their
 * documents; admin when AdministratorAccess is attached or a statement allows `*` on `*`.
 */
export async function readPermissions(iam: AuditIam, userName: string, cache: PolicyDocumentCache): Promise<PermissionFacts> {
  const s = sdk();
  const policies: PolicySource[] = [];
  // Each document beside the policy it came from (they arrive in any order).
  const read: Array<{ policy: PolicySource; document: string }> = [];
  const attached = async (arns: { PolicyName?: string; PolicyArn?: string }[], source: string) => {
    const sources = arns.map((p) => ({ name: p.PolicyName ?? '', source, arn: p.PolicyArn }));
    policies.push(...sources);
    const documents = await Promise.all(arns.map((p) => managedDocument(iam, p.PolicyArn ?? '', cache)));
    sources.forEach((policy, i) => read.push({ policy, document: documents[i] }));
  };
  const inline = async (names: string[], source: string, get: (name: string) => Promise<string | undefined>) => {
    const sources = names.map((name) => ({ name, source }));
    policies.push(...sources);
    const documents = await Promise.all(names.map(async (name) => decodeURIComponent((await get(name)) ?? '{}')));
    sources.forEach((policy, i) => read.push({ policy, document: documents[i] }));
  };
  const [userAttached, userInline, groups] = await Promise.all([
    send(iam, 'ListAttachedUserPolicies', (c, o) => c.send(new s.ListAttachedUserPoliciesCommand({ UserName: userName }), o)),
    send(iam, 'ListUserPolicies', (c, o) => c.send(new s.ListUserPoliciesCommand({ UserName: userName }), o)),
    send(iam, 'ListGroupsForUser', (c, o) => c.send(new s.ListGroupsForUserCommand({ UserName: userName }), o)),
  ]);
  const work: Promise<void>[] = [
    attached(userAttached.AttachedPolicies ?? [], 'user'),
    inline(userInline.PolicyNames ?? [], 'user inline', async (name) =>
      (await send(iam, 'GetUserPolicy', (c, o) => c.send(new s.GetUserPolicyCommand({ UserName: userName, PolicyName: name }), o))).PolicyDocument,
    ),
  ];
  for (const group of groups.Groups ?? []) {
    const groupName = group.GroupName ?? '';
    work.push(
      send(iam, 'ListAttachedGroupPolicies', (c, o) => c.send(new s.ListAttachedGroupPoliciesCommand({ GroupName: groupName }), o)).then((out) =>
        attached(out.AttachedPolicies ?? [], `group ${groupName}`),
      ),
      send(iam, 'ListGroupPolicies', (c, o) => c.send(new s.ListGroupPoliciesCommand({ GroupName: groupName }), o)).then((out) =>
        inline(out.PolicyNames ?? [], `group ${groupName} inline`, async (name) =>
          (await send(iam, 'GetGroupPolicy', (c, o) => c.send(new s.GetGroupPolicyCommand({ GroupName: groupName, PolicyName: name }), o))).PolicyDocument,
        ),
      ),
    );
  }
  await Promise.all(work);
  try {
    const adminPolicies = read
      .filter((r) => r.policy.arn === ADMINISTRATOR_ACCESS_ARN || grantsEverything(r.document))
      .map((r) => `${r.policy.name} (${describeSource(r.policy.source)})`)
      .sort();
    const admin = adminPolicies.length > 0;
    return { admin, adminPolicies, escalation: admin ? [] : escalationGrants(read.map((r) => r.document)), policies };
  } catch {
    throw new FactError('A policy document could not be read as JSON.');
  }
}

/** How Access Advisor is polled. */
export interface AdvisorPolling {
  readonly intervalMs: number;
  readonly maxPolls: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Least privilege: IAM Access Advisor (GenerateServiceLastAccessedDetails, then polling
 * GetServiceLastAccessedDetails): the services the policies grant, and which were used in the
 * tracking period.
 */
export async function readServiceUsage(iam: AuditIam, userArn: string, polling: AdvisorPolling): Promise<ServiceUsage> {
  const { GenerateServiceLastAccessedDetailsCommand, GetServiceLastAccessedDetailsCommand } = sdk();
  const job = await send(iam, 'GenerateServiceLastAccessedDetails', (c, o) => c.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: userArn }), o));
  for (let poll = 0; poll < polling.maxPolls; poll++) {
    const out = await send(iam, 'GetServiceLastAccessedDetails', (c, o) => c.send(new GetServiceLastAccessedDetailsCommand({ JobId: job.JobId }), o));
    if (out.JobStatus === 'FAILED') throw new FactError(`Access Advisor could not build its report (${out.Error?.Message ?? 'no reason given'}).`);
    if (out.JobStatus === 'COMPLETED') {
      const services = out.ServicesLastAccessed ?? [];
      const granted = services.map((x) => x.ServiceNamespace ?? '').filter(Boolean).sort();
      const used = services.filter((x) => x.LastAuthenticated).map((x) => x.ServiceNamespace ?? '').filter(Boolean).sort();
      return { granted, used, unused: granted.filter((x) => !used.includes(x)) };
    }
    if (iam.signal?.aborted) break;
    await sleep(polling.intervalMs, iam.signal);
  }
  throw new FactError(`Access Advisor did not finish its report after ${polling.maxPolls} polls; try again later.`);
}
