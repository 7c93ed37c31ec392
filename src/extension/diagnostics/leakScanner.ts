import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Finding } from '../../core/detect';
import { OffThreadDetector } from '../../core/detect/offThread';
import { DocumentFindings, type LineEdit } from '../../core/editing/documentFindings';
import type { Log } from '../log';
import type { ProfilesFeature } from '../profiles/api';
import { LiveKeyIndex } from './liveKeys';
import { LeakDiagnostic, toDiagnostics } from './presentation';
import { readLeakSettings } from './settings';
import type { Suppressions } from './suppressions';
import { sharedFiles } from '../rotation/ui';

/** Schemes whose documents are not the user's text (panels, diff bases, SCM input). */
const IGNORED_SCHEMES = new Set(['output', 'git', 'gitfs', 'vscode-scm', 'comment', 'debug']);
const PUBLISH_DELAY_MS = 120;
/**
 * Documents (or single edits) larger than this are scanned on a worker thread: at the detector's
 * ~100 MB/s this keeps every scan on the extension host's thread under a few milliseconds.
 */
export const SYNC_SCAN_LIMIT = 256 * 1024;

interface TrackedDocument {
  findings: DocumentFindings;
  /** The document version the findings are of; ON_WORKER while a scan of it is on the worker thread. */
  version: number;
  /** Bumped on every change: a publish that finds a newer generation drops its stale result. */
  generation: number;
  timer?: NodeJS.Timeout;
}

const ON_WORKER = -1;

function onWorker(tracked: TrackedDocument): boolean {
  return tracked.version === ON_WORKER;
}

/**
 * Scans every open document on open and on change and publishes the findings as diagnostics.
 * Each change event is applied to the document's findings at once (only the changed lines plus
 * context are rescanned); publishing is debounced, and results computed for an older version of
 * the document never overwrite fresher ones.
 */
