import * as vscode from 'vscode';
import { ALL_COMMANDS, Commands } from './commands/ids';
import { registerLeakWarnings } from './diagnostics';
import { createLog, Log } from './log';
import { registerProfiles } from './profiles';
import { registerKeyLifecycle } from './rotation';

/** What activate() returns: used by the integration tests, never by other extensions. */
export interface AwsKeyGuardApi {
  readonly log: Log;
}

export function activate(context: vscode.ExtensionContext): AwsKeyGuardApi {
  const channel = vscode.window.createOutputChannel('AWS Key Guard', { log: true });
  const log = createLog(channel);
  context.subscriptions.push(channel, vscode.commands.registerCommand(Commands.showLog.id, () => log.show()));

  const profiles = registerProfiles(context, log);
  const registered = new Set<string>([
    Commands.showLog.id,
    ...profiles.commandIds,
    ...registerKeyLifecycle(context, log, profiles),
    ...registerLeakWarnings(context, log, profiles),
  ]);
  registerPlaceholders(context, registered);

  log.info(`AWS Key Guard activated in ${vscode.env.appName} ${vscode.version} (${vscode.env.appHost})`);
  return { log };
}

/** Commands of features that are not in this build yet still answer, instead of "command not found". */
function registerPlaceholders(context: vscode.ExtensionContext, registered: Set<string>): void {
  for (const info of ALL_COMMANDS) {
    if (registered.has(info.id)) continue;
    context.subscriptions.push(
      vscode.commands.registerCommand(info.id, () =>
        vscode.window.showInformationMessage(`AWS Key Guard: "${info.title}" is not available in this build yet.`),
      ),
    );
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
