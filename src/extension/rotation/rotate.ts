/**
 * Rotate Access Key…: asks first (what happens to the old key, what stops working), then runs the
 * rotation under a progress notification that can be cancelled until the new key is written, and
 * under one without a Cancel button after that (cancelling no longer applies then).
 */
import * as vscode from 'vscode';
import { maskKeyId } from '../../core/keys';
import { LifecycleError, retireOldKey, rotateProfileKey, type RetireAction, type RetireRequest, type RotationJournal, type RotationResult } from '../../core/rotation';
import { Commands } from '../commands/ids';
import { displayPath } from '../diagnostics/hover';
import { noOtherProfile, rotateInactiveProfile } from './inactive';
import { editorDeps, pickProfile, showFailure, type LifecycleCommandArgument, type LifecycleUi } from './ui';

function retireSetting(): RetireAction {
  return vscode.workspace.getConfiguration('awsKeyGuard').get<RetireAction>('rotation.retireOldKey') === 'delete' ? 'delete' : 'deactivate';
}

/** The question before a rotation: what is created, what happens to the old key, what stops working. */
export async function confirmRotation(ui: LifecycleUi, profile: string, retire: RetireAction): Promise<boolean> {
  const local = (await ui.profiles.keyProfiles().catch(() => [])).find((p) => p.name === profile);
  const masked = local ? maskKeyId(local.accessKeyId) : 'its current key';
  const where = local ? ` (${displayPath(local.file)})` : '';
  const facts = local?.ageDays !== undefined ? ` It is ${local.ageDays} day${local.ageDays === 1 ? '' : 's'} old and was last used: ${local.lastUse ?? 'unknown'}.` : '';
  return ui.prompts.confirm({
    message: `Rotate the access key of profile "${profile}"?`,
    detail:
      `A new key is created in IAM and written into profile "${profile}"${where}. Once it works, the old key ${masked} is ${retire === 'delete' ? 'deleted for good' : 'deactivated'}: ` +
      `anything else that uses it (other machines, scripts, servers, CI) stops working${retire === 'delete' ? '' : ' until it is activated again'}. ` +
      `AWS Key Guard only sees this machine's files; IAM cannot tell on how many machines the key is.${facts}`,
    acceptLabel: 'Rotate Key',
  });
}

/**
 * Rotate Access Key…: resolves with the result (for callers such as tests), undefined when declined,
 * cancelled or failed. `confirmed` is set only by flows that asked the same question already.
 */
export async function rotateKey(arg: LifecycleCommandArgument | undefined, journal: RotationJournal, ui: LifecycleUi, options: { confirmed?: boolean } = {}): Promise<RotationResult | undefined> {
  const { log, profiles } = ui;
  const profile = await pickProfile(arg, ui, 'Rotate Access Key');
  if (!profile) return undefined;
  const retire = retireSetting();
  const local = (await profiles.keyProfiles().catch(() => [])).find((p) => p.name === profile);
  // A key AWS no longer accepts cannot sign its own rotation: another profile of the user has to.
  const unusable = local && (profiles.keyStatus(local.accessKeyId) === 'Inactive' || local.problem === 'inactive-key' || local.problem === 'invalid-key');
  if (unusable && profiles.sameUserProfiles(local.accessKeyId).length === 0) return noOtherProfile(ui, profile, local.accessKeyId, 'create its new key');
  if (!options.confirmed && !(await confirmRotation(ui, profile, retire))) return undefined;
  if (unusable) return rotateInactiveProfile(ui, journal, profile, local.accessKeyId, retire);
  const deps = editorDeps(ui);
  log.info(`Rotating the key of profile "${profile}" (old key: ${retire})`);
  try {
    const result = await withRotationProgress(ui, profile, (signal, onStep) =>
      rotateProfileKey({ profile, retire, signal }, { ...deps, journal, onEvent: (event) => (deps.onEvent?.(event), event.type === 'step' && onStep(event.step, event.title)) }),
    );
    profiles.recordKeyStatus(result.oldAccessKeyId, result.retired === 'delete' ? 'Deleted' : 'Inactive');
    profiles.refresh();
    reportRotation(ui, result);
    return result;
  } catch (error) {
    profiles.refresh();
    const retry = error instanceof LifecycleError ? error.retry : undefined;
    if (await showFailure(ui, `Rotating the key of profile "${profile}" failed`, error, retry !== undefined)) await retryRetire(retry!, journal, ui);
    return undefined;
  }
}

/**
 * Runs `rotation` under a cancellable progress notification until the new key is written (the
 * verify step starts), then under one without Cancel: from there on the rotation finishes or
 * undoes itself, and a Cancel button would promise what cannot happen.
 */
export async function withRotationProgress<T>(ui: LifecycleUi, profile: string, rotation: (signal: AbortSignal, onStep: (step: string, title: string) => void) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let report: (message: string) => void = () => undefined;
  let written!: () => void;
  const pastWrite = new Promise<void>((resolve) => (written = resolve));
  let running: Promise<T> | undefined;
  let settled = false;
  await ui.prompts.progress(`Rotating the key of "${profile}"`, true, (progress, token) => {
    token.onCancellationRequested(() => controller.abort());
    report = (message) => progress.report({ message });
    running = rotation(controller.signal, (step, title) => {
      if (step === 'verify') written();
      report(`${title}…`);
    });
    running.then(() => (settled = true), () => (settled = true));
    return Promise.race([running.then(() => undefined, () => undefined), pastWrite]);
  });
  if (!settled) {
    await ui.prompts.progress(`Rotating the key of "${profile}": the new key is written, finishing`, false, (progress) => {
      report = (message) => progress.report({ message });
      return running!.then(() => undefined, () => undefined);
    });
  }
  return running!;
}

function reportRotation(ui: LifecycleUi, result: RotationResult): void {
  for (const warning of result.warnings) {
    ui.log.warn(warning);
    void ui.prompts.show('warning', `AWS Key Guard: ${warning}`);
  }
  const message = `Rotated profile "${result.profile}": it now uses the new key ${maskKeyId(result.newAccessKeyId)}; the old key ${maskKeyId(result.oldAccessKeyId)} was ${result.retired === 'delete' ? 'deleted' : 'deactivated'}.`;
  ui.log.info(message);
  if (result.retired === 'deactivate') {
    void ui.prompts.show('info', `${message} Delete it once nothing broke.`, 'Delete Deactivated Key').then((choice) => {
      if (choice) void vscode.commands.executeCommand(Commands.deleteDeactivatedKey.id, { profileName: result.profile });
    });
  } else void ui.prompts.show('info', message);
}

async function retryRetire(request: RetireRequest, journal: RotationJournal, ui: LifecycleUi): Promise<void> {
  try {
    // retireOldKey also removes the rotation's journal entry, so no recovery prompt follows.
    await retireOldKey(request, { ...editorDeps(ui), journal });
    ui.profiles.recordKeyStatus(request.oldAccessKeyId, request.retire === 'delete' ? 'Deleted' : 'Inactive');
    ui.profiles.refresh();
    void ui.prompts.show('info', `The old key ${maskKeyId(request.oldAccessKeyId)} was ${request.retire === 'delete' ? 'deleted' : 'deactivated'}.`);
  } catch (error) {
    if (await showFailure(ui, 'Retiring the old key failed', error, true)) await retryRetire(request, journal, ui);
  }
}
