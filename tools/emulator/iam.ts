/**
 * The IAM actions the emulator answers. Calls without UserName act on the caller, like IAM's.
 * Each handler authorizes first, then validates existence, then acts, in AWS's order.
 */
import { ActionContext, ActionHandler } from './actions';
import { credentialReportCsv } from './credentialReport';
import { AwsError, missingParameter, noSuchAccessKey } from './errors';
import { AccessKeyRecord, UserRecord } from './model';
import { inlinePolicyActions } from './inlinePolicies';
import { authorize } from './policy';
import { XmlValue } from './xml';

/** IAM's XML namespace and API version. */
export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const IAM_VERSION = '2010-05-08';

/** A report older than this is refused with ReportExpired, as in AWS. */
const REPORT_LIFETIME_MS = 4 * 60 * 60 * 1000;

function required(context: ActionContext, name: string): string {
  const value = context.params.get(name);
  if (value === null || value === '') throw missingParameter(name);
  return value;
}

/** Authorizes `action` on the user named by UserName (or the caller) and returns that user. */
function targetUser(context: ActionContext, action: string): UserRecord {
  const userName = context.params.get('UserName') || context.principal.user.userName;
  authorize(context.principal, `iam:${action}`, userName);
  return context.state.user(userName);
}

function userXml(user: UserRecord): { [name: string]: XmlValue } {
  return { Path: user.path, UserName: user.userName, UserId: user.userId, Arn: user.arn, CreateDate: user.createDate, PasswordLastUsed: user.passwordLastUsed };
}

function keyMetadataXml(key: AccessKeyRecord): { [name: string]: XmlValue } {
  return { UserName: key.userName, AccessKeyId: key.accessKeyId, Status: key.status, CreateDate: key.createDate };
}

function statusParameter(context: ActionContext): 'Active' | 'Inactive' {
  const status = required(context, 'Status');
  if (status !== 'Active' && status !== 'Inactive') {
    throw new AwsError(
      'ValidationError',
      400,
      `1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`,
    );
  }
  return status;
}

/** IAM action handlers by action name. */
export const iamActions: Record<string, ActionHandler> = {
  GetUser: (context) => ({ User: userXml(targetUser(context, 'GetUser')) }),

  CreateUser: (context) => {
    const userName = required(context, 'UserName');
    authorize(context.principal, 'iam:CreateUser', userName);
    const path = context.params.get('Path') ?? '/';
    if (!/^\/([\x21-\x7e]*\/)?$/.test(path)) {
      throw new AwsError('ValidationError', 400, `1 validation error detected: Value '${path}' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)`);
    }
    return { User: userXml(context.state.createUser({ userName, path })) };
  },

  ListAccessKeys: (context) => {
    const user = targetUser(context, 'ListAccessKeys');
    return { AccessKeyMetadata: context.state.keysOf(user.userName).map(keyMetadataXml), IsTruncated: false };
  },

  CreateAccessKey: (context) => {
    const user = targetUser(context, 'CreateAccessKey');
    const key = context.state.createAccessKey(user.userName, { usableFromMs: context.state.clock.nowMs() + context.consistencyDelayMs });
    return {
      AccessKey: { UserName: key.userName, AccessKeyId: key.accessKeyId, Status: key.status, SecretAccessKey: key.secretAccessKey, CreateDate: key.createDate },
    };
  },

  UpdateAccessKey: (context) => {
    const accessKeyId = required(context, 'AccessKeyId');
    const status = statusParameter(context);
    const user = targetUser(context, 'UpdateAccessKey');
    context.state.keyOfUser(user.userName, accessKeyId).status = status;
    return undefined;
  },

  DeleteAccessKey: (context) => {
    const accessKeyId = required(context, 'AccessKeyId');
    const user = targetUser(context, 'DeleteAccessKey');
    context.state.deleteAccessKey(user.userName, accessKeyId);
    return undefined;
  },

  GetAccessKeyLastUsed: (context) => {
    const accessKeyId = required(context, 'AccessKeyId');
    const key = context.state.keys.get(accessKeyId);
    authorize(context.principal, 'iam:GetAccessKeyLastUsed', key?.userName ?? context.principal.user.userName);
    if (!key) throw noSuchAccessKey(accessKeyId);
    return {
      UserName: key.userName,
      AccessKeyLastUsed: key.lastUsed
        ? { LastUsedDate: key.lastUsed.date, ServiceName: key.lastUsed.serviceName, Region: key.lastUsed.region }
        : { ServiceName: 'N/A', Region: 'N/A' },
    };
  },

  ListMFADevices: (context) => {
    const user = targetUser(context, 'ListMFADevices');
    return {
      MFADevices: user.mfaDevices.map((device) => ({ UserName: user.userName, SerialNumber: device.serialNumber, EnableDate: device.enableDate })),
      IsTruncated: false,
    };
  },

  GenerateCredentialReport: (context) => {
    authorize(context.principal, 'iam:GenerateCredentialReport');
    const { state } = context;
    const now = state.clock.now();
    const current = state.credentialReport;
    if (current && now.getTime() - current.generatedTime.getTime() < REPORT_LIFETIME_MS) return { State: 'COMPLETE' };
    // Generation is instant here; AWS answers STARTED for the call that begins a report.
    state.credentialReport = { generatedTime: now, csv: credentialReportCsv(state) };
    return { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' };
  },

  GetCredentialReport: (context) => {
    authorize(context.principal, 'iam:GetCredentialReport');
    const report = context.state.credentialReport;
    if (!report) throw new AwsError('ReportNotPresent', 410, 'Credential report not present. Use GenerateCredentialReport to generate a report.');
    if (context.state.clock.nowMs() - report.generatedTime.getTime() >= REPORT_LIFETIME_MS) {
      throw new AwsError('ReportExpired', 410, 'Credential report has expired. Use GenerateCredentialReport to generate a new report.');
    }
    return { Content: Buffer.from(report.csv, 'utf8').toString('base64'), ReportFormat: 'text/csv', GeneratedTime: report.generatedTime };
  },

  ...inlinePolicyActions,
};
