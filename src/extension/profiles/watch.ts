import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * Calls `onChange` (debounced) when either shared file changes. The files live outside the
 * workspace, so a workspace watcher alone misses them: a RelativePattern on the real folder gives
 * quick events, and fs.watchFile (stat polling) covers a folder that does not exist yet and
 * atomic renames that some watchers lose.
 */
export function watchSharedFiles(files: readonly string[], onChange: () => void, debounceMs = 250): vscode.Disposable {
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  const disposables: vscode.Disposable[] = [];
  for (const file of files) {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
    disposables.push(watcher, watcher.onDidChange(fire), watcher.onDidCreate(fire), watcher.onDidDelete(fire));
    const listener = (current: fs.Stats, previous: fs.Stats) => {
      if (current.mtimeMs !== previous.mtimeMs || current.size !== previous.size || current.ino !== previous.ino) fire();
    };
    fs.watchFile(file, { interval: 1000, persistent: false }, listener);
    disposables.push({ dispose: () => fs.unwatchFile(file, listener) });
  }
  return vscode.Disposable.from(...disposables, { dispose: () => clearTimeout(timer) });
}
