/**
 * The Profiles view's commands. Menu invocations pass the node (a ProfileArgument); palette
 * invocations pass nothing and get a quick pick.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { addProfile, CredentialsEditError, CredentialsFileError, editCredentialsFile, findProfile, readCredentialsDocument } from '../../core/credentials';
import { isAccessKeyId, maskKeyId } from '../../core/keys';
import type { LocalProfile } from '../../core/profiles';
import { Commands } from '../commands/ids';
import { showRequiredPermissions } from '../rotation/permissions';
import type { Log } from '../log';
import type { ProfileArgument } from './api';
import type { ProfilesModel } from './model';

async function pickProfile(model: ProfilesModel, arg: ProfileArgument | undefined, filter: (p: LocalProfile) => boolean, placeHolder: string): Promise<LocalProfile | undefined> {
  if (arg?.profileName) return model.state.profiles.find((p) => p.name === arg.profileName);
  const candidates = model.state.profiles.filter(filter);
  const picked = await vscode.window.showQuickPick(
    candidates.map((p) => ({ label: p.name, description: p.maskedKeyId ?? p.kind, profile: p })),
    { placeHolder },
  );
  return picked?.profile;
}

const PROFILE_NAME = /^[A-Za-z0-9_.@+-]+$/;
const SECRET_SHAPE = /^[A-Za-z0-9+/]{40}$/;

/** Asks for a name, key id and secret, and appends the profile to the credentials file. */
async function createProfile(model: ProfilesModel, log: Log): Promise<void> {
  const file = model.state.credentialsFile;
  const taken = new Set(model.state.profiles.map((p) => p.name));
  const name = await vscode.window.showInputBox({
    title: 'Create a Profile (1/3)',
    prompt: `Profile name, added to ${file}`,
    value: taken.has('default') ? '' : 'default',
    validateInput: (value) => (!PROFILE_NAME.test(value) ? 'Use letters, digits and _ . @ + -' : taken.has(value) ? `Profile "${value}" already exists` : undefined),
  });
  if (name === undefined) return;
  const accessKeyId = await vscode.window.showInputBox({
    title: 'Create a Profile (2/3)',
    prompt: 'Access key id (AKIA…)',
    validateInput: (value) => (isAccessKeyId(value.trim()) ? undefined : 'An access key id is 20 characters: AKIA (or ASIA) and 16 of A-Z, 2-7'),
  });
  if (accessKeyId === undefined) return;
  const secretAccessKey = await vscode.window.showInputBox({
    title: 'Create a Profile (3/3)',
    prompt: 'Secret access key (stays on this machine, written only to the credentials file)',
    password: true,
    validateInput: (value) => (SECRET_SHAPE.test(value.trim()) ? undefined : 'A secret access key is 40 characters of A-Z, a-z, 0-9, + and /'),
  });
  if (secretAccessKey === undefined) return;
  try {
    // The SDK and the CLI expect the folder; create it private, as `aws configure` does.
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    if (findProfile(readCredentialsDocument(file, 'credentials'), name)) throw new CredentialsEditError('profile-exists', `Profile "${name}" already exists in ${file}`, name);
    editCredentialsFile(file, 'credentials', (doc) => addProfile(doc, name, { aws_access_key_id: accessKeyId.trim(), aws_secret_access_key: secretAccessKey.trim() }));
  } catch (error) {
    const message = error instanceof CredentialsEditError || error instanceof CredentialsFileError ? error.message : String(error);
    log.error(`Creating profile "${name}" failed`, error);
    const choice = await vscode.window.showErrorMessage(`Could not create the profile: ${message}`, 'Show Log');
    if (choice) log.show();
    return;
  }
  log.info(`Created profile "${name}" with key ${maskKeyId(accessKeyId.trim())} in ${file}`);
  void vscode.window.showInformationMessage(`Created profile "${name}" (${maskKeyId(accessKeyId.trim())}).`);
  await model.reload();
}

/** Registers refresh, retry, copy key id, open in credentials file and create profile. */
export function registerProfileCommands(model: ProfilesModel, log: Log): vscode.Disposable[] {
  const handlers: Record<string, (arg?: ProfileArgument) => unknown> = {
    [Commands.refreshProfiles.id]: () => model.reload({ dropCache: true }),
    [Commands.showRequiredPermissions.id]: () => showRequiredPermissions(),
    [Commands.retryProfile.id]: (arg) => (arg?.profileName ? model.reload({ only: arg.profileName }) : model.reload({ dropCache: true })),
    [Commands.copyKeyId.id]: async (arg) => {
      const profile = await pickProfile(model, arg, (p) => p.accessKeyId !== undefined, 'Copy the key id of which profile?');
      if (!profile?.accessKeyId) return;
      // A key id identifies a key but grants nothing without its secret: safe on the clipboard.
      await vscode.env.clipboard.writeText(profile.accessKeyId);
      void vscode.window.showInformationMessage(`Copied the key id of "${profile.name}" (${maskKeyId(profile.accessKeyId)}).`);
    },
    [Commands.openInCredentialsFile.id]: async (arg) => {
      const profile = await pickProfile(model, arg, () => true, 'Open which profile?');
      if (!profile) return;
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(profile.path));
      const line = Math.max(0, Math.min(profile.line - 1, document.lineCount - 1));
      const range = document.lineAt(line).range;
      await vscode.window.showTextDocument(document, { selection: range, preview: false });
    },
    [Commands.createProfile.id]: () => createProfile(model, log),
  };
  const disposables = Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
  return disposables;
}
