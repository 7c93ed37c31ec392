/**
 * The file edits of a rotation: put the new key into the profile (and the profiles of either file
 * sharing the old key, when the user agreed), and put the old key back when the new one turns out
 * not to work. All go through editCredentialsFile: only value bytes change, the write is atomic,
 * locked, and refused when the file changed under it.
 */
import { CredentialsFileError, editCredentialsFile, hashText, readCredentialsDocument, updateProfile, withText, type CredentialsFileKind } from '../credentials';
import { keyIdInDocument, type ProfileKey } from './local';

const KEY_ID = 'aws_access_key_id';
const SECRET = 'aws_secret_access_key';
const TOKEN = 'aws_session_token';

/** What the write did, so that it can be undone exactly. */
export interface KeyWrite {
  readonly path: string;
  readonly kind: CredentialsFileKind;
  /** The file's text before and after the write. */
  readonly before: string;
  readonly after: string;
  readonly profiles: readonly string[];
}

/**
 * Writes the new key into `key.profile` (and into `sharedProfiles` holding the same old key),
 * dropping a stale aws_session_token. Refuses (CredentialsFileError 'changed-on-disk') when the
 * profile no longer holds the old key: someone changed it since the rotation began.
 */
export function writeNewKey(key: ProfileKey, newKey: { accessKeyId: string; secretAccessKey: string }, sharedProfiles: readonly string[]): KeyWrite {
  let before = '';
  let profiles: string[] = [];
  const { document } = editCredentialsFile(key.path, key.file, (doc) => {
    before = doc.text;
    if (keyIdInDocument(doc, key.profile) !== key.accessKeyId) {
      throw new CredentialsFileError('changed-on-disk', key.path, `Profile "${key.profile}" no longer holds the key being rotated; the file was changed since the rotation began and was left as it is`);
    }
    const values = { [KEY_ID]: newKey.accessKeyId, [SECRET]: newKey.secretAccessKey };
    // Only the profiles the user agreed to, and only while they still hold the old key.
    profiles = [...new Set([key.profile, ...sharedProfiles])].filter((name) => keyIdInDocument(doc, name) === key.accessKeyId);
    let current = doc;
    for (const name of profiles) current = withText(current, updateProfile(current, name, { set: values, remove: [TOKEN] }));
    return current.text;
  });
  return { path: key.path, kind: key.file, before, after: document.text, profiles };
}

/**
 * Writes the new key into `profiles` of the other shared file, those still holding the old key
 * (the rotated profile's own file is written first, by {@link writeNewKey}).
 */
export function writeNewKeyElsewhere(
  target: { readonly path: string; readonly kind: CredentialsFileKind; readonly profiles: readonly string[] },
  oldAccessKeyId: string,
  newKey: { accessKeyId: string; secretAccessKey: string },
): KeyWrite {
  let before = '';
  let profiles: string[] = [];
  const { document } = editCredentialsFile(target.path, target.kind, (doc) => {
    before = doc.text;
    profiles = target.profiles.filter((name) => keyIdInDocument(doc, name) === oldAccessKeyId);
    let current = doc;
    for (const name of profiles) current = withText(current, updateProfile(current, name, { set: { [KEY_ID]: newKey.accessKeyId, [SECRET]: newKey.secretAccessKey }, remove: [TOKEN] }));
    return current.text;
  });
  return { path: target.path, kind: target.kind, before, after: document.text, profiles };
}

/**
 * Recovery of a rotation interrupted between its file writes: copies the new key, as the rotated
 * profile holds it now, into the listed profiles of `target` that still hold the old key.
 * Returns the profiles written.
 */
export function completeSharedWrite(
  target: { readonly path: string; readonly kind: CredentialsFileKind; readonly profiles: readonly string[] },
  oldAccessKeyId: string,
  newKey: { accessKeyId: string; secretAccessKey: string },
): string[] {
  if (target.profiles.length === 0) return [];
  return [...writeNewKeyElsewhere(target, oldAccessKeyId, newKey).profiles];
}

/**
 * Puts the old key back after a failed verification. When the file is exactly what the rotation
 * wrote, its previous text is written back byte for byte; when someone edited it since, only the
 * profiles still holding the new key get the old values. Returns the profiles restored.
 */
export function restoreOldKey(write: KeyWrite, key: ProfileKey, newAccessKeyId: string): string[] {
  const values: Record<string, string> = { [KEY_ID]: key.accessKeyId, [SECRET]: key.secretAccessKey };
  let exact = false;
  const result = editCredentialsFile(write.path, write.kind, (doc) => {
    if (doc.hash === hashText(write.after)) {
      exact = true;
      return write.before;
    }
    let next = doc;
    for (const name of write.profiles) {
      if (keyIdInDocument(next, name) === newAccessKeyId) next = withText(next, updateProfile(next, name, { set: values }));
    }
    return next.text;
  });
  if (exact) return [...write.profiles];
  return write.profiles.filter((name) => keyIdInDocument(result.document, name) === key.accessKeyId);
}

/** True when `profile` in the file now holds `accessKeyId`. */
export function fileHoldsKey(path: string, kind: ProfileKey['file'], profile: string, accessKeyId: string): boolean {
  return keyIdInDocument(readCredentialsDocument(path, kind), profile) === accessKeyId;
}
