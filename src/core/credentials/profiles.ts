/**
 * The merged view across both shared files: the profile list the SDK resolves with
 * `parseKnownFiles` (config first, credentials values win per key), with every source kept.
 */
import { getProperty, profileKind } from './document';
import type { Ambiguity, CredentialsDocument, Profile, ProfileKind } from './model';

/** A profile as the SDK sees it after merging the config and credentials files. */
export interface MergedProfile {
  readonly name: string;
  readonly kind: ProfileKind;
  /** Merged values: a key set in the credentials file wins over the same key in the config file. */
  readonly properties: Readonly<Record<string, string>>;
  readonly hasSessionToken: boolean;
  /** Where the profile is defined: the config file's profile first, then the credentials file's. */
  readonly sources: readonly Profile[];
  readonly ambiguities: readonly Ambiguity[];
}

/**
 * Lists every profile of both files, merged the way the SDK merges them. Either document may be
 * missing (the file does not exist or was not read).
 */
export function mergeProfiles(files: { config?: CredentialsDocument; credentials?: CredentialsDocument }): MergedProfile[] {
  const byName = new Map<string, Profile[]>();
  for (const doc of [files.config, files.credentials]) {
    for (const profile of doc?.profiles ?? []) byName.set(profile.name, [...(byName.get(profile.name) ?? []), profile]);
  }
  return [...byName.entries()].map(([name, sources]) => {
    const properties = Object.assign({}, ...sources.map((s) => s.properties)) as Record<string, string>;
    return {
      name,
      kind: profileKind(properties),
      properties,
      hasSessionToken: getProperty(properties, 'aws_session_token') !== undefined,
      sources,
      ambiguities: sources.flatMap((s) => s.ambiguities),
    };
  });
}

/** The access key id a profile holds (case-insensitive key lookup), if any. */
export function accessKeyIdOf(profile: { properties: Readonly<Record<string, string>> }): string | undefined {
  return getProperty(profile.properties, 'aws_access_key_id');
}
