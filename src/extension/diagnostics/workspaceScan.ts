import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadIgnoreFile } from '../../core/detect';
import { OffThreadDetector } from '../../core/detect/offThread';
import { listScanFiles } from '../../core/scan/walk';
import type { FileFinding, ScanOutcome } from '../../core/scan/scanFiles';
import type { Log } from '../log';
import type { Prompts } from '../prompts';
import { SYNC_SCAN_LIMIT } from './leakScanner';
import { toDiagnostics } from './presentation';
import { readLeakSettings } from './settings';
import { scanSlice } from './sliceScan';

/** Files per slice between yields, so a 10,000-file workspace never blocks the extension host. */
const FILES_PER_SLICE = 25;
const NO_LIVE_KEYS: ReadonlyMap<string, readonly string[]> = new Map();

function excludeGlob(folder: vscode.WorkspaceFolder, extra: string[]): string | undefined {
  const patterns = new Set(extra);
  for (const section of ['files.exclude', 'search.exclude']) {
    const map = vscode.workspace.getConfiguration(undefined, folder.uri).get<Record<string, boolean>>(section) ?? {};
    for (const [glob, on] of Object.entries(map)) if (on === true) patterns.add(glob);
  }
  return patterns.size ? `{${[...patterns].join(',')}}` : undefined;
}

export interface WorkspaceScanSummary {
  files: number;
  findings: number;
  /** Files with at least one finding. */
  filesWithFindings: number;
  /** Files not scanned: over the size setting, binary, or unreadable (each is named in the log). */
  skipped: number;
  cancelled: boolean;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * "1 finding in 1 file (8 files scanned)", "No secrets found (8 files scanned)", with "cancelled" when
 * it was, and the files that were not scanned when there were any.
 */
export function scanSummaryText(summary: WorkspaceScanSummary): string {
  const scanned = `${plural(summary.files, 'file')} scanned${summary.cancelled ? ' before the scan was cancelled' : ''}`;
  const skipped = summary.skipped > 0 ? ` ${plural(summary.skipped, 'file')} not scanned (too large, binary or unreadable): see the log.` : '';
  if (summary.findings === 0) return `No secrets found (${scanned}).${skipped}`;
  return `${plural(summary.findings, 'finding')} in ${plural(summary.filesWithFindings, 'file')} (${scanned}).${skipped}`;
}

/**
 * Scans every workspace folder for secrets: honours files.exclude, search.exclude, .gitignore, the
 * excluded-globs setting and the project ignore file; skips binaries and files over the size
 * setting; publishes into its own collection (cleared first), leaving open documents to the live
 * scanner.
 */
export class WorkspaceScanner implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('awsKeyGuard.workspace');

  private running: Promise<WorkspaceScanSummary> | undefined;
  /** Files over SYNC_SCAN_LIMIT are scanned here, off the extension host's thread. */
  private readonly offThread: OffThreadDetector;

  /** @param workerScript the bundled detector worker (`dist/detectWorker.js`). */
  constructor(
    private readonly log: Log,
    private readonly prompts: Prompts,
    workerScript: string,
  ) {
    this.offThread = new OffThreadDetector(workerScript);
  }

  /** Scans the workspace; while a scan runs, asking again joins it instead of interleaving two. */
  run(): Promise<WorkspaceScanSummary> {
    this.running ??= Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'AWS Key Guard: scanning the workspace for secrets', cancellable: true },
        (progress, token) => this.scan(progress, token),
      ),
    )
      .then((summary) => {
        this.report(summary);
        return summary;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** "1 finding in 1 file (8 files scanned)", with a way to the results. */
  private report(summary: WorkspaceScanSummary): void {
    const text = scanSummaryText(summary);
    this.log.info(`Workspace scan: ${text}`);
    const showLog = summary.skipped > 0 ? ['Show Log'] : [];
    const shown =
      summary.findings === 0
        ? this.prompts.show('info', `AWS Key Guard: ${text}`, ...showLog)
        : this.prompts.show('warning', `AWS Key Guard: ${text}`, 'Show Problems', ...showLog);
    void shown.then((choice) => {
      if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
      else if (choice === 'Show Log') this.log.show();
    });
  }

  private async scan(progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<WorkspaceScanSummary> {
    this.collection.clear();
    const summary: WorkspaceScanSummary = { files: 0, findings: 0, filesWithFindings: 0, skipped: 0, cancelled: false };
    const folders = await Promise.all((vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => this.filesOf(f, token)));
    const total = folders.reduce((n, f) => n + f.files.length, 0);
    for (const { root, settings, files, ignoreList } of folders) {
      for (let i = 0; i < files.length; i += FILES_PER_SLICE) {
        if (token.isCancellationRequested) return { ...summary, cancelled: true };
        const slice = files.slice(i, i + FILES_PER_SLICE);
        const outcome = await scanSlice(
          slice,
          { maxFileSize: settings.maxFileSizeKB * 1024, includeExamples: settings.showDocumentationExamples, ignoreScopes: [{ dir: root, list: ignoreList }], syncLimit: SYNC_SCAN_LIMIT, cancelled: () => token.isCancellationRequested },
          this.offThread,
        );
        if (token.isCancellationRequested) return { ...summary, cancelled: true };
        this.logSkipped(root, outcome);
        summary.skipped += outcome.skipped.length + outcome.errors.length;
        // Documents open in an editor (now, not when the scan began) belong to the live scanner.
        const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.fsPath));
        this.publish(outcome.findings.filter((f) => !open.has(f.file)), settings);
        summary.files += outcome.stats.filesScanned;
        summary.findings += outcome.findings.length;
        summary.filesWithFindings += new Set(outcome.findings.map((f) => f.file)).size;
        progress.report({ message: `${plural(summary.files, 'file')} scanned, ${plural(summary.findings, 'finding')}`, increment: (slice.length / total) * 100 });
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return summary;
  }

  /** Names every file the scan did not read, and why: a skipped file is never silent. */
  private logSkipped(root: string, outcome: ScanOutcome): void {
    for (const error of outcome.errors) this.log.warn(`Workspace scan could not scan ${path.relative(root, error.path)}: ${error.message}`);
    for (const skip of outcome.skipped) this.log.info(`Workspace scan skipped ${path.relative(root, skip.path)}: ${skip.reason}`);
  }

  /** The files of one folder that the scan reads: visible to VS Code's search and not git-ignored. */
  private async filesOf(folder: vscode.WorkspaceFolder, token: vscode.CancellationToken) {
    const settings = readLeakSettings(folder.uri);
    const root = folder.uri.fsPath;
    const [visible, gitKept, ignoreList] = await Promise.all([
      vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), excludeGlob(folder, settings.excludeGlobs), undefined, token),
      listScanFiles([root], root, true),
      loadIgnoreFile(root),
    ]);
    const kept = new Set(gitKept.files);
    return { root, settings, ignoreList, files: visible.map((u) => u.fsPath).filter((f) => kept.has(f)) };
  }

  private publish(findings: FileFinding[], settings: ReturnType<typeof readLeakSettings>): void {
    const byFile = new Map<string, FileFinding[]>();
    for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    // Files that are not open get no live-key lookup (it needs the key id's text); opening one hands
    // it to the live scanner, which does.
    for (const [file, list] of byFile) this.collection.set(vscode.Uri.file(file), toDiagnostics(list, settings, NO_LIVE_KEYS, () => ''));
  }

  /** A document opened in an editor is the live scanner's from then on. */
  forget(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  dispose(): void {
    this.offThread.dispose();
    this.collection.dispose();
  }
}
