/**
 * The key lifecycle commands: Rotate Access Key…, Deactivate / Delete / Activate Access Key, Delete
 * Deactivated Key, Respond to Leaked Key…, Finish Interrupted Rotation. The procedures live in
 * src/core/rotation; these modules adapt them to progress notifications, modals and input boxes.
 * Command arguments name a profile (or a leaked key id) and nothing else: every confirmation is
 * the user's.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { defaultJournalPath, finishInterruptedRotation, inspectJournal, RotationJournal } from '../../core/rotation';
import { Commands } from '../commands/ids';
import { activateKeyCommand } from './inactive';
import { respondArgument, respondToLeak } from './leak';
import { deleteDeactivated, retireCommand } from './retire';
import { rotateKey } from './rotate';
import { editorDeps, profileArgument, showFailure, type LifecycleUi } from './ui';

/** Registers the key lifecycle commands (rotate, deactivate, delete, activate, respond to a leak). */
export function registerKeyLifecycle(context: vscode.ExtensionContext, ui: LifecycleUi): void {
  // The same journal as the CLI's, so a rotation interrupted in a terminal is offered for recovery
  // here too (and the other way round), and both refuse to start a second rotation of a profile.
  const journal = new RotationJournal(defaultJournalPath(process.env, os.homedir()));
  const handlers: Record<string, (arg?: unknown) => unknown> = {
    [Commands.rotateKey.id]: (arg) => rotateKey(profileArgument(arg), journal, ui),
    [Commands.deactivateKey.id]: (arg) => retireCommand(profileArgument(arg), 'deactivate', ui),
    [Commands.deleteKey.id]: (arg) => retireCommand(profileArgument(arg), 'delete', ui),
    [Commands.activateKey.id]: (arg) => activateKeyCommand(profileArgument(arg), ui),
    [Commands.deleteDeactivatedKey.id]: (arg) => deleteDeactivated(profileArgument(arg), ui),
    // The user chose the response in its own dialog, which says that it rotates a local holder.
    [Commands.respondToLeak.id]: (arg) => respondToLeak(respondArgument(arg), ui, (a) => rotateKey(a, journal, ui, { confirmed: true })),
    [Commands.finishInterruptedRotation.id]: () => finishInterrupted(journal, ui),
  };
  for (const [id, handler] of Object.entries(handlers)) context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  // Off the activation path: a rotation interrupted last time is offered once the window is up.
  setTimeout(() => void offerRecovery(journal, ui), 0);
}

async function finishInterrupted(journal: RotationJournal, ui: LifecycleUi): Promise<number> {
  const deps = editorDeps(ui);
  let done = 0;
  let interrupted;
  try {
    interrupted = inspectJournal(journal, deps.files);
  } catch (error) {
    await showFailure(ui, 'Reading the rotation journal failed', error, false);
    return 0;
  }
  if (interrupted.length === 0) {
    void ui.prompts.show('info', 'No interrupted key rotation to finish.');
    return 0;
  }
  for (const item of interrupted) {
    const label = item.action === 'finish' ? 'Finish Rotation' : item.action === 'delete-orphan' ? 'Delete Unused Key' : 'Dismiss';
    if (!(await deps.confirm({ kind: 'delete-key', message: item.message, detail: '', acceptLabel: label, explicit: false }))) continue;
    try {
      const message = await finishInterruptedRotation(item, journal, deps);
      ui.log.info(message);
      void ui.prompts.show('info', message);
      done++;
    } catch (error) {
      await showFailure(ui, 'Recovering an interrupted rotation failed', error, false);
    }
  }
  ui.profiles.refresh();
  return done;
}

async function offerRecovery(journal: RotationJournal, ui: LifecycleUi): Promise<void> {
  let count = 0;
  try {
    // A rotation still running in another window or the CLI is not interrupted: leave it alone.
    count = journal.entries().filter((entry) => !journal.isRunning(entry)).length;
  } catch (error) {
    ui.log.error('The rotation journal cannot be read', error);
    return;
  }
  if (count === 0) return;
  ui.log.warn(`${count} interrupted key rotation(s) found in ${journal.filePath}`);
  const choice = await ui.prompts.show('warning', 'AWS Key Guard: a key rotation was interrupted last time. Finish it or clean up the unused key now?', 'Finish Interrupted Rotation', 'Show Log');
  if (choice === 'Finish Interrupted Rotation') void vscode.commands.executeCommand(Commands.finishInterruptedRotation.id);
  else if (choice === 'Show Log') ui.log.show();
}
