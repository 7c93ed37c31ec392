import * as vscode from 'vscode';
import { type AgeThresholds, keyBandOf } from '../../core/profiles';
import type { ProfilesModel } from './model';

/** How many local long-term keys are due or overdue, by the current thresholds. */
export function countAgingKeys(model: ProfilesModel, thresholds: AgeThresholds): { due: number; overdue: number } {
  const counts = { due: 0, overdue: 0 };
  for (const profile of model.state.profiles) {
    const band = keyBandOf(model.report(profile.name)!, thresholds);
    if (band === 'due' || band === 'overdue') counts[band]++;
  }
  return counts;
}

/** The status-bar item: shown only while some key needs rotating; clicking it focuses the view. */
export class AgingKeysStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('awsKeyGuard.agingKeys', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;
  private shown: string | undefined;

  constructor(
    private readonly model: ProfilesModel,
    private readonly thresholds: () => AgeThresholds,
  ) {
    this.item.name = 'AWS Key Guard: aging keys';
    this.item.command = 'awsKeyGuard.profiles.focus';
    this.subscription = model.onDidChange(() => this.update());
  }

  update(): void {
    const thresholds = this.thresholds();
    const { due, overdue } = countAgingKeys(this.model, thresholds);
    if (due + overdue === 0) {
      this.shown = undefined;
      this.item.hide();
      return;
    }
    const parts = [overdue ? `${overdue} overdue` : '', due ? `${due} due` : ''].filter(Boolean);
    this.item.text = `$(key) ${parts.join(', ')}`;
    this.item.tooltip = `AWS access keys to rotate: ${overdue} older than ${thresholds.overdueDays} days, ${due} older than ${thresholds.dueDays} days. Click to open the Profiles view.`;
    this.item.backgroundColor = overdue ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.shown = this.item.text;
    this.item.show();
  }

  /** The text shown, or undefined while hidden (for the test snapshot). */
  get text(): string | undefined {
    return this.shown;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
