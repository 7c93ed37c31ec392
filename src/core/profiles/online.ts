/**
 * Online facts for one profile. With the profile's own credentials: GetAccessKeyLastUsed of its
 * own key first (IAM would otherwise report our next calls as the key's last use), then STS
 * GetCallerIdentity and IAM ListAccessKeys in parallel, then GetAccessKeyLastUsed for the user's
 * other key; the calls without UserName act on the calling user, so self-permissions suffice.
 * Through another profile of the account that may read IAM ("a prober"), the same facts are read
 * by user name and the profile's key is not used at all. Every call signed with a long-term key is
 * recorded, and IAM's last use is interpreted against that record (key-use.ts).
 */
import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import { type ClientOptions, createIamClient, createStsClient, type StaticCredentials } from '../aws/clients';
import { ageInDays } from './age';
import { shortMaskKeyId } from './local';
import type { InterpretedLastUse, KeyUseRecord } from './key-use';
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

/** What {@link fetchOnlineFacts} needs besides the profile. */
export interface FetchOptions {
  now: () => Date;
  /** Aborts every call (the caller's per-profile timeout). */
  signal?: AbortSignal;
  client?: ClientOptions;
  /** Our own calls and the last foreign use per key; without it, IAM's answer is shown as is. */
  keyUse?: KeyUseRecord;
  /** An MFA session of the profile's user, used instead of the profile's own key. */
  credentials?: StaticCredentials;
}

type IamSdk = typeof import('@aws-sdk/client-iam');

function iamSdk(): IamSdk {
  return require('@aws-sdk/client-iam') as IamSdk;
}

function withIdentity<T>(identity: CallerIdentity | undefined, run: () => Promise<T>): Promise<T> {
  return run().catch((error: unknown) => {
    throw error instanceof ProfileLoadError && identity && !error.identity ? new ProfileLoadError(error.problem, identity) : error;
  });
}

/** IAM's answer to GetAccessKeyLastUsed as a {@link KeyLastUse} ("N/A" means none). */
function lastUseOf(answer: { AccessKeyLastUsed?: { LastUsedDate?: Date; ServiceName?: string; Region?: string } }): KeyLastUse {
  const last = answer.AccessKeyLastUsed;
  return { date: last?.LastUsedDate, serviceName: naToUndefined(last?.ServiceName), region: naToUndefined(last?.Region) };
}

function keyFacts(key: { AccessKeyId?: string; Status?: string; CreateDate?: Date }, lastUse: InterpretedLastUse, now: Date): AccessKeyFacts {
  const id = key.AccessKeyId ?? '';
  const created = key.CreateDate ?? now;
  return { accessKeyId: id, maskedKeyId: shortMaskKeyId(id), status: key.Status === 'Inactive' ? 'Inactive' : 'Active', createDate: created, ageDays: ageInDays(created, now), lastUse };
}

/**
 * Fetches the online facts of `profile` with its own credentials; errors are thrown as
 * {@link ProfileLoadError} with a classified problem.
 */
export async function fetchOnlineFacts(profile: LocalProfile, files: SharedFilePaths, options: FetchOptions): Promise<OnlineFacts> {
  // `credentials`: an MFA session of this profile's user, when IAM requires MFA for its key calls.
  const target = { profile: profile.name, credentialsFile: files.credentialsFile, configFile: files.configFile, credentials: options.credentials };
  const sts: STSClient = createStsClient(target, options.client);
  const iam: IAMClient | undefined = profile.temporary ? undefined : createIamClient(target, options.client);
  const send = { abortSignal: options.signal };
  const ownKey = profile.longTermKey ? profile.accessKeyId : undefined;
  const record = (service: string) => {
    if (ownKey) options.keyUse?.ownCall(ownKey, service);
  };
  try {
    const { GetCallerIdentityCommand } = require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
    const { ListAccessKeysCommand, GetAccessKeyLastUsedCommand } = iamSdk();
    const askLastUse = (id: string) =>
      call('iam:GetAccessKeyLastUsed', () => {
        record('iam');
        return (iam as IAMClient).send(new GetAccessKeyLastUsedCommand({ AccessKeyId: id }), send);
      });
    const whoAmI = () =>
      call('sts:GetCallerIdentity', () => {
        record('sts');
        return sts.send(new GetCallerIdentityCommand({}), send);
      });
    const identityOf = (who: { Account?: string; Arn?: string }): CallerIdentity => ({ accountId: who.Account ?? '', arn: who.Arn ?? '', userName: userNameOf(who.Arn ?? '') });
    // First, before any other call signed with the key: its last use as it stood before we came.
    let ownLastUse: KeyLastUse | undefined;
    if (iam && ownKey) {
      try {
        ownLastUse = lastUseOf(await askLastUse(ownKey));
      } catch (error) {
        // Refused (a policy that requires MFA, a missing permission): still say whose key it is, which
        // the MFA row needs to name the user's device. STS answers every valid key.
        const identity = await whoAmI().then(identityOf, () => undefined);
        throw error instanceof ProfileLoadError && identity ? new ProfileLoadError(error.problem, identity) : error;
      }
    }
    const whoAmIAnswer = whoAmI();
    // Temporary credentials have no key of their own in IAM: identity (and expiry) is all there is.
    const listing = iam
      ? call('iam:ListAccessKeys', () => {
          record('iam');
          return iam.send(new ListAccessKeysCommand({}), send);
        })
      : undefined;
    listing?.catch(() => undefined); // Awaited below; keep an early rejection from going unhandled.
    const identity = identityOf(await whoAmIAnswer);
    if (!iam || !listing) return { identity, otherKeys: [], loadedAt: options.now() };
    const keys = (await withIdentity(identity, () => listing)).AccessKeyMetadata ?? [];
    const now = options.now();
    const facts = await Promise.all(
      keys.map(async (key): Promise<AccessKeyFacts> => {
        const id = key.AccessKeyId ?? '';
        const iamLastUse = id === ownKey && ownLastUse ? ownLastUse : lastUseOf(await withIdentity(identity, () => askLastUse(id)));
        return keyFacts(key, interpret(options.keyUse, id, iamLastUse), now);
      }),
    );
    return { identity, key: facts.find((k) => k.accessKeyId === profile.accessKeyId), otherKeys: facts.filter((k) => k.accessKeyId !== profile.accessKeyId), loadedAt: now };
  } finally {
    sts.destroy();
    iam?.destroy();
  }
}

