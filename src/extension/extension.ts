import * as vscode from 'vscode';
import { Commands } from './commands/ids';
import { createLog, Log } from './log';
import { ProfilesTreeProvider } from './profiles/profilesView';

/** What activate() returns: used by the integration tests, never by other extensions. */
export interface AwsKeyGuardApi {
  readonly log: Log;
}

export function activate(context: vscode.ExtensionContext): AwsKeyGuardApi {
  const channel = vscode.window.createOutputChannel('AWS Key Guard', { log: true });
  const log = createLog(channel);
  context.subscriptions.push(channel);

  const profiles = new ProfilesTreeProvider();
  context.subscriptions.push(profiles, vscode.window.registerTreeDataProvider('awsKeyGuard.profiles', profiles));

  const notYet = (title: string) => () =>
    vscode.window.showInformationMessage(`AWS Key Guard: "${title}" is not available in this build yet.`);
  for (const info of Object.values(Commands)) {
    if (info.id === Commands.showLog.id || info.id === Commands.refreshProfiles.id) continue;
    context.subscriptions.push(vscode.commands.registerCommand(info.id, notYet(info.title)));
  }
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showLog.id, () => log.show()),
    vscode.commands.registerCommand(Commands.refreshProfiles.id, () => profiles.refresh()),
  );

  log.info(`AWS Key Guard activated in ${vscode.env.appName} ${vscode.version} (${vscode.env.appHost})`);
  return { log };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
