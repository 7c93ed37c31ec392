import * as os from 'node:os';
import * as vscode from 'vscode';
import { IGNORE_FILE_NAME, ignoreLineFor, type SecretRange } from '../../core/detect';
import { addProfile, awsHomeDirectory, credentialsFilePath, CredentialsEditError, editCredentialsFile, findProfile, readCredentialsDocument, type CredentialsDocument } from '../../core/credentials';
import { isAccessKeyId, maskKeyId } from '../../core/keys';
import { environmentLookupReplacement } from '../../core/editing/fixes';
import { Commands } from '../commands/ids';
import type { Log } from '../log';
import type { Suppressions } from './suppressions';

export interface IgnoreFindingArgument {
  uri: string;
  fingerprint: string;
  ruleId: string;
  masked: string;
}

export interface MoveToProfileArgument {
  uri: string;
  keyIdRange: SecretRange;
  secretRange: SecretRange;
  /** The new profile's name; asked for in an input box when absent (always, from the quick fix). */
  profileName?: string;
}

/** Appends a finding's fingerprint line to the project's ignore file, creating it if needed. */
export async function addToIgnoreFile(arg: IgnoreFindingArgument, suppressions: Suppressions): Promise<vscode.Uri | undefined> {
  const target = suppressions.ignoreFileUri(vscode.Uri.parse(arg.uri));
  if (!target) {
    vscode.window.showWarningMessage(`AWS Key Guard: open a folder first; the ${IGNORE_FILE_NAME} file lives at its root.`);
    return undefined;
  }
  let existing = '';
  try {
    existing = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
  } catch {
    // No ignore file yet: this creates it.
  }
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  const header = existing === '' ? `# Findings AWS Key Guard must not report (fingerprints or path globs).\n` : '';
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(existing + separator + header + ignoreLineFor(arg) + '\n'));
  return target;
}

const SECRET_ACCESS_KEY_SHAPE = /^[A-Za-z0-9+/]{40}$/;
const toRange = (r: SecretRange) => new vscode.Range(r.line, r.startColumn, r.endLine, r.endColumn);

/**
 * Moves a key id + secret pair out of a document into the credentials file as a new profile (atomic,
 * format-preserving write; refuses an existing name), then replaces the literals with environment
 * lookups where the language has them. The secret only travels from the document to the file.
 */
export async function moveToProfile(arg: MoveToProfileArgument, log: Log): Promise<string | undefined> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(arg.uri));
  const file = credentialsFilePath(process.env, awsHomeDirectory(process.env, os.homedir()));
  const fail = (message: string, err?: unknown) => {
    if (err !== undefined) log.error(message, err);
    void vscode.window.showErrorMessage(`AWS Key Guard: ${message}`, 'Show Log').then((b) => b && log.show());
    return undefined;
  };
  let existing: CredentialsDocument;
  try {
    existing = readCredentialsDocument(file, 'credentials');
  } catch (err) {
    return fail(`could not read ${file}: ${err instanceof Error ? err.message : String(err)}`, err);
  }
  const validate = (value: string) =>
    !/^[A-Za-z0-9_.@+-]+$/.test(value) ? 'Use letters, digits and _ . @ + -' : findProfile(existing, value) ? `Profile "${value}" already exists` : undefined;
  if (arg.profileName !== undefined && validate(arg.profileName)) return fail(`cannot add profile "${arg.profileName}": ${validate(arg.profileName)}.`);
  const name =
    arg.profileName ??
    (await vscode.window.showInputBox({
      title: 'Move the key pair into your credentials file',
      prompt: `Name of the new profile in ${file}`,
      validateInput: validate,
    }));
  if (!name) return undefined;

  // Read the pair only now, after the question: the document may have changed since the quick fix
  // was offered, and only a real key id and secret may travel into the credentials file.
  const accessKeyId = document.getText(toRange(arg.keyIdRange));
  const secret = document.getText(toRange(arg.secretRange));
  if (!isAccessKeyId(accessKeyId) || !SECRET_ACCESS_KEY_SHAPE.test(secret)) {
    return fail('the key pair is no longer where it was found (the document changed); run the quick fix again.');
  }
  try {
    editCredentialsFile(file, 'credentials', (doc) => addProfile(doc, name, { aws_access_key_id: accessKeyId, aws_secret_access_key: secret }));
  } catch (err) {
    const reason = err instanceof CredentialsEditError || err instanceof Error ? err.message : String(err);
    return fail(`could not add profile "${name}" to ${file}: ${reason}`, err);
  }
  log.info(`Added profile ${name} with key ${maskKeyId(accessKeyId)} to ${file}`);

  const edit = new vscode.WorkspaceEdit();
  for (const [range, variable] of [[arg.secretRange, 'AWS_SECRET_ACCESS_KEY'], [arg.keyIdRange, 'AWS_ACCESS_KEY_ID']] as const) {
    const line = document.lineAt(range.line).text;
    const r = environmentLookupReplacement(document.languageId, line, range.startColumn, range.endColumn, variable);
    if (r) edit.replace(document.uri, new vscode.Range(range.line, r.start, range.line, r.end), r.text);
  }
  const replaced = edit.size > 0 && (await vscode.workspace.applyEdit(edit));
  void vscode.window.showInformationMessage(
    `AWS Key Guard: the key pair is now profile "${name}" in ${file}. Run with AWS_PROFILE=${name}${replaced ? '' : ', and remove the literals from this file'}.`,
  );
  return name;
}

export function registerFindingCommands(context: vscode.ExtensionContext, log: Log, suppressions: Suppressions): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.addToIgnoreFile.id, (arg: IgnoreFindingArgument) => addToIgnoreFile(arg, suppressions)),
    vscode.commands.registerCommand(Commands.moveToProfile.id, (arg: MoveToProfileArgument) => moveToProfile(arg, log)),
  );
}
