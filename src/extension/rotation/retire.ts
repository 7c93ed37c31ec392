/**
 * Deactivate / Delete Access Key, Delete Deactivated Key, and removing a deleted key's dead pair
 * from the credentials file (asked first).
 */
import { editCredentialsFile, findProfile, getProperty, readCredentialsDocument, removeProperties } from '../../core/credentials';
import { maskKeyId } from '../../core/keys';
import { deleteDeactivatedKeys, readProfileKey, retireProfileKey, type RetireAction } from '../../core/rotation';
import { displayPath } from '../diagnostics/hover';
import { editorDeps, pickProfile, sharedFiles, showFailure, type LifecycleCommandArgument, type LifecycleUi } from './ui';

/** Deactivate Access Key / Delete Access Key. Resolves true when done. */
export async function retireCommand(arg: LifecycleCommandArgument | undefined, action: RetireAction, ui: LifecycleUi): Promise<boolean> {
  const profile = await pickProfile(arg, ui, action === 'delete' ? 'Delete Access Key' : 'Deactivate Access Key');
  if (!profile) return false;
  let keyId: string | undefined;
  try {
    keyId = readProfileKey(sharedFiles(), profile).accessKeyId;
    const done = await retireProfileKey(profile, action, editorDeps(ui));
    if (done) {
      ui.profiles.recordKeyStatus(keyId, action === 'delete' ? 'Deleted' : 'Inactive');
      ui.profiles.refresh();
      if (action === 'delete') await offerToRemoveDeadPair(ui, profile, keyId);
      else void ui.prompts.show('info', `The key of profile "${profile}" was deactivated.`);
    }
    return done;
  } catch (error) {
    if (await showFailure(ui, `${action === 'delete' ? 'Deleting' : 'Deactivating'} the key of profile "${profile}" failed`, error, true)) return retireCommand({ profileName: profile }, action, ui);
    return false;
  }
}

/**
 * After a key was deleted the profile still holds it, and nothing can use it any more: offers to
 * remove the key id, secret and session token from the profile (the rest of the profile stays).
 */
export async function offerToRemoveDeadPair(ui: LifecycleUi, profile: string, keyId: string): Promise<boolean> {
  const files = sharedFiles();
  const masked = maskKeyId(keyId);
  const holders: Array<{ path: string; kind: 'credentials' | 'config' }> = [];
  for (const [path, kind] of [[files.credentialsFile, 'credentials'], [files.configFile, 'config']] as const) {
    try {
      const found = findProfile(readCredentialsDocument(path, kind), profile);
      if (found && getProperty(found.properties, 'aws_access_key_id') === keyId) holders.push({ path, kind });
    } catch {
      // An unreadable file holds nothing we could remove.
    }
  }
  if (holders.length === 0) {
    void ui.prompts.show('info', `The key ${masked} of profile "${profile}" was deleted.`);
    return false;
  }
  const yes = await ui.prompts.confirm({
    message: `The key ${masked} was deleted. Remove it from profile "${profile}" in ${holders.map((h) => displayPath(h.path)).join(' and ')}?`,
    detail: `The key id and secret (and any session token) are removed from the profile; its other settings (region, output…) stay. The deleted key cannot sign anything any more.`,
    acceptLabel: 'Remove from File',
  });
  if (!yes) return false;
  try {
    for (const holder of holders) {
      editCredentialsFile(holder.path, holder.kind, (doc) => removeProperties(doc, profile, ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token']));
    }
  } catch (error) {
    await showFailure(ui, `Removing the deleted key from profile "${profile}" failed`, error, false);
    return false;
  }
  ui.log.info(`Removed the deleted key ${masked} from profile "${profile}"`);
  ui.profiles.refresh();
  void ui.prompts.show('info', `Removed the deleted key ${masked} from profile "${profile}".`);
  return true;
}

/**
 * Delete Deactivated Key: from the palette, a pick of the deactivated keys themselves (not the
 * profiles' active keys), only those no local profile holds; with a profile, that user's keys.
 */
export async function deleteDeactivated(arg: LifecycleCommandArgument | undefined, ui: LifecycleUi): Promise<string[]> {
  let profile = arg?.profileName;
  if (!profile) {
    const keys = ui.profiles.deactivatedKeys();
    if (keys.length === 0) {
      void ui.prompts.show('info', 'No deactivated key to delete: the users of your profiles have no deactivated key that no profile holds (of the profiles whose keys could be loaded).');
      return [];
    }
    const picked = await ui.prompts.pick(
      keys.map((k) => ({ label: maskKeyId(k.accessKeyId), description: `user of profile "${k.profileName}"`, detail: `deactivated · ${k.ageDays} days old · last used ${k.lastUse}`, key: k })),
      { title: 'Delete Deactivated Key', placeHolder: 'Pick the deactivated key to delete' },
    );
    if (!picked) return [];
    profile = picked.key.profileName;
  }
  try {
    const deleted = await deleteDeactivatedKeys(profile, editorDeps(ui));
    for (const id of deleted) ui.profiles.recordKeyStatus(id, 'Deleted');
    ui.profiles.refresh();
    void ui.prompts.show(
      'info',
      deleted.length ? `Deleted ${deleted.map(maskKeyId).join(', ')}.` : `The user of profile "${profile}" has no deactivated key that no local profile holds; nothing to delete.`,
    );
    return deleted;
  } catch (error) {
    await showFailure(ui, `Deleting the deactivated key of profile "${profile}" failed`, error, false);
    return [];
  }
}
