/**
 * IAM Access Advisor for users: GenerateServiceLastAccessedDetails starts a job, and
 * GetServiceLastAccessedDetails answers IN_PROGRESS on the first poll, then every service the
 * user's policies grant with when the user last called it (calls the emulator served, plus
 * seeded history).
 */
import { randomUUID } from 'node:crypto';
import { ActionContext, ActionHandler } from './actions';
import { AwsError, missingParameter } from './errors';
import { grantedNamespaces, serviceDisplayName } from './managedPolicies';
import { UserRecord } from './model';
import { authorize } from './policy';
import { IamState } from './state';

function required(context: ActionContext, name: string): string {
  const value = context.params.get(name);
  if (value === null || value === '') throw missingParameter(name);
  return value;
}

/** Every policy document that applies to `user`: attached, inline, and those of its groups. */
export function policyDocumentsOf(state: IamState, user: UserRecord): string[] {
  const documents: string[] = [];
  const managed = (arns: string[]) => {
    for (const arn of arns) {
      const policy = state.policies.get(arn);
      if (policy) documents.push(policy.document);
    }
  };
  managed(user.attachedPolicyArns);
  documents.push(...user.inlinePolicies.values());
  for (const groupName of user.groupNames) {
    const group = state.groups.get(groupName);
    if (!group) continue;
    managed(group.attachedPolicyArns);
    documents.push(...group.inlinePolicies.values());
  }
  return documents;
}

/** The service namespaces `user` is granted, sorted. */
export function grantedServicesOf(state: IamState, user: UserRecord): string[] {
  const granted = new Set<string>();
  for (const document of policyDocumentsOf(state, user)) for (const s of grantedNamespaces(document)) granted.add(s);
  return [...granted].sort();
}

/** Access Advisor actions by name. */
export const accessAdvisorActions: Record<string, ActionHandler> = {
  GenerateServiceLastAccessedDetails: (context) => {
    const arn = required(context, 'Arn');
    const userName = /:user\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
    authorize(context.principal, 'iam:GenerateServiceLastAccessedDetails', userName);
    if (!userName) throw new AwsError('InvalidInput', 400, `ARN ${arn} is not valid: the emulator supports IAM users only.`);
    context.state.user(userName);
    const jobId = randomUUID();
    context.state.accessAdvisorJobs.set(jobId, { jobId, userName, createDate: context.state.clock.now(), polls: 0 });
    return { JobId: jobId };
  },

  GetServiceLastAccessedDetails: (context) => {
    const jobId = required(context, 'JobId');
    const job = context.state.accessAdvisorJobs.get(jobId);
    authorize(context.principal, 'iam:GetServiceLastAccessedDetails', job?.userName);
    if (!job) throw new AwsError('NoSuchEntity', 404, `No job with id ${jobId}.`);
    job.polls++;
    const base = { JobStatus: 'IN_PROGRESS', JobType: 'SERVICE_LEVEL', JobCreationDate: job.createDate };
    if (job.polls === 1) return { ...base, ServicesLastAccessed: [] };
    const user = context.state.user(job.userName);
    const services = grantedServicesOf(context.state, user).map((namespace) => {
      const last = user.serviceAccess.get(namespace);
      return {
        ServiceName: serviceDisplayName(namespace),
        ServiceNamespace: namespace,
        LastAuthenticated: last,
        LastAuthenticatedEntity: last ? user.arn : undefined,
        TotalAuthenticatedEntities: last ? 1 : 0,
      };
    });
    return { ...base, JobStatus: 'COMPLETED', ServicesLastAccessed: services, JobCompletionDate: context.state.clock.now(), IsTruncated: false };
  },
};
