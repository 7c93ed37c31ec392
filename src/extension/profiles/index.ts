import * as vscode from 'vscode';
import { type AgeThresholds, sanitizeThresholds } from '../../core/profiles';
import type { Log } from '../log';
import { createSecurity } from '../security';
import type { LocalKeyProfile, ProfilesFeature } from './api';
import { registerProfileCommands } from './commands';
import { ProfilesModel } from './model';
import { ProfileNode } from './nodes';
import { ProfilesTreeProvider } from './profilesView';
import { AgingKeysStatusBar } from './statusBar';
import { watchSharedFiles } from './watch';

/** Not contributed in package.json: lets the integration tests read the tree as the user sees it. */
export const PROFILE_NODES_TEST_COMMAND = 'awsKeyGuard._test.profileNodes';

function readThresholds(): AgeThresholds {
  const config = vscode.workspace.getConfiguration('awsKeyGuard.keyAge');
  return sanitizeThresholds({ dueDays: config.get<number>('dueDays'), overdueDays: config.get<number>('overdueDays') });
}

/** Registers the Profiles view, its commands, watcher and status-bar item; returns the feature's contract. */
export function registerProfiles(context: vscode.ExtensionContext, log: Log): ProfilesFeature {
  const model = new ProfilesModel(log);
  let thresholds = readThresholds();
  const currentThresholds = () => thresholds;
  const security = createSecurity(model, log, context.subscriptions);
  const tree = new ProfilesTreeProvider(model, currentThresholds, security.extras);
  const statusBar = new AgingKeysStatusBar(model, currentThresholds);
  const disposables = registerProfileCommands(model, log);
  context.subscriptions.push(
    model,
    tree,
    statusBar,
    ...disposables,
    vscode.window.registerTreeDataProvider('awsKeyGuard.profiles', tree),
    watchSharedFiles([model.state.credentialsFile, model.state.configFile], () => void model.reload()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('awsKeyGuard.keyAge')) return;
      thresholds = readThresholds();
      tree.refresh();
      statusBar.update();
    }),
    vscode.commands.registerCommand(PROFILE_NODES_TEST_COMMAND, () => ({
      loading: model.loading,
      statusBar: statusBar.text,
      securityStatusBar: security.statusBar.text,
      nodes: tree.roots().map((node) => snapshotOf(node, (n) => tree.getChildren(n))),
    })),
  );
  void model.reload();

  const keyProfiles = (accessKeyId?: string): LocalKeyProfile[] => {
    // Fresh from disk: callers act on the file (rotation, hover), so stale names must not leak in.
    let profiles;
    try {
      profiles = model.readLocal();
    } catch {
      return [];
    }
    return profiles
      .filter((p) => p.accessKeyId !== undefined && (accessKeyId === undefined ? p.longTermKey : p.accessKeyId === accessKeyId))
      .map((p) => {
        const report = model.report(p.name);
        const known = report?.profile.fingerprint === p.fingerprint && report.status.state === 'loaded' ? report.status.facts.key?.ageDays : undefined;
        return { name: p.name, file: p.path, line: p.line - 1, accessKeyId: p.accessKeyId as string, ageDays: known };
      });
  };
  return {
    onDidChange: model.onDidChange,
    refresh: () => void model.reload({ dropCache: true }),
    profilesWithKey: async (accessKeyId) => keyProfiles(accessKeyId),
    keyProfiles: async () => keyProfiles().sort((a, b) => (b.ageDays ?? -1) - (a.ageDays ?? -1) || a.name.localeCompare(b.name)),
  };
}

/** One tree node as the test command reports it (masked ids only). */
export interface NodeSnapshot {
  label: string;
  description?: string;
  contextValue?: string;
  tooltip?: string;
  icon?: string;
  iconColor?: string;
  profileName?: string;
  collapsible: boolean;
  children?: NodeSnapshot[];
}

function snapshotOf(node: vscode.TreeItem, childrenOf: (node: vscode.TreeItem) => vscode.TreeItem[]): NodeSnapshot {
  const icon = node.iconPath instanceof vscode.ThemeIcon ? node.iconPath : undefined;
  return {
    label: typeof node.label === 'string' ? node.label : (node.label?.label ?? ''),
    description: typeof node.description === 'string' ? node.description : undefined,
    contextValue: node.contextValue,
    tooltip: node.tooltip instanceof vscode.MarkdownString ? node.tooltip.value : node.tooltip,
    icon: icon?.id,
    // ThemeColor keeps its id at runtime; the 1.90 typings do not declare it.
    iconColor: (icon?.color as { id?: string } | undefined)?.id,
    profileName: (node as { profileName?: string }).profileName,
    collapsible: node.collapsibleState !== vscode.TreeItemCollapsibleState.None,
    children: node instanceof ProfileNode || node.collapsibleState !== vscode.TreeItemCollapsibleState.None ? childrenOf(node).map((child) => snapshotOf(child, childrenOf)) : undefined,
  };
}
