import * as vscode from 'vscode';
import { Commands } from './commands/ids';
import { registerLeakWarnings } from './diagnostics';
import { createLog, Log } from './log';
import { registerProfiles } from './profiles';
import { Prompts } from './prompts';
import { registerKeyLifecycle } from './rotation';

/** What activate() returns: used by the integration tests, never by other extensions. */
export interface AwsKeyGuardApi {
  readonly log: Log;
  /** Only when VS Code runs the extension's tests (ExtensionMode.Test): answers questions in place of the user. */
  readonly prompts?: Prompts;
}

export function activate(context: vscode.ExtensionContext): AwsKeyGuardApi {
  const channel = vscode.window.createOutputChannel('AWS Key Guard', { log: true });
  const log = createLog(channel);
  context.subscriptions.push(channel, vscode.commands.registerCommand(Commands.showLog.id, () => log.show()));
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  const prompts = new Prompts(log, testMode);

  // Each feature registers its own commands; the integration suite checks that every contributed
  // command has a handler.
  const profiles = registerProfiles(context, log, prompts);
  registerKeyLifecycle(context, { log, prompts, profiles });
  registerLeakWarnings(context, log, profiles, prompts);

  log.info(`AWS Key Guard activated in ${vscode.env.appName} ${vscode.version} (${vscode.env.appHost})`);
  return testMode ? { log, prompts } : { log };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
