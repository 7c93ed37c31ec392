/**
 * The key lifecycle commands: Rotate Access Key…, Deactivate / Delete Access Key, Delete
 * Deactivated Key, Respond to Leaked Key…, Finish Interrupted Rotation. The procedures live in
 * src/core/rotation; this module adapts them to progress notifications, modals and input boxes.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { maskKeyId } from '../../core/keys';
import {
  defaultJournalPath,
  deleteDeactivatedKeys,
  finishInterruptedRotation,
  inspectJournal,
  LifecycleError,
  retireOldKey,
  retireProfileKey,
  rotateProfileKey,
  RotationJournal,
  type RetireAction,
  type RetireRequest,
  type RotationResult,
} from '../../core/rotation';
import { Commands } from '../commands/ids';
import type { Log } from '../log';
import type { ProfileArgument, ProfilesFeature } from '../profiles/api';
import { respondToLeak, type RespondArgument } from './leak';
import { editorDeps, pickProfile, showFailure, type LifecycleCommandArgument } from './ui';

/** Registers the key lifecycle commands (rotate, deactivate, delete, respond to a leak). */
export function registerKeyLifecycle(context: vscode.ExtensionContext, log: Log, profiles: ProfilesFeature): void {
  // The same journal as the CLI's, so a rotation interrupted in a terminal is offered for recovery
  // here too (and the other way round), and both refuse to start a second rotation of a profile.
  const journal = new RotationJournal(defaultJournalPath(process.env, os.homedir()));
  const rotate = (arg?: LifecycleCommandArgument) => rotateKey(arg, journal, log, profiles);
  const handlers: Record<string, (...args: never[]) => unknown> = {
    [Commands.rotateKey.id]: rotate,
    [Commands.deactivateKey.id]: (arg?: LifecycleCommandArgument) => retireCommand(arg, 'deactivate', log, profiles),
    [Commands.deleteKey.id]: (arg?: LifecycleCommandArgument) => retireCommand(arg, 'delete', log, profiles),
    [Commands.deleteDeactivatedKey.id]: (arg?: LifecycleCommandArgument) => deleteDeactivated(arg, log, profiles),
    [Commands.respondToLeak.id]: (arg?: RespondArgument) => respondToLeak(arg, log, profiles, rotate),
    [Commands.finishInterruptedRotation.id]: (arg?: { assumeYes?: boolean }) => finishInterrupted(journal, log, profiles, arg?.assumeYes),
  };
  for (const [id, handler] of Object.entries(handlers)) context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  // Off the activation path: a rotation interrupted last time is offered once the window is up.
  setTimeout(() => void offerRecovery(journal, log), 0);
}

function retireSetting(): RetireAction {
  return vscode.workspace.getConfiguration('awsKeyGuard').get<RetireAction>('rotation.retireOldKey') === 'delete' ? 'delete' : 'deactivate';
}

