/**
 * Online facts for one profile, fetched with the profile's own credentials: STS
 * GetCallerIdentity and IAM ListAccessKeys in parallel, then GetAccessKeyLastUsed for each key.
 * The calls without UserName act on the calling user, so a profile needs only self-permissions.
 */
import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import { type ClientOptions, createIamClient, createStsClient, type StaticCredentials } from '../aws/clients';
import { ageInDays } from './age';
import { shortMaskKeyId } from './local';
import type { AccessKeyFacts, CallerIdentity, KeyLastUse, LocalProfile, OnlineFacts, ProfileProblem } from './model';
import { classifyProblem } from './problems';

/** Where the SDK finds the profile (the same paths the offline facts were read from). */
export interface SharedFilePaths {
  readonly credentialsFile: string;
  readonly configFile: string;
}

/** A failed call, already classified, with what was learnt before it failed. */
export class ProfileLoadError extends Error {
  override readonly name = 'ProfileLoadError';
  constructor(
    readonly problem: ProfileProblem,
    readonly identity?: CallerIdentity,
  ) {
    super(problem.message);
  }
}

async function call<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new ProfileLoadError(classifyProblem(error, action));
  }
}

function userNameOf(arn: string): string | undefined {
  const match = /:user\/(?:.*\/)?([^/]+)$/.exec(arn);
  return match?.[1];
}

/**
 * Fetches the online facts of `profile`. `signal` aborts every call (the caller's per-profile
 * timeout); errors are thrown as {@link ProfileLoadError} with a classified problem.
 */
export async function fetchOnlineFacts(
  profile: LocalProfile,
  files: SharedFilePaths,
  options: { now: () => Date; signal?: AbortSignal; client?: ClientOptions; credentials?: StaticCredentials },
): Promise<OnlineFacts> {
  // `credentials`: an MFA session of this profile's user, when IAM requires MFA for its key calls.
  const target = { profile: profile.name, credentialsFile: files.credentialsFile, configFile: files.configFile, credentials: options.credentials };
  const sts: STSClient = createStsClient(target, options.client);
  const iam: IAMClient | undefined = profile.temporary ? undefined : createIamClient(target, options.client);
  const send = { abortSignal: options.signal };
  try {
    const { GetCallerIdentityCommand } = require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
    const { ListAccessKeysCommand, GetAccessKeyLastUsedCommand } = require('@aws-sdk/client-iam') as typeof import('@aws-sdk/client-iam');
    const whoAmI = call('sts:GetCallerIdentity', () => sts.send(new GetCallerIdentityCommand({}), send));
    // Temporary credentials have no key of their own in IAM: identity (and expiry) is all there is.
    const listing = iam ? call('iam:ListAccessKeys', () => iam.send(new ListAccessKeysCommand({}), send)) : undefined;
    listing?.catch(() => undefined); // Awaited below; keep an early rejection from going unhandled.
    const who = await whoAmI;
    const identity: CallerIdentity = { accountId: who.Account ?? '', arn: who.Arn ?? '', userName: userNameOf(who.Arn ?? '') };
    if (!iam || !listing) return { identity, otherKeys: [], loadedAt: options.now() };
    let keys;
    try {
      keys = (await listing).AccessKeyMetadata ?? [];
    } catch (error) {
      throw error instanceof ProfileLoadError ? new ProfileLoadError(error.problem, identity) : error;
    }
    const now = options.now();
    const facts = await Promise.all(
      keys.map(async (key): Promise<AccessKeyFacts> => {
        const id = key.AccessKeyId ?? '';
        let lastUse: KeyLastUse;
        try {
          const used = await call('iam:GetAccessKeyLastUsed', () => iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: id }), send));
          const last = used.AccessKeyLastUsed;
          // AWS says "N/A" for service and region of a key never used.
          lastUse = { date: last?.LastUsedDate, serviceName: naToUndefined(last?.ServiceName), region: naToUndefined(last?.Region) };
        } catch (error) {
          throw error instanceof ProfileLoadError ? new ProfileLoadError(error.problem, identity) : error;
        }
        const created = key.CreateDate ?? now;
        return { accessKeyId: id, maskedKeyId: shortMaskKeyId(id), status: key.Status === 'Inactive' ? 'Inactive' : 'Active', createDate: created, ageDays: ageInDays(created, now), lastUse };
      }),
    );
    return {
      identity,
      key: facts.find((k) => k.accessKeyId === profile.accessKeyId),
      otherKeys: facts.filter((k) => k.accessKeyId !== profile.accessKeyId),
      loadedAt: now,
    };
  } finally {
    sts.destroy();
    iam?.destroy();
  }
}

function naToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value === 'N/A' ? undefined : value;
}
