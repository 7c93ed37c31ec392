import * as vscode from 'vscode';
import type { AgeThresholds } from '../../core/profiles';
import type { ProfileTreeExtras } from '../security';
import type { ProfilesModel } from './model';
import { FileErrorNode, profileNode, ProfileNode } from './nodes';

/**
 * The "Profiles" tree: one node per local profile, built from the model on each render. When there
 * are no profiles (no credentials file) it returns nothing, so the view's welcome content shows.
 */
export class ProfilesTreeProvider implements vscode.TreeDataProvider<vscode.TreeItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.TreeItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private readonly extrasSubscription?: vscode.Disposable;

  constructor(
    private readonly model: ProfilesModel,
    private readonly thresholds: () => AgeThresholds,
    private readonly mfaSessionUntil: (profile: string) => Date | undefined = () => undefined,
    private readonly extras?: ProfileTreeExtras,
  ) {
    this.subscription = model.onDidChange(() => this.refresh());
    this.extrasSubscription = extras?.onDidChange(() => this.refresh());
  }

  /** Re-renders the tree from the model (no reload). */
  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(element: vscode.TreeItem): vscode.TreeItem {
    return element;
  }

  getChildren(element?: vscode.TreeItem): vscode.TreeItem[] {
    if (element instanceof ProfileNode) return [...element.children, ...(this.extras?.childrenOf(element.profileName) ?? [])];
    if (element) return this.extras?.expand(element) ?? [];
    return this.roots();
  }

  /**
   * The top-level nodes in file order, always the same: the credentials file's profiles as written,
   * then those only in the config file (role, SSO, process) as written.
   */
  roots(): vscode.TreeItem[] {
    const state = this.model.state;
    if (state.fileError) return [new FileErrorNode(state.fileError)];
    const thresholds = this.thresholds();
    const awsProfileSet = Boolean(process.env.AWS_PROFILE);
    const order = [...state.profiles].sort((a, b) => Number(a.file !== 'credentials') - Number(b.file !== 'credentials') || a.line - b.line);
    const nodes = order.map((profile) => profileNode(this.model.report(profile.name)!, thresholds, { awsProfileSet, mfaSessionUntil: this.mfaSessionUntil(profile.name) }));
    for (const node of nodes) {
      const summary = node instanceof ProfileNode ? this.extras?.rowSummary(node.profileName) : undefined;
      if (summary) node.description = `${node.description} · ${summary}`;
    }
    return nodes;
  }

  dispose(): void {
    this.subscription.dispose();
    this.extrasSubscription?.dispose();
    this.changed.dispose();
  }
}