/** Rotate Access Key…: resolves with the result (for callers such as tests), undefined when cancelled or failed. */
async function rotateKey(arg: (ProfileArgument & LifecycleCommandArgument) | undefined, journal: RotationJournal, log: Log, profiles: ProfilesFeature): Promise<RotationResult | undefined> {
  const profile = await pickProfile(arg, profiles, 'Rotate Access Key', log);
  if (!profile) return undefined;
  const retire = retireSetting();
  const deps = editorDeps(log, arg?.assumeYes);
  log.info(`Rotating the key of profile "${profile}" (old key: ${retire})`);
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Rotating the key of "${profile}"`, cancellable: true },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        let written = false;
        return rotateProfileKey(
          { profile, retire, signal: controller.signal },
          {
            ...deps,
            journal,
            onEvent: (event) => {
              deps.onEvent?.(event);
              if (event.type !== 'step') return;
              if (event.step === 'verify') written = true;
              progress.report({ message: `${event.title}…${written ? ' (the new key is written; cancelling no longer applies)' : ''}` });
            },
          },
        );
      },
    );
    profiles.refresh();
    for (const warning of result.warnings) {
      log.warn(warning);
      void vscode.window.showWarningMessage(`AWS Key Guard: ${warning}`);
    }
    const message = `Rotated profile "${result.profile}": it now uses the new key ${maskKeyId(result.newAccessKeyId)}; the old key ${maskKeyId(result.oldAccessKeyId)} was ${result.retired === 'delete' ? 'deleted' : 'deactivated'}.`;
    log.info(message);
    if (result.retired === 'deactivate' && !arg?.assumeYes) {
      void vscode.window.showInformationMessage(`${message} Delete it once nothing broke.`, 'Delete Deactivated Key').then((choice) => {
        if (choice) void vscode.commands.executeCommand(Commands.deleteDeactivatedKey.id, { profileName: result.profile });
      });
    } else void vscode.window.showInformationMessage(message);
    return result;
  } catch (error) {
    profiles.refresh();
    const retry = error instanceof LifecycleError ? error.retry : undefined;
    if (await showFailure(log, `Rotating the key of profile "${profile}" failed`, error, retry !== undefined)) await retryRetire(retry!, journal, log, profiles);
    return undefined;
  }
}

async function retryRetire(request: RetireRequest, journal: RotationJournal, log: Log, profiles: ProfilesFeature): Promise<void> {
  try {
    // retireOldKey also removes the rotation's journal entry, so no recovery prompt follows.
    await retireOldKey(request, { ...editorDeps(log), journal });
    profiles.refresh();
    void vscode.window.showInformationMessage(`The old key ${maskKeyId(request.oldAccessKeyId)} was ${request.retire === 'delete' ? 'deleted' : 'deactivated'}.`);
  } catch (error) {
    if (await showFailure(log, 'Retiring the old key failed', error, true)) await retryRetire(request, journal, log, profiles);
  }
}

async function retireCommand(arg: LifecycleCommandArgument | undefined, action: RetireAction, log: Log, profiles: ProfilesFeature): Promise<boolean> {
  const profile = await pickProfile(arg, profiles, action === 'delete' ? 'Delete Access Key' : 'Deactivate Access Key', log);
  if (!profile) return false;
  try {
    const done = await retireProfileKey(profile, action, editorDeps(log, arg?.assumeYes));
    if (done) {
      profiles.refresh();
      void vscode.window.showInformationMessage(`The key of profile "${profile}" was ${action === 'delete' ? 'deleted' : 'deactivated'}.`);
    }
    return done;
  } catch (error) {
    if (await showFailure(log, `${action === 'delete' ? 'Deleting' : 'Deactivating'} the key of profile "${profile}" failed`, error, true)) return retireCommand({ ...arg, profileName: profile }, action, log, profiles);
    return false;
  }
}

async function deleteDeactivated(arg: LifecycleCommandArgument | undefined, log: Log, profiles: ProfilesFeature): Promise<string[]> {
  const profile = await pickProfile(arg, profiles, 'Delete Deactivated Key', log);
  if (!profile) return [];
  try {
    const deleted = await deleteDeactivatedKeys(profile, editorDeps(log, arg?.assumeYes));
    profiles.refresh();
    void vscode.window.showInformationMessage(
      deleted.length ? `Deleted ${deleted.map(maskKeyId).join(', ')}.` : `The user of profile "${profile}" has no deactivated key that no local profile holds; nothing to delete.`,
    );
    return deleted;
  } catch (error) {
    await showFailure(log, `Deleting the deactivated key of profile "${profile}" failed`, error, false);
    return [];
  }
}

async function finishInterrupted(journal: RotationJournal, log: Log, profiles: ProfilesFeature, assumeYes = false): Promise<number> {
  const deps = editorDeps(log, assumeYes);
  let done = 0;
  let interrupted;
  try {
    interrupted = inspectJournal(journal, deps.files);
  } catch (error) {
    await showFailure(log, 'Reading the rotation journal failed', error, false);
    return 0;
  }
  if (interrupted.length === 0) {
    void vscode.window.showInformationMessage('No interrupted key rotation to finish.');
    return 0;
  }
  for (const item of interrupted) {
    const label = item.action === 'finish' ? 'Finish Rotation' : item.action === 'delete-orphan' ? 'Delete Unused Key' : 'Dismiss';
    if (!(await deps.confirm({ kind: 'delete-key', message: item.message, detail: '', acceptLabel: label, explicit: false }))) continue;
    try {
      const message = await finishInterruptedRotation(item, journal, deps);
      log.info(message);
      void vscode.window.showInformationMessage(message);
      done++;
    } catch (error) {
      await showFailure(log, 'Recovering an interrupted rotation failed', error, false);
    }
  }
  profiles.refresh();
  return done;
}

async function offerRecovery(journal: RotationJournal, log: Log): Promise<void> {
  let count = 0;
  try {
    count = journal.entries().length;
  } catch (error) {
    log.error('The rotation journal cannot be read', error);
    return;
  }
  if (count === 0) return;
  log.warn(`${count} interrupted key rotation(s) found in ${journal.filePath}`);
  const choice = await vscode.window.showWarningMessage('AWS Key Guard: a key rotation was interrupted last time. Finish it or clean up the unused key now?', 'Finish Interrupted Rotation', 'Show Log');
  if (choice === 'Finish Interrupted Rotation') void vscode.commands.executeCommand(Commands.finishInterruptedRotation.id);
  else if (choice === 'Show Log') log.show();
}
