import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../commands/ids';
import type { Log } from '../log';
import type { ProfilesFeature } from '../profiles/api';
import type { Prompts } from '../prompts';
import { LeakCodeActionProvider } from './codeActions';
import { registerFindingCommands } from './commands';
import { LeakHoverProvider } from './hover';
import { LeakScanner } from './leakScanner';
import { registerRuleDocs } from './ruleDocs';
import { Suppressions } from './suppressions';
import { WorkspaceScanner } from './workspaceScan';

/** Registers leak diagnostics, hovers, quick fixes and the workspace scan. */
export function registerLeakWarnings(context: vscode.ExtensionContext, log: Log, profiles: ProfilesFeature, prompts: Prompts): void {
  const suppressions = new Suppressions(log);
  const workerScript = path.join(context.extensionPath, 'dist', 'detectWorker.js');
  const scanner = new LeakScanner(log, profiles, suppressions, workerScript);
  const workspace = new WorkspaceScanner(log, prompts, workerScript);
  const everyDocument: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-userdata' }];
  context.subscriptions.push(
    suppressions,
    scanner,
    workspace,
    vscode.workspace.onDidOpenTextDocument((d) => workspace.forget(d.uri)),
    vscode.languages.registerHoverProvider(everyDocument, new LeakHoverProvider(scanner, profiles)),
    vscode.languages.registerCodeActionsProvider(everyDocument, new LeakCodeActionProvider(profiles), {
      providedCodeActionKinds: LeakCodeActionProvider.providedCodeActionKinds,
    }),
    vscode.commands.registerCommand(Commands.scanWorkspace.id, () => workspace.run()),
  );
  registerFindingCommands(context, log, suppressions, prompts, profiles);
  registerRuleDocs(context, log);
}
