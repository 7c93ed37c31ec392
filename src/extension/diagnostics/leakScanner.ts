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
  version: number;
  /** Bumped on every change: a publish that finds a newer generation drops its stale result. */
  generation: number;
  timer?: NodeJS.Timeout;
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
    profiles: ProfilesFeature,
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
      if (tracked) this.schedulePublish(document, tracked);
    }
  }

  private wanted(document: vscode.TextDocument): boolean {
    if (IGNORED_SCHEMES.has(document.uri.scheme)) return false;
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
    const tracked = this.documents.get(key) ?? { findings: new DocumentFindings(), version: -1, generation: 0 };
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
    tracked.version = -1;
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
    if (!tracked) return this.scanFully(document);
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
    const textOf = (f: Finding) => document.getText(new vscode.Range(f.range.line, f.range.startColumn, f.range.endLine, f.range.endColumn));
    this.collection.set(document.uri, toDiagnostics(visible, readLeakSettings(document), liveKeys, textOf));
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const tracked = this.documents.get(key);
    if (tracked) {
      clearTimeout(tracked.timer);
      tracked.generation++;
    }
    this.documents.delete(key);
    this.collection.delete(document.uri);
  }

  dispose(): void {
    this.offThread.dispose();
    for (const tracked of this.documents.values()) clearTimeout(tracked.timer);
    for (const d of this.disposables) d.dispose();
  }
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
