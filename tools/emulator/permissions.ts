/**
 * IAM's read side of permissions: the user's attached policies and groups, the groups' attached
 * and inline policies, and managed policy documents. These are facts the emulator reports; its
 * authorization still follows the per-user switches in policy.ts.
 */
import { ActionContext, ActionHandler } from './actions';
import { AwsError, missingParameter } from './errors';
import { GroupRecord, ManagedPolicyRecord } from './model';
import { authorize } from './policy';
import { XmlValue } from './xml';

function required(context: ActionContext, name: string): string {
  const value = context.params.get(name);
  if (value === null || value === '') throw missingParameter(name);
  return value;
}

function attachedXml(arns: string[], policies: Map<string, ManagedPolicyRecord>): XmlValue {
  return arns.map((arn) => ({ PolicyName: policies.get(arn)?.policyName ?? arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn }));
}

function groupXml(group: GroupRecord): { [name: string]: XmlValue } {
  return { Path: group.path, GroupName: group.groupName, GroupId: group.groupId, Arn: group.arn, CreateDate: group.createDate };
}

/** Policy documents travel URL-encoded in IAM's Query API; clients decode them. */
function encodedDocument(json: string): string {
  return encodeURIComponent(json);
}

/** Authorizes a group action (IAM names the group as the resource; the switches only restrict user actions). */
function targetGroup(context: ActionContext, action: string): GroupRecord {
  const groupName = required(context, 'GroupName');
  authorize(context.principal, `iam:${action}`);
  return context.state.group(groupName);
}

/** Permission-reading IAM actions by name. */
export const permissionActions: Record<string, ActionHandler> = {
  ListAttachedUserPolicies: (context) => {
    const userName = required(context, 'UserName');
    authorize(context.principal, 'iam:ListAttachedUserPolicies', userName);
    const user = context.state.user(userName);
    return { AttachedPolicies: attachedXml(user.attachedPolicyArns, context.state.policies), IsTruncated: false };
  },

  ListGroupsForUser: (context) => {
    const userName = required(context, 'UserName');
    authorize(context.principal, 'iam:ListGroupsForUser', userName);
    const user = context.state.user(userName);
    return { Groups: user.groupNames.map((name) => groupXml(context.state.group(name))), IsTruncated: false };
  },

  ListAttachedGroupPolicies: (context) => {
    const group = targetGroup(context, 'ListAttachedGroupPolicies');
    return { AttachedPolicies: attachedXml(group.attachedPolicyArns, context.state.policies), IsTruncated: false };
  },

  ListGroupPolicies: (context) => {
    const group = targetGroup(context, 'ListGroupPolicies');
    return { PolicyNames: [...group.inlinePolicies.keys()], IsTruncated: false };
  },

  GetGroupPolicy: (context) => {
    const group = targetGroup(context, 'GetGroupPolicy');
    const policyName = required(context, 'PolicyName');
    const document = group.inlinePolicies.get(policyName);
    if (document === undefined) throw new AwsError('NoSuchEntity', 404, `The group policy with name ${policyName} cannot be found.`);
    return { GroupName: group.groupName, PolicyName: policyName, PolicyDocument: encodedDocument(document) };
  },

  GetPolicy: (context) => {
    const arn = required(context, 'PolicyArn');
    authorize(context.principal, 'iam:GetPolicy');
    const policy = context.state.policy(arn);
    return {
      Policy: {
        PolicyName: policy.policyName,
        PolicyId: policy.policyId,
        Arn: policy.arn,
        Path: policy.path,
        DefaultVersionId: policy.defaultVersionId,
        AttachmentCount: countAttachments(context, arn),
        IsAttachable: true,
        Description: policy.description,
        CreateDate: policy.createDate,
        UpdateDate: policy.createDate,
      },
    };
  },

  GetPolicyVersion: (context) => {
    const arn = required(context, 'PolicyArn');
    const versionId = required(context, 'VersionId');
    authorize(context.principal, 'iam:GetPolicyVersion');
    const policy = context.state.policy(arn);
    if (versionId !== policy.defaultVersionId) throw new AwsError('NoSuchEntity', 404, `Policy ${arn} version ${versionId} does not exist or is not attachable.`);
    return { PolicyVersion: { Document: encodedDocument(policy.document), VersionId: versionId, IsDefaultVersion: true, CreateDate: policy.createDate } };
  },
};

function countAttachments(context: ActionContext, arn: string): number {
  let count = 0;
  for (const user of context.state.users.values()) if (user.attachedPolicyArns.includes(arn)) count++;
  for (const group of context.state.groups.values()) if (group.attachedPolicyArns.includes(arn)) count++;
  return count;
}
