/**
 * Every question the extension asks the user (confirmations, MFA codes) and the messages whose
 * buttons lead somewhere. Answers come only from the user: commands take no "yes" from their
 * arguments, so no command link, task or other extension can skip a dialog. The integration tests
 * answer through {@link Prompts.answerWith}, which exists only when VS Code runs the extension
 * under test (ExtensionMode.Test) and is never reachable from a command.
 */
import * as vscode from 'vscode';
import type { Log } from './log';

/** A question that changes AWS or a credentials file: one line, what happens, and the accepting button. */
export interface Confirmation {
  readonly message: string;
  readonly detail: string;
  readonly acceptLabel: string;
}

/** An MFA code request; `attempt` counts from 1 (a wrong code asks again). */
export interface MfaPrompt {
  readonly profile: string;
  readonly serialNumber: string;
  readonly attempt: number;
  /** Why the previous code failed, when it did. */
  readonly previousError?: string;
}

export type MessageSeverity = 'info' | 'warning' | 'error';

/** A notification as shown: its text and buttons. */
export interface ShownMessage {
  readonly severity: MessageSeverity;
  readonly text: string;
  readonly buttons: readonly string[];
}

/** What a test answers in place of the user. Absent answers fall back to the real dialog. */
export interface TestAnswers {
  confirm?(question: Confirmation): boolean;
  mfaCode?(prompt: MfaPrompt): string | undefined | Promise<string | undefined>;
  /** The button to press on a message (undefined: dismiss it). */
  message?(message: ShownMessage): string | undefined;
  /** The item to pick in a quick pick (undefined: dismiss it). */
  pick?(pick: ShownPick): vscode.QuickPickItem | undefined;
}

/** A progress notification as shown: its title and whether it had a Cancel button. */
export interface ShownProgress {
  readonly progressTitle: string;
  readonly cancellable: boolean;
}

/** A quick pick as offered: its title and items. */
export interface ShownPick {
  readonly title: string;
  readonly items: readonly vscode.QuickPickItem[];
}

/** The extension's questions and notifications. */
export class Prompts {
  private answers: TestAnswers | undefined;
  /** Every confirmation and message since the last answerWith (recorded under test only). */
  readonly asked: Array<Confirmation | ShownMessage | MfaPrompt | ShownPick | ShownProgress> = [];

  constructor(
    private readonly log: Log,
    private readonly testMode: boolean,
  ) {}

  /** Test hook: answers questions in place of the user. Throws outside ExtensionMode.Test. */
  answerWith(answers: TestAnswers | undefined): void {
    if (!this.testMode) throw new Error('AWS Key Guard answers questions only in the extension test mode');
    this.answers = answers;
    this.asked.length = 0;
  }

  /** A modal confirmation; resolves true only when the accepting button was pressed. */
  async confirm(question: Confirmation): Promise<boolean> {
    this.log.info(`Confirm: ${question.message}`);
    let yes: boolean;
    if (this.testMode) this.asked.push(question);
    if (this.testMode && this.answers?.confirm) yes = this.answers.confirm(question);
    else yes = (await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, question.acceptLabel)) === question.acceptLabel;
    this.log.info(`Answer: ${yes ? 'yes' : 'no'}`);
    return yes;
  }

  /** Asks for the current code of an MFA device (six digits); undefined when cancelled. */
  async mfaCode(prompt: MfaPrompt): Promise<string | undefined> {
    if (this.testMode) this.asked.push(prompt);
    if (this.testMode && this.answers?.mfaCode) return this.answers.mfaCode(prompt);
    return vscode.window.showInputBox({
      title: `MFA code for profile "${prompt.profile}"`,
      prompt: prompt.previousError
        ? `That code was not accepted (${prompt.previousError}). Enter the current code of ${prompt.serialNumber}.`
        : `Enter the current code of ${prompt.serialNumber}.`,
      placeHolder: '123456',
      ignoreFocusOut: true,
      validateInput: (value) => (/^\d{6}$/.test(value.trim()) ? undefined : 'Enter the 6-digit code'),
    });
  }

  /** A progress notification (recorded under test, so tests can see when a Cancel button was offered). */
  progress<R>(title: string, cancellable: boolean, task: (progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken) => Thenable<R>): Thenable<R> {
    if (this.testMode) this.asked.push({ progressTitle: title, cancellable });
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable }, task);
  }

  /** A quick pick; resolves with the item picked. */
  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: { title: string; placeHolder?: string }): Promise<T | undefined> {
    const shown: ShownPick = { title: options.title, items };
    if (this.testMode) this.asked.push(shown);
    if (this.testMode && this.answers?.pick) return this.answers.pick(shown) as T | undefined;
    return vscode.window.showQuickPick(items, { ...options, ignoreFocusOut: true });
  }

  /** A notification; resolves with the button pressed. */
  async show(severity: MessageSeverity, text: string, ...buttons: string[]): Promise<string | undefined> {
    const message: ShownMessage = { severity, text, buttons };
    if (this.testMode) this.asked.push(message);
    if (this.testMode && this.answers?.message) return this.answers.message(message);
    const show = severity === 'error' ? vscode.window.showErrorMessage : severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    return show(text, ...buttons);
  }
}