export class LeakScanner implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('awsKeyGuard');
  private readonly documents = new Map<string, TrackedDocument>();
  private readonly disposables: vscode.Disposable[] = [];

  private readonly liveKeys: LiveKeyIndex;

  private readonly offThread: OffThreadDetector;

  /** @param workerScript the bundled detector worker (`dist/detectWorker.js`). */
  constructor(
    private readonly log: Log,
    private readonly profiles: ProfilesFeature,
    private readonly suppressions: Suppressions,
    workerScript: string,
  ) {
    this.offThread = new OffThreadDetector(workerScript);
    this.liveKeys = new LiveKeyIndex(profiles, () => this.republishAll());
    this.disposables.push(
      this.liveKeys,
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.scanFully(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      vscode.window.tabGroups.onDidChangeTabs((e) => this.onTabsChanged(e)),
      // Key statuses (inactive, deleted) come with the profiles' facts: messages and severities follow.
      profiles.onDidChange(() => this.republishAll()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('awsKeyGuard') && this.rescanAll()),
      suppressions.onDidChange(() => this.republishAll()),
    );
    this.rescanAll();
  }

  /** Diagnostics we published for a document (hovers and quick fixes read these). */
  diagnosticsFor(uri: vscode.Uri): readonly LeakDiagnostic[] {
    return (this.collection.get(uri) ?? []) as readonly LeakDiagnostic[];
  }

  rescanAll(): void {
    this.liveKeys.invalidate();
    for (const document of vscode.workspace.textDocuments) this.scanFully(document);
  }

  private republishAll(): void {
    for (const document of vscode.workspace.textDocuments) {
      const tracked = this.documents.get(document.uri.toString());
      // A document on the worker publishes when its scan lands, with whatever is known by then:
      // publishing now would cancel that scan (or drop its result) and show no findings at all.
      if (tracked && !onWorker(tracked)) this.schedulePublish(document, tracked);
    }
  }

  private wanted(document: vscode.TextDocument): boolean {
    if (IGNORED_SCHEMES.has(document.uri.scheme)) return false;
    // ~/.aws/credentials and ~/.aws/config are where keys belong: the Profiles view covers them.
    if (isSharedAwsFile(document.uri)) return false;
    const settings = readLeakSettings(document);
    if (!settings.enable) return false;
    return !settings.excludeGlobs.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
  }

  private scanFully(document: vscode.TextDocument, delay = 0): void {
    const key = document.uri.toString();
    if (!this.wanted(document)) {
      this.forget(document);
      return;
    }
    const tracked = this.documents.get(key) ?? { findings: new DocumentFindings(), version: ON_WORKER, generation: 0 };
    this.documents.set(key, tracked);
    const text = document.getText();
    if (text.length > SYNC_SCAN_LIMIT) return this.scanOffThread(document, tracked, delay);
    tracked.findings.reset(text);
    tracked.version = document.version;
    this.schedulePublish(document, tracked, 0);
  }

  /**
   * Scans a large document on the worker thread (after `delay`, so typing does not queue a scan per
   * keystroke) and publishes when done, unless the document changed or closed meanwhile: the newer
   * scan wins. Until a scan lands, every edit rescans the whole document.
   */
  private scanOffThread(document: vscode.TextDocument, tracked: TrackedDocument, delay: number): void {
    const generation = ++tracked.generation;
    clearTimeout(tracked.timer);
    tracked.version = ON_WORKER;
    tracked.timer = setTimeout(() => {
      const text = document.getText();
      const version = document.version;
      this.offThread.detect(text, tracked.findings.detectOptions).then(
        (findings) => {
          if (generation !== tracked.generation || this.documents.get(document.uri.toString()) !== tracked) return;
          tracked.findings.resetWith(text, findings);
          tracked.version = version;
          this.schedulePublish(document, tracked, 0);
        },
        (err: unknown) => this.log.warn(`Leak warnings skipped for a large document: ${err instanceof Error ? err.message : String(err)}`),
      );
    }, delay);
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    const { document, contentChanges } = event;
    const tracked = this.documents.get(document.uri.toString());
    if (!tracked) {
      // A document outside the workspace whose tab was closed stays forgotten until it is shown again.
      if (!vscode.workspace.getWorkspaceFolder(document.uri) && document.uri.scheme !== 'untitled' && !tabUris().includes(document.uri.toString())) return;
      return this.scanFully(document);
    }
    if (contentChanges.length === 0) return;
    // A missed event would leave the line mirror out of step: fall back to a full scan. So does a
    // large paste: rescanning it here would hold up the extension host.
    if (tracked.version !== document.version - 1) return this.scanFully(document, PUBLISH_DELAY_MS);
    if (contentChanges.reduce((n, c) => n + c.text.length, 0) > SYNC_SCAN_LIMIT) return this.scanFully(document, PUBLISH_DELAY_MS);
    tracked.findings.applyEdit(lineEditOf(document, contentChanges));
    tracked.version = document.version;
    this.schedulePublish(document, tracked);
  }

  private schedulePublish(document: vscode.TextDocument, tracked: TrackedDocument, delay = PUBLISH_DELAY_MS): void {
    const generation = ++tracked.generation;
    clearTimeout(tracked.timer);
    tracked.timer = setTimeout(() => {
      this.publish(document, tracked, generation).catch((err: unknown) => this.log.error('Publishing leak warnings failed', err));
    }, delay);
  }

  private async publish(document: vscode.TextDocument, tracked: TrackedDocument, generation: number): Promise<void> {
    const findings = tracked.findings.findings;
    const visible = await this.suppressions.filter(document.uri, findings);
    const liveKeys = this.liveKeys.known();
    if (generation !== tracked.generation || this.documents.get(document.uri.toString()) !== tracked) return;
    const textOf = (f: Pick<Finding, 'range'>) => document.getText(new vscode.Range(f.range.line, f.range.startColumn, f.range.endLine, f.range.endColumn));
    this.collection.set(document.uri, toDiagnostics(visible, readLeakSettings(document), liveKeys, textOf, (id) => this.profiles.keyStatus(id)));
  }

  /**
   * Closing the last tab of a document outside the workspace clears its problems at once (VS Code
   * keeps a closed document in memory for a while, so its close event comes much later or never).
   * Reopening it scans it again.
   */
  private onTabsChanged(event: vscode.TabChangeEvent): void {
    const open = new Set(tabUris());
    for (const tab of event.closed) {
      const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
      if (!uri || open.has(uri.toString()) || vscode.workspace.getWorkspaceFolder(uri)) continue;
      this.forgetUri(uri);
    }
    for (const tab of [...event.opened, ...event.changed]) {
      const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
      const document = uri && !this.documents.has(uri.toString()) ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : undefined;
      if (document) this.scanFully(document);
    }
  }

  private forget(document: vscode.TextDocument): void {
    this.forgetUri(document.uri);
  }

  private forgetUri(uri: vscode.Uri): void {
    const key = uri.toString();
    const tracked = this.documents.get(key);
    if (tracked) {
      clearTimeout(tracked.timer);
      tracked.generation++;
    }
    this.documents.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    this.offThread.dispose();
    for (const tracked of this.documents.values()) clearTimeout(tracked.timer);
    for (const d of this.disposables) d.dispose();
  }
}

function tabUris(): string[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs.flatMap((tab) => (tab.input instanceof vscode.TabInputText ? [tab.input.uri.toString()] : [])));
}

/** True for the AWS shared credentials and config files (as the SDK resolves them, symlinks followed). */
export function isSharedAwsFile(uri: vscode.Uri): boolean {
  if (uri.scheme !== 'file' && uri.scheme !== 'vscode-remote') return false;
  const files = sharedFiles();
  const paths = new Set<string>();
  for (const file of [files.credentialsFile, files.configFile]) {
    paths.add(file);
    try {
      paths.add(fs.realpathSync(file));
    } catch {
      // Not there: nothing else to compare with.
    }
  }
  return paths.has(uri.fsPath);
}

/**
 * One line-level edit covering all of an event's changes: the union of their old line ranges,
 * replaced by the corresponding lines of the document as it is now.
 */
export function lineEditOf(document: vscode.TextDocument, changes: readonly vscode.TextDocumentContentChangeEvent[]): LineEdit {
  let start = Number.MAX_SAFE_INTEGER;
  let oldEnd = -1;
  let delta = 0;
  for (const change of changes) {
    start = Math.min(start, change.range.start.line);
    oldEnd = Math.max(oldEnd, change.range.end.line);
    const added = (change.text.match(/\r\n|\r|\n/g) ?? []).length;
    delta += added - (change.range.end.line - change.range.start.line);
  }
  const newLines: string[] = [];
  for (let line = start; line <= oldEnd + delta; line++) newLines.push(document.lineAt(line).text);
  return { startLine: start, oldEndLine: oldEnd, newLines };
}
