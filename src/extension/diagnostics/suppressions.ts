import * as path from 'node:path';
import * as vscode from 'vscode';
import { emptyIgnoreList, IGNORE_FILE_NAME, isSuppressed, loadIgnoreFile, type Finding, type IgnoreList } from '../../core/detect';
import type { Log } from '../log';

/**
 * The project ignore files (`.awskeyguardignore` at each workspace folder's root), loaded once and
 * reloaded when one changes, so editor and CLI suppress exactly the same findings.
 */
export class Suppressions implements vscode.Disposable {
  private readonly lists = new Map<string, Promise<IgnoreList>>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher(`**/${IGNORE_FILE_NAME}`);
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: Log) {
    const reload = () => {
      this.lists.clear();
      this.changed.fire();
    };
    this.watcher.onDidChange(reload);
    this.watcher.onDidCreate(reload);
    this.watcher.onDidDelete(reload);
  }

  private listFor(folder: vscode.WorkspaceFolder): Promise<IgnoreList> {
    const key = folder.uri.toString();
    let list = this.lists.get(key);
    if (!list) {
      list = folder.uri.scheme === 'file'
        ? loadIgnoreFile(folder.uri.fsPath).catch((err: unknown) => {
            this.log.warn(`Could not read ${IGNORE_FILE_NAME} in ${folder.name}: ${String(err)}`);
            return emptyIgnoreList();
          })
        : Promise.resolve(emptyIgnoreList());
      this.lists.set(key, list);
    }
    return list;
  }

  /** Drops findings the ignore file of the document's workspace folder suppresses. */
  async filter(uri: vscode.Uri, findings: readonly Finding[]): Promise<readonly Finding[]> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return findings;
    const list = await this.listFor(folder);
    const relative = path.relative(folder.uri.fsPath, uri.fsPath);
    return findings.filter((f) => !isSuppressed(list, f, relative));
  }

  /** Where the ignore file of the document's folder lives (first folder for documents outside any). */
  ignoreFileUri(uri: vscode.Uri): vscode.Uri | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
    return folder && vscode.Uri.joinPath(folder.uri, IGNORE_FILE_NAME);
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}
