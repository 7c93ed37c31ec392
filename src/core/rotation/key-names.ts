/**
 * Upper-case key names (`AWS_ACCESS_KEY_ID=`) in a profile: the AWS CLI and botocore read them,
 * the AWS SDK for JavaScript does not. A rotation keeps them as they are (only values change) and
 * says so; lower-casing them is a separate action the user asks for.
 */
import { editCredentialsFile, lowerCaseKeys, readCredentialsDocument, upperCaseKeyNames, type CredentialsFileKind } from '../credentials';
import { LifecycleError, type SharedFilePaths } from './types';

/** A profile section of one file. */
export interface ProfileSection {
  readonly path: string;
  readonly kind: CredentialsFileKind;
  readonly profile: string;
}

/**
 * A secret-free sentence naming the sections whose key names are upper-case and how to lower-case
 * them; undefined when every name is lower-case.
 */
export function upperCaseKeyWarning(sections: readonly ProfileSection[]): string | undefined {
  const found = sections.flatMap((s) => {
    const names = upperCaseKeyNames(readCredentialsDocument(s.path, s.kind), s.profile);
    return names.length ? [{ ...s, names }] : [];
  });
  if (found.length === 0) return undefined;
  const where = found.map((f) => `profile "${f.profile}" in ${f.path} (${f.names.join(', ')})`).join(' and ');
  const how = [...new Set(found.map((f) => f.profile))].map((p) => `aws-key-guard rotate --lowercase-keys --profile ${p}`).join('; ');
  return `Note: ${where} spells key names in upper case. The AWS CLI and Python tools read them; tools built on the AWS SDK for JavaScript do not see the key. To lower-case the names (nothing else changes): ${how}.`;
}

/**
 * Lower-cases the key names of `profile` in both shared files (only the names' characters change,
 * under each file's lock). Returns the sections changed with the names they had. Throws
 * LifecycleError (nothing changed in that file) when a file cannot be edited.
 */
export function lowerCaseKeyNames(files: SharedFilePaths, profile: string): Array<ProfileSection & { readonly names: string[] }> {
  const changed: Array<ProfileSection & { names: string[] }> = [];
  for (const [path, kind] of [
    [files.credentialsFile, 'credentials'],
    [files.configFile, 'config'],
  ] as const) {
    let names: string[] = [];
    try {
      editCredentialsFile(path, kind, (doc) => {
        names = upperCaseKeyNames(doc, profile);
        return names.length ? lowerCaseKeys(doc, profile) : doc.text;
      });
    } catch (error) {
      const done = changed.length ? ` The names in ${changed[0].path} were lower-cased.` : ' Nothing was changed.';
      throw new LifecycleError(`Lower-casing the key names of profile "${profile}" in ${path} failed (${(error as Error).message}).${done}`, changed.length ? 'partial' : 'unchanged', undefined, undefined, { cause: error });
    }
    if (names.length) changed.push({ path, kind, profile, names });
  }
  return changed;
}
