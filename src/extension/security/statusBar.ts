import * as vscode from 'vscode';
import { hasFindings } from '../../core/audit';
import type { SecurityModel } from './model';

/** The status-bar item: how many profiles the audit found problems with; clicking it focuses the view. */
export class SecurityStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('awsKeyGuard.security', vscode.StatusBarAlignment.Left, 49);
  private readonly subscription: vscode.Disposable;
  private shown: string | undefined;

  constructor(private readonly model: SecurityModel) {
    this.item.name = 'AWS Key Guard: security';
    this.item.command = 'awsKeyGuard.profiles.focus';
    this.subscription = model.onDidChange(() => this.update());
  }

  update(): void {
    const withProblems = this.model.finished().filter(hasFindings);
    if (withProblems.length === 0) {
      this.shown = undefined;
      this.item.hide();
      return;
    }
    this.item.text = `$(shield) ${withProblems.length} ${withProblems.length === 1 ? 'profile' : 'profiles'} with problems`;
    this.item.tooltip = `Security problems (admin, no MFA, unused keys or services…) in: ${withProblems.map((a) => a.profile).join(', ')}. Click to open the Profiles view.`;
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
