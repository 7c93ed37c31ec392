/**
 * The IAM side of the response steps: deactivate the key, put the inline policy that revokes the
 * owner's older sessions, look up the owner's MFA and administrator rights, delete the key.
 * Each function returns what it found or throws the SDK's error; the orchestrator words outcomes.
 */
import { FactError, readPermissions } from '../audit/facts';
import { awsErrorCode, isAccessDenied } from '../rotation/aws-errors';
import { iamSdk, type ProfileSession } from '../rotation/session';

/** The name of the inline policy that revokes older sessions: a second response replaces it. */
export const REVOKE_POLICY_NAME = 'AWSKeyGuardRevokeOlderSessions';

/**
 * The policy document: deny everything to credentials issued before `cutoff`. Long-term keys carry
 * no aws:TokenIssueTime, so the user's other keys keep working; sessions from GetSessionToken
 * (and console sessions) issued before the cutoff stop at once. Role sessions are not covered.
 */
export function revokeOlderSessionsPolicy(cutoff: Date): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AWSKeyGuardRevokeOlderSessions',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { DateLessThan: { 'aws:TokenIssueTime': cutoff.toISOString().replace(/\.\d{3}Z$/, 'Z') } },
      },
    ],
  });
}

/** How far this machine's clock may be from AWS's before the report says so. */
const CLOCK_NOTE_MS = 60_000;

/**
 * The revocation cutoff: AWS's time (from IAM's answers) when known, since AWS compares it with its
 * own aws:TokenIssueTime; this machine's clock only when IAM gave no time. AWS's Date has whole
 * seconds, so the true time may be up to a second later: one second is added, then rounded up, so a
 * session of this very second is revoked too. `clockNote` tells the user when the clocks differ.
 */
export function revocationCutoff(awsTime: Date | undefined, localTime: Date): { cutoff: Date; clockNote: string } {
  const base = awsTime ? awsTime.getTime() + 1000 : localTime.getTime();
  const cutoff = new Date(Math.ceil(base / 1000) * 1000);
  const skewMs = awsTime ? localTime.getTime() - awsTime.getTime() : 0;
  if (Math.abs(skewMs) < CLOCK_NOTE_MS) return { cutoff, clockNote: '' };
  const minutes = Math.round(Math.abs(skewMs) / 60_000);
  return { cutoff, clockNote: ` This machine's clock is ${minutes} minute${minutes === 1 ? '' : 's'} ${skewMs < 0 ? 'behind' : 'ahead of'} AWS's; the cutoff is in AWS's time.` };
}

/** The IAM action an AccessDenied names ("not authorized to perform: iam:PutUserPolicy"), else `fallback`. */
export function missingActionOf(error: unknown, fallback: string): string | undefined {
  if (!isAccessDenied(error)) return undefined;
  const named = /not authorized to perform: ([\w-]+:[\w*]+)/.exec(String((error as Error).message))?.[1];
  return named ?? fallback;
}

/** The owner's ARN (GetUser), or one built from the account and name when IAM will not say. */
export async function ownerArn(session: ProfileSession, userName: string): Promise<string> {
  try {
    const out = await session.call((iam) => iam.send(new (iamSdk().GetUserCommand)({ UserName: userName })));
    if (out.User?.Arn) return out.User.Arn;
  } catch {
    // Only the ARN's path is lost; the name and account are certain.
  }
  return `arn:aws:iam::${session.identity.account}:user/${userName}`;
}

/** The key's status in IAM: Active, Inactive, absent (deleted), or undefined when IAM will not say. */
export async function keyStatus(session: ProfileSession, userName: string, accessKeyId: string): Promise<'Active' | 'Inactive' | 'absent' | undefined> {
  try {
    const out = await session.call((iam) => iam.send(new (iamSdk().ListAccessKeysCommand)({ UserName: userName })));
    const key = (out.AccessKeyMetadata ?? []).find((k) => k.AccessKeyId === accessKeyId);
    if (!key) return 'absent';
    return key.Status === 'Inactive' ? 'Inactive' : 'Active';
  } catch {
    return undefined;
  }
}

/** Puts (or replaces) the revoking inline policy on the owner. */
export async function putRevokePolicy(session: ProfileSession, userName: string, cutoff: Date): Promise<void> {
  await session.call((iam) => iam.send(new (iamSdk().PutUserPolicyCommand)({ UserName: userName, PolicyName: REVOKE_POLICY_NAME, PolicyDocument: revokeOlderSessionsPolicy(cutoff) })));
}

/** Whether the owner had the revoking policy already (a second response). */
export async function hasRevokePolicy(session: ProfileSession, userName: string): Promise<boolean | undefined> {
  try {
    const out = await session.call((iam) => iam.send(new (iamSdk().ListUserPoliciesCommand)({ UserName: userName })));
    return (out.PolicyNames ?? []).includes(REVOKE_POLICY_NAME);
  } catch {
    return undefined;
  }
}

/** The owner's security posture, each part undefined when it could not be read (see `problems`). */
export interface OwnerPosture {
  mfaDevices?: number;
  /** Policies granting everything, the user's own and its groups': "AdministratorAccess (group Admins)". */
  adminGrants?: string[];
  problems: { check: string; code?: string; missingAction?: string }[];
}

/** The owner's MFA devices and administrator grants (the audit's reading of its policies and its groups'). */
export async function ownerPosture(session: ProfileSession, userName: string): Promise<OwnerPosture> {
  const posture: OwnerPosture = { problems: [] };
  const attempt = async (check: string, action: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      // The audit wraps the SDK's error; its cause names the refused call.
      const cause = error instanceof FactError && error.cause ? error.cause : error;
      posture.problems.push({ check, code: awsErrorCode(cause), missingAction: missingActionOf(cause, action) });
    }
  };
  await attempt('MFA devices', 'iam:ListMFADevices', async () => {
    const out = await session.call((iam) => iam.send(new (iamSdk().ListMFADevicesCommand)({ UserName: userName })));
    posture.mfaDevices = out.MFADevices?.length ?? 0;
  });
  await attempt('policies', 'iam:ListAttachedUserPolicies', async () => {
    posture.adminGrants = (await readPermissions({ client: session.iam() }, userName, new Map())).adminPolicies;
  });
  return posture;
}

/** Deletes the leaked key. */
export async function deleteKey(session: ProfileSession, userName: string, accessKeyId: string): Promise<void> {
  await session.call((iam) => iam.send(new (iamSdk().DeleteAccessKeyCommand)({ UserName: userName, AccessKeyId: accessKeyId })));
}
