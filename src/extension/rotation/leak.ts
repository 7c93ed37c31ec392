/**
 * Respond to Leaked Key…: for a key id from a diagnostic, the hover or a profile in the tree, run
 * the compromise response (src/core/response) with one confirmation up front, show progress, and
 * open the report as a Markdown document the user can read and save.
 */
import * as vscode from 'vscode';
import { isAccessKeyId, isTemporaryKeyId, maskKeyId } from '../../core/keys';
import { renderMarkdownReport, respondToLeakedKey, type ResponseReport } from '../../core/response';
import { readProfileKey, type RotationResult } from '../../core/rotation';
import { editorDeps, sharedFiles, showFailure, type LifecycleCommandArgument, type LifecycleUi } from './ui';

/** What callers pass: a key id (diagnostic, hover), or a profile (tree node). Nothing else is read. */
export interface RespondArgument extends LifecycleCommandArgument {
  readonly accessKeyId?: string;
}

/** The key id or profile a command argument names: only strings are taken from outside. */
export function respondArgument(arg: unknown): RespondArgument | undefined {
  const { accessKeyId, profileName } = (arg ?? {}) as { accessKeyId?: unknown; profileName?: unknown };
  if (typeof accessKeyId === 'string' && accessKeyId) return { accessKeyId };
  if (typeof profileName === 'string' && profileName) return { profileName };
  return undefined;
}

const REGION = /^[a-z]{2}(?:-[a-z]+){1,3}-\d$/;

/** Extra CloudTrail regions from the user's settings (application scope: a workspace cannot set it). */
function extraRegions(): string[] {
  const value = vscode.workspace.getConfiguration('awsKeyGuard').get<unknown>('response.extraRegions');
  return Array.isArray(value) ? value.filter((r): r is string => typeof r === 'string' && REGION.test(r)) : [];
}

async function leakedKeyId(arg: RespondArgument | undefined, ui: LifecycleUi): Promise<string | undefined> {
  if (arg?.accessKeyId) return arg.accessKeyId;
  if (arg?.profileName) {
    try {
      return readProfileKey(sharedFiles(), arg.profileName).accessKeyId;
    } catch (error) {
      await showFailure(ui, `Responding to a leak of profile "${arg.profileName}" failed`, error, false);
      return undefined;
    }
  }
  const typed = await vscode.window.showInputBox({
    title: 'Respond to Leaked Key',
    prompt: 'The leaked access key id (AKIA…)',
    ignoreFocusOut: true,
    validateInput: (v) => (isAccessKeyId(v.trim()) && !isTemporaryKeyId(v.trim()) ? undefined : 'Not a long-term access key id (AKIA…)'),
  });
  return typed?.trim() || undefined;
}

/** Opens the report beside the editor as an untitled Markdown document. */
async function openReport(report: ResponseReport): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: renderMarkdownReport(report) });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}

/** Handles the command; resolves with the report (undefined when nothing ran), for callers and tests. */
export async function respondToLeak(
  arg: RespondArgument | undefined,
  ui: LifecycleUi,
  rotate: (arg: LifecycleCommandArgument) => Promise<RotationResult | undefined>,
): Promise<ResponseReport | undefined> {
  const { log, profiles } = ui;
  const accessKeyId = await leakedKeyId(arg, ui);
  if (!accessKeyId) return undefined;
  const masked = maskKeyId(accessKeyId);
  const deps = {
    ...editorDeps(ui),
    rotate: async (profileName: string) => {
      const result = await rotate({ profileName });
      return result && { newAccessKeyId: result.newAccessKeyId };
    },
  };
  log.info(`Responding to the leaked key ${masked}`);
  let report: ResponseReport;
  try {
    report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Responding to the leaked key ${masked}` }, (progress) =>
      respondToLeakedKey({ accessKeyId, extraRegions: extraRegions() }, { ...deps, onEvent: (event) => (event.type === 'step' ? progress.report({ message: event.title }) : log.info(event.message)) }),
    );
  } catch (error) {
    await showFailure(ui, `Responding to the leaked key ${masked} failed`, error, false);
    return undefined;
  }
  profiles.refresh();
  for (const step of report.steps) log.info(`Response ${step.step}: ${step.status}: ${step.message}`);
  if (report.refusal) {
    log.warn(report.refusal);
    if (!report.refusal.startsWith('Declined')) void ui.prompts.show('error', `AWS Key Guard: ${report.refusal}`);
    return report;
  }
  await openReport(report);
  const failed = report.steps.filter((s) => s.status === 'failed').map((s) => s.step);
  const summary = `${report.contained ? `Key ${masked} is contained` : `Key ${masked} is NOT contained`}${failed.length ? `; ${failed.join(', ')} failed (see the report)` : ''}. The report is open beside the editor.`;
  void ui.prompts.show(failed.length || !report.contained ? 'warning' : 'info', `AWS Key Guard: ${summary}`);
  return report;
}
