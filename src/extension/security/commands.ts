/**
 * The Security group's actions: Delete Unused Key (asks first; refuses a key a local profile holds),
 * Copy Least-Privilege Policy (the services used, from Access Advisor), Open in IAM Console. Each
 * takes the tree item, or `{ profileName, accessKeyId?, open? }` from scripts and tests. Arguments
 * never answer a confirmation: only the user does, in the dialog.
 */
import * as vscode from 'vscode';
import { deleteUnusedKey, DeleteKeyError, leastPrivilegePolicy, type ProfileAudit } from '../../core/audit';
import { maskKeyId } from '../../core/keys';
import { Commands } from '../commands/ids';
import type { Log } from '../log';
import type { SecurityModel } from './model';

/** What the commands accept. */
export interface SecurityArgument {
  readonly profileName?: string;
  readonly accessKeyId?: string;
  /** False: return the console URL without opening it. */
  readonly open?: boolean;
}

function auditOf(model: SecurityModel, arg: SecurityArgument | undefined): ProfileAudit | undefined {
  const state = arg?.profileName ? model.stateOf(arg.profileName) : undefined;
  if (state?.state === 'done') return state.audit;
  void vscode.window.showWarningMessage(arg?.profileName ? `The security facts of "${arg.profileName}" are not loaded yet.` : 'Use this command from a profile\'s Security group in the Profiles view.');
  return undefined;
}

async function showFailure(log: Log, message: string): Promise<void> {
  if (await vscode.window.showErrorMessage(message, 'Show Log')) log.show();
}

/** Asks the user to confirm a change; resolves true only for the accept button. */
export type Confirm = (question: { message: string; detail: string; acceptLabel: string }) => Promise<boolean>;

/** The modal warning dialog. */
export const confirmInDialog: Confirm = async ({ message, detail, acceptLabel }) => (await vscode.window.showWarningMessage(message, { modal: true, detail }, acceptLabel)) === acceptLabel;

async function deleteKey(model: SecurityModel, log: Log, confirm: Confirm, arg?: SecurityArgument): Promise<boolean> {
  const audit = auditOf(model, arg);
  const key = audit?.keys.find((k) => k.accessKeyId === arg?.accessKeyId);
  if (!audit || !key || !audit.userName) return false;
  const masked = maskKeyId(key.accessKeyId);
  if (!key.unused) {
    void vscode.window.showWarningMessage(`Key ${masked} is in use; Delete Unused Key only deletes unused keys.`);
    return false;
  }
  // Refused before asking: a key a local profile holds is never offered for deletion.
  const holders = model.profiles.readLocal().filter((p) => p.accessKeyId === key.accessKeyId).map((p) => `"${p.name}"`);
  if (holders.length > 0) {
    void showFailure(log, `Key ${masked} is used by local profile ${holders.join(', ')}: not deleted. Rotate that profile instead.`);
    return false;
  }
  const why = key.lastUsedDays === null ? `It was never used and is ${key.ageDays} days old.` : `It has not been used for ${key.lastUsedDays} days.`;
  const yes = await confirm({
    message: `Delete access key ${masked} of IAM user ${audit.userName}?`,
    detail: `${why} No local profile holds it. Deleting it cannot be undone: anything still using it stops working.`,
    acceptLabel: 'Delete Key',
  });
  if (!yes) return false;
  const report = model.profiles.report(audit.profile);
  const via = report?.status.state === 'loaded' ? report.status.facts.via : undefined;
  const signer = model.profiles.readLocal().find((p) => p.name === (via ?? audit.profile));
  if (!signer) return false;
  try {
    await deleteUnusedKey({
      signer,
      userName: audit.userName,
      accessKeyId: key.accessKeyId,
      files: model.profiles.loader.paths,
      localProfiles: () => model.profiles.readLocal(),
      keyUse: model.profiles.loader.keyUse,
    });
  } catch (error) {
    log.error(`Delete Unused Key ${masked} of "${audit.profile}" failed`, error);
    void showFailure(log, error instanceof DeleteKeyError ? error.message : `Deleting key ${masked} failed: ${String(error)}`);
    return false;
  }
  log.info(`Deleted unused key ${masked} of user ${audit.userName} (profile "${audit.profile}"); IAM no longer lists it.`);
  void vscode.window.showInformationMessage(`Deleted key ${masked} of ${audit.userName}: IAM no longer lists it.`);
  model.refresh(audit.profile);
  return true;
}

async function copyPolicy(model: SecurityModel, arg?: SecurityArgument): Promise<string | undefined> {
  const audit = auditOf(model, arg);
  if (!audit) return undefined;
  if (!audit.services) {
    void vscode.window.showWarningMessage(`Access Advisor's facts for "${audit.profile}" are not available, so no policy can be built.`);
    return undefined;
  }
  const policy = leastPrivilegePolicy(audit.services.used);
  await vscode.env.clipboard.writeText(policy);
  void vscode.window.showInformationMessage(
    `Copied a policy that allows only the ${audit.services.used.length} services ${audit.userName ?? audit.profile} used (${audit.services.used.join(', ') || 'none'}). Review it before you attach it: nothing was changed in IAM.`,
  );
  return policy;
}

async function openConsole(model: SecurityModel, arg?: SecurityArgument): Promise<string | undefined> {
  const audit = auditOf(model, arg);
  if (!audit?.userName) return undefined;
  const url = `https://console.aws.amazon.com/iam/home#/users/details/${encodeURIComponent(audit.userName)}?section=permissions`;
  if (arg?.open !== false) await vscode.env.openExternal(vscode.Uri.parse(url));
  return url;
}

/** Registers the Security group's commands. */
export function registerSecurityCommands(model: SecurityModel, log: Log, confirm: Confirm = confirmInDialog): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(Commands.deleteUnusedKey.id, (arg?: SecurityArgument) => deleteKey(model, log, confirm, arg)),
    vscode.commands.registerCommand(Commands.copyLeastPrivilegePolicy.id, (arg?: SecurityArgument) => copyPolicy(model, arg)),
    vscode.commands.registerCommand(Commands.openInIamConsole.id, (arg?: SecurityArgument) => openConsole(model, arg)),
  ];
}
