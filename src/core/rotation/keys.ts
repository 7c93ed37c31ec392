/**
 * IAM access key calls the lifecycle makes, with AWS's shapes (Status Active/Inactive, CreateDate
 * and LastUsedDate as dates) turned into small records and readable sentences.
 */
import { createIamClient, type ClientOptions, type ClientTarget } from '../aws/clients';
import { isThrottling } from './aws-errors';
import { iamSdk, type ProfileSession } from './session';

/** An access key as ListAccessKeys describes it. */
export interface IamAccessKey {
  readonly accessKeyId: string;
  readonly status: 'Active' | 'Inactive';
  readonly createDate?: Date;
}

/** GetAccessKeyLastUsed's answer. */
export interface KeyLastUse {
  readonly userName?: string;
  /** Absent when the key was never used. */
  readonly lastUsedDate?: Date;
  readonly serviceName?: string;
  readonly region?: string;
}

/** The keys of `userName` (the caller when undefined). */
export async function listAccessKeys(session: ProfileSession, userName?: string, signal?: AbortSignal): Promise<IamAccessKey[]> {
  const out = await session.call((iam) => iam.send(new (iamSdk().ListAccessKeysCommand)({ UserName: userName }), { abortSignal: signal }));
  return (out.AccessKeyMetadata ?? []).map((k) => ({ accessKeyId: k.AccessKeyId ?? '', status: k.Status === 'Inactive' ? 'Inactive' : 'Active', createDate: k.CreateDate }));
}

/**
 * The caller's keys, signed with the target's explicit credentials: after the old key was retired
 * (or may have been), only the new key can still ask.
 */
export async function listAccessKeysAs(target: ClientTarget, options: ClientOptions = {}): Promise<IamAccessKey[]> {
  const iam = createIamClient(target, options);
  try {
    const out = await iam.send(new (iamSdk().ListAccessKeysCommand)({}));
    return (out.AccessKeyMetadata ?? []).map((k) => ({ accessKeyId: k.AccessKeyId ?? '', status: k.Status === 'Inactive' ? 'Inactive' : 'Active', createDate: k.CreateDate }));
  } finally {
    iam.destroy();
  }
}

/** When and where a key was last used, and which user owns it. */
export async function getLastUse(session: ProfileSession, accessKeyId: string, signal?: AbortSignal): Promise<KeyLastUse> {
  const out = await session.call((iam) => iam.send(new (iamSdk().GetAccessKeyLastUsedCommand)({ AccessKeyId: accessKeyId }), { abortSignal: signal }));
  const used = out.AccessKeyLastUsed;
  return { userName: out.UserName, lastUsedDate: used?.LastUsedDate, serviceName: used?.ServiceName, region: used?.Region };
}

/** Sets a key Active or Inactive. */
export async function setKeyStatus(session: ProfileSession, accessKeyId: string, status: 'Active' | 'Inactive', userName?: string): Promise<void> {
  await session.call((iam) => iam.send(new (iamSdk().UpdateAccessKeyCommand)({ AccessKeyId: accessKeyId, Status: status, UserName: userName })));
}

/** Deletes a key. */
export async function deleteAccessKey(session: ProfileSession, accessKeyId: string, userName?: string): Promise<void> {
  await session.call((iam) => iam.send(new (iamSdk().DeleteAccessKeyCommand)({ AccessKeyId: accessKeyId, UserName: userName })));
}

/**
 * CreateAccessKey, sent once per attempt (the SDK's own retries are off: a retried create after a
 * timeout could make a second key). A throttled call made no key, so it is repeated a few times.
 */
export async function createAccessKey(
  session: ProfileSession,
  sleep: (ms: number) => Promise<void>,
): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const out = await session.call((iam) => iam.send(new (iamSdk().CreateAccessKeyCommand)({})), { maxAttempts: 1 });
      const key = out.AccessKey;
      if (!key?.AccessKeyId || !key.SecretAccessKey) throw new Error('CreateAccessKey returned no key');
      return { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
    } catch (error) {
      if (!isThrottling(error) || attempt >= 3) throw error;
      await sleep(200 * attempt);
    }
  }
}

/** "never used", "last used 3 days ago (s3, us-east-1)". */
export function describeLastUse(use: KeyLastUse | undefined, now: Date): string {
  if (!use) return 'last use unknown';
  if (!use.lastUsedDate) return 'never used';
  const days = Math.floor((now.getTime() - use.lastUsedDate.getTime()) / 86_400_000);
  const when = days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
  const where = [use.serviceName, use.region].filter((s) => s && s !== 'N/A').join(', ');
  return `last used ${when}${where ? ` (${where})` : ''}`;
}

/** "created 95 days ago". */
export function describeAge(key: IamAccessKey, now: Date): string {
  if (!key.createDate) return 'age unknown';
  const days = Math.floor((now.getTime() - key.createDate.getTime()) / 86_400_000);
  return days <= 0 ? 'created today' : `created ${days} day${days === 1 ? '' : 's'} ago`;
}
