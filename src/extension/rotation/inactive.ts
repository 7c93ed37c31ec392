/**
 * The dead ends of an inactive key: rotating a profile whose key IAM lists as inactive (signed by
 * another profile of the same user), and Activate Key for a key deactivated by mistake. When no
 * other profile of the user is in the files, both say exactly what to do instead.
 */
import * as vscode from 'vscode';
import { maskKeyId } from '../../core/keys';
import { activateKey, rotateInactiveKey, type RetireAction, type RotationJournal, type RotationResult } from '../../core/rotation';
import { Commands } from '../commands/ids';
import { withRotationProgress } from './rotate';
import { editorDeps, pickProfile, showFailure, type LifecycleCommandArgument, type LifecycleUi } from './ui';

/** Says exactly what to do when no profile can sign for a key AWS no longer accepts. */
export function noOtherProfile(ui: LifecycleUi, profile: string, keyId: string, action: string): undefined {
  void ui.prompts.show(
    'error',
    `AWS Key Guard: AWS does not accept the key ${maskKeyId(keyId)} of profile "${profile}" (${ui.profiles.keyStatus(keyId) === 'Inactive' ? 'it is inactive' : 'it is inactive, deleted or never existed'}), so it cannot sign the call to ${action}, and no other profile of the same IAM user is in your AWS files. ` +
      `In the IAM console (IAM → Users → the user → Security credentials), create a new access key and put it into profile "${profile}" (or activate the old key), or ask an administrator.`,
  );
  return undefined;
}

/** Rotates a profile whose key is inactive, through another profile of the same user. */
export async function rotateInactiveProfile(ui: LifecycleUi, _journal: RotationJournal, profile: string, keyId: string, retire: RetireAction): Promise<RotationResult | undefined> {
  const via = ui.profiles.sameUserProfiles(keyId)[0];
  if (!via) return noOtherProfile(ui, profile, keyId, 'create its new key');
  ui.log.info(`Rotating the inactive key of profile "${profile}" through profile "${via}"`);
  try {
    const deps = editorDeps(ui);
    const result = await withRotationProgress(ui, profile, (_signal, onStep) =>
      rotateInactiveKey({ profile, viaProfile: via, retire }, { ...deps, onEvent: (event) => (deps.onEvent?.(event), event.type === 'step' && onStep(event.step, event.title)) }),
    );
    ui.profiles.recordKeyStatus(result.oldAccessKeyId, result.retired === 'delete' ? 'Deleted' : 'Inactive');
    ui.profiles.refresh();
    const message = `Rotated profile "${profile}": it now uses the new key ${maskKeyId(result.newAccessKeyId)} (created through profile "${via}"); the inactive key ${maskKeyId(result.oldAccessKeyId)} was ${result.retired === 'delete' ? 'deleted' : 'left inactive'}.`;
    ui.log.info(message);
    void ui.prompts.show('info', message);
    return result;
  } catch (error) {
    ui.profiles.refresh();
    await showFailure(ui, `Rotating the inactive key of profile "${profile}" failed`, error, false);
    return undefined;
  }
}

/** Activate Key: for a key deactivated by mistake; asks first, signs with a sibling profile. */
export async function activateKeyCommand(arg: LifecycleCommandArgument | undefined, ui: LifecycleUi): Promise<boolean> {
  let candidates = (await ui.profiles.keyProfiles().catch(() => [])).filter((p) => ui.profiles.keyStatus(p.accessKeyId) === 'Inactive');
  if (arg?.profileName) candidates = (await ui.profiles.keyProfiles().catch(() => [])).filter((p) => p.name === arg.profileName);
  else if (candidates.length === 0) {
    void ui.prompts.show('info', 'No profile holds a key that IAM lists as inactive (of the profiles whose facts could be loaded).');
    return false;
  }
  const profile = arg?.profileName ?? (await pickProfile(undefined, { ...ui, profiles: { ...ui.profiles, keyProfiles: async () => candidates } }, 'Activate Key'));
  const local = candidates.find((p) => p.name === profile);
  if (!profile || !local) return false;
  const via = ui.profiles.sameUserProfiles(local.accessKeyId)[0];
  if (!via) return noOtherProfile(ui, profile, local.accessKeyId, 'activate it') ?? false;
  try {
    const done = await activateKey(local.accessKeyId, profile, via, editorDeps(ui));
    if (done) {
      ui.profiles.recordKeyStatus(local.accessKeyId, 'Active');
      ui.profiles.refresh();
      void ui.prompts.show('info', `The key ${maskKeyId(local.accessKeyId)} of profile "${profile}" is active again.`, 'Rotate Key').then((choice) => {
        if (choice) void vscode.commands.executeCommand(Commands.rotateKey.id, { profileName: profile });
      });
    }
    return done;
  } catch (error) {
    await showFailure(ui, `Activating the key of profile "${profile}" failed`, error, false);
    return false;
  }
}
