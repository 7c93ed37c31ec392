/**
 * The editor's side of the lifecycle's questions and reports: modal confirmations, the MFA input
 * box, the profile quick pick, and error messages with Show Log / Retry.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { awsHomeDirectory, configFilePath, credentialsFilePath } from '../../core/credentials';
import { maskKeyId } from '../../core/keys';
import { redactSecrets } from '../../core/redact';
import { LifecycleError, localKeyHolders, type ConfirmationRequest, type LifecycleDeps, type MfaCodeRequest, type SharedFilePaths } from '../../core/rotation';
import { Commands } from '../commands/ids';
import type { Log } from '../log';
import type { ProfilesFeature } from '../profiles/api';

/** What menu, hover and palette callers pass: a profile (tree node, hover link) and, for scripts and tests, assumeYes. */
export interface LifecycleCommandArgument {
  readonly profileName?: string;
  /** Answer every confirmation with yes (programmatic use only; MFA codes are still asked). */
  readonly assumeYes?: boolean;
}

/** The shared files the SDK would use for this window's environment. */
export function sharedFiles(): SharedFilePaths {
  const home = awsHomeDirectory(process.env, os.homedir());
  return { credentialsFile: credentialsFilePath(process.env, home), configFile: configFilePath(process.env, home) };
}

/** Confirmation as a modal warning; `assumeYes` answers yes (and logs the question). */
export function modalConfirm(log: Log, assumeYes = false): (request: ConfirmationRequest) => Promise<boolean> {
  return async (request) => {
    log.info(`Confirm: ${request.message}${assumeYes ? ' (answered yes by the caller)' : ''}`);
    if (assumeYes) return true;
    const answer = await vscode.window.showWarningMessage(request.message, { modal: true, detail: request.detail }, request.acceptLabel);
    log.info(`Answer: ${answer === request.acceptLabel ? 'yes' : 'no'}`);
    return answer === request.acceptLabel;
  };
}

/** Asks for the current MFA code in an input box. */
export async function askMfaCode(request: MfaCodeRequest): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: `MFA code for profile "${request.profile}"`,
    prompt: `IAM requires MFA. Enter the current code of ${request.serialNumber}${request.serialSource === 'guess' ? ' (serial guessed from the user name; set mfa_serial in the profile if it differs)' : ''}.`,
    placeHolder: '123456',
    ignoreFocusOut: true,
    validateInput: (value) => (/^\d{6}$/.test(value.trim()) ? undefined : 'Enter the 6-digit code'),
  });
}

/** Lifecycle deps for the editor. */
export function editorDeps(log: Log, assumeYes = false): LifecycleDeps {
  return {
    files: sharedFiles(),
    confirm: modalConfirm(log, assumeYes),
    askMfaCode,
    onEvent: (event) => log.info(event.type === 'step' ? `Step: ${event.title}` : event.message),
  };
}

/**
 * The profile a command acts on: the argument's, else a quick pick of key profiles (oldest key
 * first, from the profiles feature; read from the files when that has nothing yet). When the files
 * cannot be read or parsed, shows that (with Show Log) and resolves undefined.
 */
export async function pickProfile(arg: LifecycleCommandArgument | undefined, profiles: ProfilesFeature, title: string, log: Log): Promise<string | undefined> {
  if (arg?.profileName) return arg.profileName;
  let items: vscode.QuickPickItem[] = [];
  try {
    items = (await profiles.keyProfiles()).map((p) => ({
      label: p.name,
      description: maskKeyId(p.accessKeyId),
      detail: p.ageDays === undefined ? undefined : `${p.ageDays} day${p.ageDays === 1 ? '' : 's'} old`,
    }));
  } catch {
    // The profiles feature is optional here: the files are enough to pick from.
  }
  if (items.length === 0) {
    try {
      items = localKeyHolders(sharedFiles()).map((h) => ({ label: h.profile, description: maskKeyId(h.accessKeyId) }));
    } catch (error) {
      await showFailure(log, `${title}: reading the AWS credentials and config files failed`, error, false);
      return undefined;
    }
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage('No profile in your AWS credentials file holds a long-term access key.');
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title, placeHolder: 'Pick a profile (oldest key first)', ignoreFocusOut: true }))?.label;
}

/**
 * Shows a failure: what failed and the real state (the LifecycleError's message), with Show Log,
 * and Retry when `retry` is given. Resolves true when the user chose Retry.
 */
export async function showFailure(log: Log, what: string, error: unknown, retryable: boolean): Promise<boolean> {
  log.error(what, error);
  const message = redactSecrets(error instanceof LifecycleError ? error.message : `${what}: ${error instanceof Error ? error.message : String(error)}`);
  const buttons = retryable ? ['Retry', 'Show Log'] : ['Show Log'];
  const choice = await vscode.window.showErrorMessage(`AWS Key Guard: ${message}`, ...buttons);
  if (choice === 'Show Log') void vscode.commands.executeCommand(Commands.showLog.id);
  return choice === 'Retry';
}
