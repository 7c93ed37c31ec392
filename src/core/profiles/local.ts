/**
 * Offline facts: every profile of both shared files, as the SDK merges them, with the masked key
 * id, the account id decoded from it, where it is written, and whether it is the active profile.
 */
import { createHash } from 'node:crypto';
import {
  accessKeyIdOf,
  type CredentialsDocument,
  type Environment,
  getProperty,
  mergeProfiles,
  type MergedProfile,
  readSharedFiles,
} from '../credentials';
import { accountIdFromKeyId, isTemporaryKeyId } from '../keys';
import type { LocalProfile } from './model';

/** `AKIA…WXYZ`: short enough for a tree description, distinct enough to tell keys apart. */
export function shortMaskKeyId(keyId: string): string {
  return keyId.length <= 8 ? '…' : `${keyId.slice(0, 4)}…${keyId.slice(-4)}`;
}

/** The profile the SDK picks when none is named: AWS_PROFILE, else `default`. */
export function activeProfileName(env: Environment): string {
  return env.AWS_PROFILE || 'default';
}

function describe(profile: MergedProfile, active: string): LocalProfile {
  const accessKeyId = accessKeyIdOf(profile);
  // Where the key lives: the source that defines it, else the profile's first source.
  const keySource = [...profile.sources].reverse().find((s) => getProperty(s.properties, 'aws_access_key_id') !== undefined) ?? profile.sources[0];
  const temporary = accessKeyId !== undefined && (isTemporaryKeyId(accessKeyId) || profile.hasSessionToken);
  return {
    name: profile.name,
    kind: profile.kind,
    accessKeyId,
    maskedKeyId: accessKeyId ? shortMaskKeyId(accessKeyId) : undefined,
    offlineAccountId: (accessKeyId ? accountIdFromKeyId(accessKeyId) : undefined) ?? configuredAccountId(profile),
    temporary,
    longTermKey: profile.kind === 'static' && accessKeyId !== undefined && !temporary,
    file: keySource.file,
    path: keySource.path,
    line: keySource.firstLine,
    active: profile.name === active,
    // Hashing (not storing) the resolved settings lets the cache notice a changed secret.
    fingerprint: createHash('sha256').update(JSON.stringify([profile.name, Object.entries(profile.properties).sort()])).digest('hex'),
  };
}

/** The account a role or SSO profile names in its settings (`role_arn`, `sso_account_id`). */
function configuredAccountId(profile: MergedProfile): string | undefined {
  const sso = getProperty(profile.properties, 'sso_account_id')?.trim();
  if (sso && /^\d{12}$/.test(sso)) return sso;
  return /^arn:aws[\w-]*:iam::(\d{12}):role\//.exec(getProperty(profile.properties, 'role_arn')?.trim() ?? '')?.[1];
}

/** Offline facts for every profile of the two parsed files, in file order (config first). */
export function localProfilesOf(files: { credentials?: CredentialsDocument; config?: CredentialsDocument }, env: Environment): LocalProfile[] {
  const active = activeProfileName(env);
  return mergeProfiles(files).map((profile) => describe(profile, active));
}

/** The shared files as read from disk, and the offline facts of their profiles. */
export interface LocalProfiles {
  readonly credentials: CredentialsDocument;
  readonly config: CredentialsDocument;
  readonly profiles: LocalProfile[];
}

/**
 * Reads both shared files from the paths the SDK uses (env vars, then `~/.aws`) and describes
 * their profiles. Throws CredentialsFileError when a file exists but cannot be read.
 */
export function readLocalProfiles(env: Environment, homedir: string): LocalProfiles {
  const files = readSharedFiles(env, homedir);
  return { ...files, profiles: localProfilesOf(files, env) };
}
