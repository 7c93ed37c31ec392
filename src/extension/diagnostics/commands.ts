import * as os from 'node:os';
import * as vscode from 'vscode';
import { IGNORE_FILE_NAME, ignoreLineFor, type SecretRange } from '../../core/detect';
import { addProfile, awsHomeDirectory, credentialsFilePath, CredentialsEditError, editCredentialsFile, findProfile, readCredentialsDocument, type CredentialsDocument } from '../../core/credentials';
import { isAccessKeyId, maskKeyId } from '../../core/keys';
import { rewriteForProfile } from '../../core/editing/profileRewrite';
import { Commands } from '../commands/ids';
import type { Log } from '../log';
import type { ProfilesFeature } from '../profiles/api';
import type { Prompts } from '../prompts';
import { documentLines } from './codeActions';
import { displayPath } from './hover';
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

/**
 * Appends a finding's fingerprint line to the project's ignore file, creating it if needed, says
 * which file it wrote (and whether it created it), and opens it at the new line.
 */
export async function addToIgnoreFile(arg: IgnoreFindingArgument, suppressions: Suppressions, prompts: Prompts): Promise<vscode.Uri | undefined> {
  const target = suppressions.ignoreFileUri(vscode.Uri.parse(arg.uri));
  if (!target) {
    void prompts.show('warning', `AWS Key Guard: open a folder first; the ${IGNORE_FILE_NAME} file lives at its root.`);
    return undefined;
  }
  let existing = '';
  let created = false;
  try {
    existing = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
  } catch {
    created = true; // No ignore file yet: this creates it.
  }
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  const header = existing === '' ? `# Findings AWS Key Guard must not report (fingerprints or path globs).\n` : '';
  const text = existing + separator + header + ignoreLineFor(arg) + '\n';
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const line = text.split('\n').length - 2;
  const document = await vscode.workspace.openTextDocument(target);
  await vscode.window.showTextDocument(document, { preview: true, preserveFocus: false, selection: new vscode.Range(line, 0, line, 0) });
  void prompts.show('info', `AWS Key Guard: ${created ? 'created' : 'added the finding to'} ${vscode.workspace.asRelativePath(target)}${created ? ' with this finding' : ''} (its fingerprint, never the secret). Commit it to share the decision.`);
  return target;
}

const SECRET_ACCESS_KEY_SHAPE = /^[A-Za-z0-9+/]{40}$/;
const toRange = (r: SecretRange) => new vscode.Range(r.line, r.startColumn, r.endLine, r.endColumn);

/**
 * Moves a key id + secret pair out of a document into the credentials file as a new profile (atomic,
 * format-preserving write; refuses an existing name; warns first when IAM lists the key as inactive
 * or deleted), then rewrites the code so it really uses the profile: the explicit credentials are
 * removed so the SDK's default chain reads AWS_PROFILE (env files get `AWS_PROFILE=name` in their
 * place). The secret only travels from the document to the file.
 */
export async function moveToProfile(arg: MoveToProfileArgument, log: Log, prompts: Prompts, profiles: ProfilesFeature): Promise<string | undefined> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(arg.uri));
  const file = credentialsFilePath(process.env, awsHomeDirectory(process.env, os.homedir()));
  const fail = (message: string, err?: unknown) => {
    if (err !== undefined) log.error(message, err);
    void prompts.show('error', `AWS Key Guard: ${message}`, 'Show Log').then((b) => b && log.show());
    return undefined;
  };
  let existing: CredentialsDocument;
  try {
    existing = readCredentialsDocument(file, 'credentials');
  } catch (err) {
    return fail(`could not read ${file}: ${err instanceof Error ? err.message : String(err)}`, err);
  }
  const keyIdBefore = document.getText(toRange(arg.keyIdRange));
  const status = isAccessKeyId(keyIdBefore) ? profiles.keyStatus(keyIdBefore) : undefined;
  if (status === 'Inactive' || status === 'Deleted') {
    const yes = await prompts.confirm({
      message: `IAM lists key ${maskKeyId(keyIdBefore)} as ${status === 'Deleted' ? 'deleted' : 'inactive'}. Move it into a profile anyway?`,
      detail: `A profile with this key will not work${status === 'Inactive' ? ' until the key is activated again' : ''}. To stop the leak, removing the literals from this file is enough.`,
      acceptLabel: 'Move Anyway',
    });
    if (!yes) return undefined;
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

  const rewrite = rewriteForProfile(document.languageId, documentLines(document), arg.keyIdRange, arg.secretRange, name);
  let replaced = false;
  if (rewrite) {
    const edit = new vscode.WorkspaceEdit();
    for (const e of rewrite.edits) edit.replace(document.uri, new vscode.Range(e.line, e.startColumn, e.endLine, e.endColumn), e.text);
    replaced = await vscode.workspace.applyEdit(edit);
  }
  const where = `profile "${name}" in ${displayPath(file)}`;
  const message = !replaced
    ? `the key pair is now ${where}. The literals are still in this file: remove them, and create the AWS client without explicit credentials, so the SDK reads the profile named by AWS_PROFILE (run with AWS_PROFILE=${name}).`
    : rewrite?.how === 'aws-profile-variable'
      ? `the key pair is now ${where}; this file sets AWS_PROFILE=${name} in its place, which the AWS SDKs and CLI read.`
      : `the key pair is now ${where}. The code no longer passes credentials, so the AWS SDK's default chain reads them from the profile named by AWS_PROFILE: run it with AWS_PROFILE=${name}.`;
  void prompts.show('info', `AWS Key Guard: ${message}`);
  return name;
}

export function registerFindingCommands(context: vscode.ExtensionContext, log: Log, suppressions: Suppressions, prompts: Prompts, profiles: ProfilesFeature): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.addToIgnoreFile.id, (arg: IgnoreFindingArgument) => addToIgnoreFile(arg, suppressions, prompts)),
    vscode.commands.registerCommand(Commands.moveToProfile.id, (arg: MoveToProfileArgument) => moveToProfile(arg, log, prompts, profiles)),
  );
}
