import * as vscode from 'vscode';
import { type AgeThresholds, formatLastUse, sanitizeThresholds } from '../../core/profiles';
import type { Log } from '../log';
import type { Prompts } from '../prompts';
import type { DeactivatedKey, LocalKeyProfile, ProfilesFeature } from './api';
import { KeyStatusBook } from './keyStatus';
import { enterMfaCode, MfaSessions } from './mfa';
import { Commands } from '../commands/ids';
import { createSecurity } from '../security';
import { registerProfileCommands } from './commands';
import { ProfilesModel } from './model';
import { ProfileNode } from './nodes';
import { ProfilesTreeProvider } from './profilesView';
import { AgingKeysStatusBar } from './statusBar';
import { watchSharedFiles } from './watch';

/** Not contributed in package.json: lets the integration tests read the tree as the user sees it. */
export const PROFILE_NODES_TEST_COMMAND = 'awsKeyGuard._test.profileNodes';
/** Context key the welcome view's `when` reads: true once the files were read and neither exists. */
export const NO_SHARED_FILES_CONTEXT = 'awsKeyGuard.noSharedFiles';

function readThresholds(): AgeThresholds {
  const config = vscode.workspace.getConfiguration('awsKeyGuard.keyAge');
  return sanitizeThresholds({ dueDays: config.get<number>('dueDays'), overdueDays: config.get<number>('overdueDays') });
}

/** Registers the Profiles view, its commands, watcher and status-bar item; returns the feature's contract. */
export function registerProfiles(context: vscode.ExtensionContext, log: Log, prompts: Prompts): ProfilesFeature {
  const sessions = new MfaSessions();
  const model = new ProfilesModel(log, process.env, (name) => sessions.credentials(name));
  let thresholds = readThresholds();
  const currentThresholds = () => thresholds;
  const security = createSecurity(model, log, context.subscriptions, prompts);
  const tree = new ProfilesTreeProvider(model, currentThresholds, (name) => sessions.expiresAt(name), security.extras);
  const statusBar = new AgingKeysStatusBar(model, currentThresholds);
  const disposables = registerProfileCommands(model, log);
  context.subscriptions.push(
    model,
    tree,
    statusBar,
    ...disposables,
    vscode.window.registerTreeDataProvider('awsKeyGuard.profiles', tree),
    vscode.commands.registerCommand(Commands.enterMfaCode.id, (arg?: { profileName?: unknown }) =>
      enterMfaCode(typeof arg?.profileName === 'string' ? arg.profileName : undefined, model, sessions, prompts, log),
    ),
    watchSharedFiles([model.state.credentialsFile, model.state.configFile], () => void model.reload()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('awsKeyGuard.keyAge')) return;
      thresholds = readThresholds();
      tree.refresh();
      statusBar.update();
    }),
    vscode.commands.registerCommand(PROFILE_NODES_TEST_COMMAND, () => ({
      loading: model.loading,
      welcome: noFiles,
      statusBar: statusBar.text,
      securityStatusBar: security.statusBar.text,
      nodes: tree.roots().map((node) => snapshotOf(node, (n) => tree.getChildren(n))),
    })),
  );
  // The welcome ("no credentials file… Create a Profile") shows only once the files were looked
  // for and are missing, not while the window loads.
  let noFiles: boolean | undefined;
  const updateWelcome = () => {
    const missing = !model.state.hasFiles && !model.state.fileError;
    if (missing === noFiles) return;
    noFiles = missing;
    void vscode.commands.executeCommand('setContext', NO_SHARED_FILES_CONTEXT, missing);
  };
  context.subscriptions.push(model.onDidChange(updateWelcome));

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
        const key = report?.profile.fingerprint === p.fingerprint && report.status.state === 'loaded' ? report.status.facts.key : undefined;
        return { name: p.name, file: p.path, line: p.line - 1, accessKeyId: p.accessKeyId as string, ageDays: key?.ageDays, lastUse: key && formatLastUse(key.lastUse), problem: report?.status.state === 'failed' ? report.status.problem.code : undefined };
      });
  };
  const book = new KeyStatusBook();
  const loadedFacts = () =>
    model.state.profiles.flatMap((p) => {
      const status = model.state.statuses.get(p.name);
      return status?.state === 'loaded' ? [{ profile: p, facts: status.facts }] : [];
    });
  const deactivatedKeys = (): DeactivatedKey[] => {
    const held = new Set(model.state.profiles.map((p) => p.accessKeyId));
    const found = new Map<string, DeactivatedKey>();
    for (const { profile, facts } of loadedFacts()) {
      for (const key of facts.otherKeys) {
        if (key.status !== 'Inactive' || held.has(key.accessKeyId) || found.has(key.accessKeyId) || book.statusOf(key.accessKeyId, []) === 'Deleted') continue;
        found.set(key.accessKeyId, { profileName: profile.name, accessKeyId: key.accessKeyId, ageDays: key.ageDays, lastUse: formatLastUse(key.lastUse) });
      }
    }
    return [...found.values()];
  };
  return {
    onDidChange: model.onDidChange,
    refresh: () => void model.reload({ dropCache: true }),
    profilesWithKey: async (accessKeyId) => keyProfiles(accessKeyId),
    keyProfiles: async () => keyProfiles().sort((a, b) => (b.ageDays ?? -1) - (a.ageDays ?? -1) || a.name.localeCompare(b.name)),
    keyStatus: (accessKeyId) => book.statusOf(accessKeyId, model.state.statuses.values()),
    recordKeyStatus: (accessKeyId, status) => {
      book.record(accessKeyId, status);
      model.notify();
    },
    deactivatedKeys,
    sameUserProfiles: (accessKeyId) =>
      loadedFacts()
        .filter(({ profile, facts }) => profile.accessKeyId !== accessKeyId && facts.key?.status === 'Active' && facts.otherKeys.some((k) => k.accessKeyId === accessKeyId))
        .map(({ profile }) => profile.name),
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