function interpret(keyUse: KeyUseRecord | undefined, accessKeyId: string, iamLastUse: KeyLastUse): InterpretedLastUse {
  return keyUse ? keyUse.interpret(accessKeyId, iamLastUse) : iamLastUse;
}

/** The prober may not read other users' last use (AccessDenied on its first call): ask with the key itself. */
export class ProbeDeniedError extends Error {
  override readonly name = 'ProbeDeniedError';
}

/**
 * Fetches the online facts of `profile` through `prober`, another long-term key profile of the
 * same account that may read IAM: GetAccessKeyLastUsed of the profile's key (which names its
 * user), then GetUser and ListAccessKeys by user name. The profile's own key signs nothing, so
 * its last use stays what it was; its secret is not checked either. Throws
 * {@link ProbeDeniedError} when the prober is refused its first call.
 */
export async function fetchFactsThrough(prober: LocalProfile, profile: LocalProfile, files: SharedFilePaths, options: FetchOptions): Promise<OnlineFacts> {
  const ownKey = profile.accessKeyId as string;
  const iam = createIamClient({ profile: prober.name, credentialsFile: files.credentialsFile, configFile: files.configFile }, options.client);
  const send = { abortSignal: options.signal };
  const signed = <T>(action: string, run: () => Promise<T>) =>
    call(action, () => {
      if (prober.accessKeyId) options.keyUse?.ownCall(prober.accessKeyId, 'iam');
      return run();
    });
  try {
    const { GetAccessKeyLastUsedCommand, GetUserCommand, ListAccessKeysCommand } = iamSdk();
    let first;
    try {
      first = await signed('iam:GetAccessKeyLastUsed', () => iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: ownKey }), send));
    } catch (error) {
      if (error instanceof ProfileLoadError && error.problem.code === 'access-denied') throw new ProbeDeniedError(error.problem.message);
      throw error;
    }
    const userName = first.UserName ?? '';
    const [user, listing] = await Promise.all([
      signed('iam:GetUser', () => iam.send(new GetUserCommand({ UserName: userName }), send)),
      signed('iam:ListAccessKeys', () => iam.send(new ListAccessKeysCommand({ UserName: userName }), send)),
    ]);
    const arn = user.User?.Arn ?? '';
    const identity: CallerIdentity = { accountId: /^arn:aws[^:]*:iam::(\d{12}):/.exec(arn)?.[1] ?? '', arn, userName };
    const now = options.now();
    const facts = await Promise.all(
      (listing.AccessKeyMetadata ?? []).map(async (key) => {
        const id = key.AccessKeyId ?? '';
        const iamLastUse = id === ownKey ? lastUseOf(first) : lastUseOf(await signed('iam:GetAccessKeyLastUsed', () => iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: id }), send)));
        return keyFacts(key, interpret(options.keyUse, id, iamLastUse), now);
      }),
    );
    return { identity, key: facts.find((k) => k.accessKeyId === ownKey), otherKeys: facts.filter((k) => k.accessKeyId !== ownKey), loadedAt: now, via: prober.name };
  } finally {
    iam.destroy();
  }
}

function naToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value === 'N/A' ? undefined : value;
}
