/**
 * The editor's side of the lifecycle's questions and reports: confirmations and MFA codes (through
 * Prompts), the profile quick pick, and error messages with Show Log / Retry / Show Required
 * Permissions.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { awsHomeDirectory, sharedFilePaths } from '../../core/credentials';
import { maskKeyId } from '../../core/keys';
import { redactSecrets } from '../../core/redact';
import { awsErrorCode, LifecycleError, localKeyHolders, type ConfirmationRequest, type LifecycleDeps, type MfaCodeRequest, type SharedFilePaths } from '../../core/rotation';
import { Commands } from '../commands/ids';
import type { Log } from '../log';
import type { ProfilesFeature } from '../profiles/api';
import type { Prompts } from '../prompts';
import { showRequiredPermissions } from './permissions';

/** What the lifecycle commands share: the log, the user's questions, the profiles. */
export interface LifecycleUi {
  readonly log: Log;
  readonly prompts: Prompts;
  readonly profiles: ProfilesFeature;
}

/** What menu, hover and palette callers pass: a profile (tree node, hover link). Nothing else is read. */
export interface LifecycleCommandArgument {
  readonly profileName?: string;
}

/** The profile a command argument names, if any: only a string `profileName` is taken from outside. */
export function profileArgument(arg: unknown): LifecycleCommandArgument | undefined {
  const name = (arg as { profileName?: unknown } | undefined)?.profileName;
  return typeof name === 'string' && name ? { profileName: name } : undefined;
}

/** The shared files the SDK would use for this window's environment. */
export function sharedFiles(): SharedFilePaths {
  const home = awsHomeDirectory(process.env, os.homedir());
  return sharedFilePaths(process.env, home);
}

/** Lifecycle deps for the editor: every question goes to the user. */
export function editorDeps(ui: LifecycleUi): LifecycleDeps {
  return {
    files: sharedFiles(),
    confirm: (request: ConfirmationRequest) => ui.prompts.confirm(request),
    askMfaCode: (request: MfaCodeRequest & { attempt?: number; previousError?: string }) =>
      ui.prompts.mfaCode({ profile: request.profile, serialNumber: request.serialNumber, attempt: request.attempt ?? 1, previousError: request.previousError }),
    onEvent: (event) => ui.log.info(event.type === 'step' ? `Step: ${event.title}` : event.message),
  };
}

/**
 * The profile a command acts on: the argument's, else a quick pick of key profiles (oldest key
 * first, from the profiles feature; read from the files when that has nothing yet). When the files
 * cannot be read or parsed, shows that (with Show Log) and resolves undefined.
 */
export async function pickProfile(arg: LifecycleCommandArgument | undefined, ui: LifecycleUi, title: string): Promise<string | undefined> {
  if (arg?.profileName) return arg.profileName;
  let items: vscode.QuickPickItem[] = [];
  try {
    items = (await ui.profiles.keyProfiles()).map((p) => ({
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
      await showFailure(ui, `${title}: reading the AWS credentials and config files failed`, error, false);
      return undefined;
    }
  }
  if (items.length === 0) {
    void ui.prompts.show('info', 'No profile in your AWS credentials file holds a long-term access key.');
    return undefined;
  }
  return (await ui.prompts.pick(items, { title, placeHolder: 'Pick a profile (oldest key first)' }))?.label;
}

/** True when AWS refused for want of a permission: retrying cannot help, a policy change can. */
function deniedByPolicy(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = awsErrorCode(e);
    if (code === 'AccessDenied' || code === 'AccessDeniedException') return true;
  }
  return false;
}

/**
 * Shows a failure: what failed and the real state (the LifecycleError's message), with Show Log,
 * and Retry when `retryable` (never after AccessDenied: the user's policy lacks a permission, so
 * "Show Required Permissions" is offered instead). Resolves true when the user chose Retry.
 */
export async function showFailure(ui: LifecycleUi, what: string, error: unknown, retryable: boolean): Promise<boolean> {
  ui.log.error(what, error);
  const message = redactSecrets(error instanceof LifecycleError ? error.message : `${what}: ${error instanceof Error ? error.message : String(error)}`);
  const denied = deniedByPolicy(error);
  const buttons = denied ? ['Show Required Permissions', 'Show Log'] : retryable ? ['Retry', 'Show Log'] : ['Show Log'];
  const choice = await ui.prompts.show('error', `AWS Key Guard: ${message}`, ...buttons);
  if (choice === 'Show Log') void vscode.commands.executeCommand(Commands.showLog.id);
  if (choice === 'Show Required Permissions') void showRequiredPermissions();
  return choice === 'Retry';
}
