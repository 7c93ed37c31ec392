/**
 * The Security group of the Profiles view: the audit of each IAM-user profile (model), its tree
 * nodes, the row summary, the status-bar count and the group's commands.
 */
import type * as vscode from 'vscode';
import type { Log } from '../log';
import type { Prompts } from '../prompts';
import type { ProfilesModel } from '../profiles/model';
import { registerSecurityCommands } from './commands';
import { SecurityModel } from './model';
import { securityGroup, SecurityGroupNode } from './nodes';
import { SecurityStatusBar } from './statusBar';

/** What the Profiles tree asks of the Security feature. */
export interface ProfileTreeExtras {
  readonly onDidChange: vscode.Event<void>;
  /** Extra children of a profile node (the Security group for IAM-user profiles). */
  childrenOf(profileName: string): vscode.TreeItem[];
  /** Children of a node the extras own, or undefined. */
  expand(element: vscode.TreeItem): vscode.TreeItem[] | undefined;
  /** The worst findings to raise onto the profile row ("admin · no MFA"), or undefined. */
  rowSummary(profileName: string): string | undefined;
}

/** Creates the Security feature over the profiles model; its disposables go into `subscriptions`. */
export function createSecurity(model: ProfilesModel, log: Log, subscriptions: vscode.Disposable[], prompts: Prompts): { extras: ProfileTreeExtras; statusBar: SecurityStatusBar } {
  const security = new SecurityModel(model, log);
  const statusBar = new SecurityStatusBar(security);
  subscriptions.push(security, statusBar, ...registerSecurityCommands(security, log, (question) => prompts.confirm(question)));
  const extras: ProfileTreeExtras = {
    onDidChange: security.onDidChange,
    childrenOf: (profileName) => {
      const state = security.stateOf(profileName);
      return state ? [securityGroup(profileName, state)] : [];
    },
    expand: (element) => (element instanceof SecurityGroupNode ? element.children : undefined),
    rowSummary: (profileName) => {
      const state = security.stateOf(profileName);
      return state?.state === 'done' ? (securityGroup(profileName, state).description as string | undefined) : undefined;
    },
  };
  return { extras, statusBar };
}
