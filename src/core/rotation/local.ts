/**
 * What the local shared files say about keys: which profile holds which long-term key, in which
 * file, and which other profiles hold the same key. Read fresh for every decision: the user may
 * edit the files while a rotation runs.
 */
import {
  accessKeyIdOf,
  CredentialsFileError,
  findProfile,
  getProperty,
  mergeProfiles,
  readCredentialsDocument,
  type CredentialsDocument,
  type CredentialsFileKind,
} from '../credentials';
import { isAccessKeyId, isTemporaryKeyId, maskKeyId } from '../keys';
import { LifecycleError, type SharedFilePaths } from './types';

/** A profile that holds a long-term access key. */
export interface LocalKeyHolder {
  readonly profile: string;
  readonly accessKeyId: string;
  /** The file whose section provides the key (the credentials file wins, as in the SDK). */
  readonly file: CredentialsFileKind;
  readonly path: string;
}

/** The key a profile uses, with the secrets needed to act as it (kept in memory only). */
export interface ProfileKey extends LocalKeyHolder {
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** The profile's mfa_serial setting, if any. */
  readonly mfaSerial?: string;
}

function readBoth(files: SharedFilePaths): { credentials: CredentialsDocument; config: CredentialsDocument } {
  try {
    return { credentials: readCredentialsDocument(files.credentialsFile, 'credentials'), config: readCredentialsDocument(files.configFile, 'config') };
  } catch (error) {
    if (error instanceof CredentialsFileError) throw new LifecycleError(`${error.message}. Nothing was changed.`, 'unchanged', undefined, undefined, { cause: error });
    throw error;
  }
}

/** Every profile of both files holding a long-term (AKIA) key, in file order. */
export function localKeyHolders(files: SharedFilePaths): LocalKeyHolder[] {
  const docs = readBoth(files);
  const holders: LocalKeyHolder[] = [];
  for (const merged of mergeProfiles(docs)) {
    const keyId = accessKeyIdOf(merged);
    if (!keyId || !isAccessKeyId(keyId) || isTemporaryKeyId(keyId)) continue;
    const source = [...merged.sources].reverse().find((s) => accessKeyIdOf(s) !== undefined)!;
    holders.push({ profile: merged.name, accessKeyId: keyId, file: source.file, path: source.path });
  }
  return holders;
}

/**
 * Every profile section of either file holding `accessKeyId`, file by file (the same name may be
 * in both files: the SDK reads the credentials file's, but the config file's copy is a holder too).
 */
export function sectionsHoldingKey(files: SharedFilePaths, accessKeyId: string): LocalKeyHolder[] {
  const docs = readBoth(files);
  return [docs.credentials, docs.config].flatMap((doc) =>
    doc.profiles.filter((p) => accessKeyIdOf(p) === accessKeyId).map((p) => ({ profile: p.name, accessKeyId, file: doc.kind, path: doc.path })),
  );
}

/** Local profiles holding `accessKeyId`. */
export function profilesHoldingKey(files: SharedFilePaths, accessKeyId: string): LocalKeyHolder[] {
  return localKeyHolders(files).filter((h) => h.accessKeyId === accessKeyId);
}

/**
 * The long-term key of `profileName`, as the SDK would resolve it. Throws a LifecycleError
 * (nothing changed) when the profile does not exist or holds no long-term key.
 */
export function readProfileKey(files: SharedFilePaths, profileName: string): ProfileKey {
  const docs = readBoth(files);
  const merged = mergeProfiles(docs).find((p) => p.name === profileName);
  if (!merged) throw new LifecycleError(`Profile "${profileName}" is not in ${files.credentialsFile} or ${files.configFile}. Nothing was changed.`, 'unchanged');
  const keyId = accessKeyIdOf(merged);
  const secret = getProperty(merged.properties, 'aws_secret_access_key');
  if (!keyId || !secret) {
    throw new LifecycleError(`Profile "${profileName}" holds no access key (it is a ${merged.kind} profile); only long-term keys can be rotated. Nothing was changed.`, 'unchanged');
  }
  if (!isAccessKeyId(keyId) || isTemporaryKeyId(keyId)) {
    throw new LifecycleError(
      `Profile "${profileName}" holds ${isTemporaryKeyId(keyId) ? 'temporary (ASIA) credentials' : 'a value that is not an access key id'}; only long-term IAM user keys (AKIA) can be rotated. Nothing was changed.`,
      'unchanged',
    );
  }
  const source = [...merged.sources].reverse().find((s) => accessKeyIdOf(s) !== undefined)!;
  return {
    profile: profileName,
    accessKeyId: keyId,
    secretAccessKey: secret,
    sessionToken: getProperty(merged.properties, 'aws_session_token'),
    mfaSerial: getProperty(merged.properties, 'mfa_serial'),
    file: source.file,
    path: source.path,
  };
}

/** The access key id `profileName` holds in the document, if any. */
export function keyIdInDocument(doc: CredentialsDocument, profileName: string): string | undefined {
  const profile = findProfile(doc, profileName);
  return profile ? accessKeyIdOf(profile) : undefined;
}

/** "profile a", "profiles a and b", "profiles a, b and c". */
export function profileList(names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  if (quoted.length <= 1) return `profile ${quoted.join('')}`;
  return `profiles ${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/** A masked key id for messages. */
export const masked = maskKeyId;
