import * as vscode from 'vscode';
import { Commands } from './commands/ids';
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

  // Each feature registers its own commands; the integration suite checks that every contributed
  // command has a handler.
  const profiles = registerProfiles(context, log);
  registerKeyLifecycle(context, log, profiles);
  registerLeakWarnings(context, log, profiles);

  log.info(`AWS Key Guard activated in ${vscode.env.appName} ${vscode.version} (${vscode.env.appHost})`);
  return { log };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
