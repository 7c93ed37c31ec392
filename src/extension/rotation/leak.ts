/**
 * Respond to Leaked Key…: for a key id from a diagnostic (local or not), rotate it when a local
 * profile holds it, or pick a profile of the same account, look the key up and deactivate it.
 */
import * as vscode from 'vscode';
import { accountIdFromKeyId, isAccessKeyId, maskKeyId } from '../../core/keys';
import { deactivateLeakedKey, leakCandidates, type LeakCandidates, type RotationResult } from '../../core/rotation';
import { editorDeps, sharedFiles, showFailure, type LifecycleCommandArgument, type LifecycleUi } from './ui';

/** Handles the command; resolves with what was done, for callers and tests. */
export async function respondToLeak(
  arg: { accessKeyId?: string } | undefined,
  ui: LifecycleUi,
  rotate: (arg: LifecycleCommandArgument) => Promise<RotationResult | undefined>,
): Promise<'rotated' | 'deactivated' | 'none'> {
  const accessKeyId =
    arg?.accessKeyId ??
    (await vscode.window.showInputBox({ title: 'Respond to Leaked Key', prompt: 'The leaked access key id (AKIA…)', ignoreFocusOut: true, validateInput: (v) => (isAccessKeyId(v.trim()) ? undefined : 'Not an access key id') }))?.trim();
  if (!accessKeyId) return 'none';
  const { log, profiles } = ui;
  const masked = maskKeyId(accessKeyId);
  let candidates: LeakCandidates;
  try {
    candidates = leakCandidates(accessKeyId, sharedFiles());
  } catch (error) {
    await showFailure(ui, `Responding to the leaked key ${masked} failed: the AWS credentials and config files could not be read`, error, false);
    return 'none';
  }
  if (candidates.holders.length > 0) {
    const holder = candidates.holders[0].profile;
    const choice = await vscode.window.showWarningMessage(
      `Key ${masked} is the key of profile "${holder}". Rotate it now?`,
      { modal: true, detail: 'Rotating creates a new key, puts it in the profile, then deactivates the leaked key. Deactivating now stops the leaked key at once but leaves the profile without a working key.' },
      'Rotate Now',
      'Deactivate Now',
    );
    if (choice === 'Rotate Now') return (await rotate({ profileName: holder })) ? 'rotated' : 'none';
    if (choice !== 'Deactivate Now') return 'none';
  }
  if (candidates.sameAccount.length === 0) {
    const account = accountIdFromKeyId(accessKeyId);
    void vscode.window.showErrorMessage(`AWS Key Guard: no local profile belongs to ${account ? `account ${account}` : 'the account of this key'}. Deactivate key ${masked} in the IAM console of that account.`);
    return 'none';
  }
  let profile = candidates.sameAccount[0].profile;
  if (candidates.sameAccount.length > 1) {
    const picked = await vscode.window.showQuickPick(
      candidates.sameAccount.map((h) => ({ label: h.profile, description: maskKeyId(h.accessKeyId) })),
      { title: `Which profile may deactivate ${masked}? (account ${candidates.accountId ?? 'unknown'})`, ignoreFocusOut: true },
    );
    if (!picked) return 'none';
    profile = picked.label;
  }
  try {
    const { facts, deactivated } = await deactivateLeakedKey(accessKeyId, profile, editorDeps(ui));
    if (!deactivated) return 'none';
    profiles.recordKeyStatus(accessKeyId, 'Inactive');
    profiles.refresh();
    const message = `Deactivated the leaked key ${masked} of user ${facts.userName} (${facts.lastUseText}). Check CloudTrail for what it was used for, then delete it.`;
    log.warn(message);
    void vscode.window.showInformationMessage(message);
    return 'deactivated';
  } catch (error) {
    await showFailure(ui, `Responding to the leaked key ${masked} failed`, error, false);
    return 'none';
  }
}
