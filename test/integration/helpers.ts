/**
 * Shared helpers for the integration suite: documents in the real editor, waiting for our
 * diagnostics, and the emulator's control endpoint.
 */
import * as vscode from 'vscode';

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'AWS Key Guard');
}

/** Waits until our diagnostics for `uri` satisfy `accept`. */
export function diagnosticsWhen(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return eventually(() => {
    const d = ourDiagnostics(uri);
    return accept(d) ? d : undefined;
  }, what);
}

let documentCounter = 0;

/**
 * Opens `content` in an editor: as a new file in the workspace, or as an untitled document when
 * `untitled` is set. Either way with a name of its own, so no test sees another's document (a reused
 * Untitled-N can come back with a closed document's text: CI failed on it once).
 */
export async function openDocument(content: string, extension: string, { untitled = false } = {}): Promise<vscode.TextDocument> {
  const document = untitled
    ? await openNamedDocument(`akg-test-${Date.now()}-${++documentCounter}`, extension, content)
    : await vscode.workspace.openTextDocument(await uniqueWorkspaceFile(content, extension));
  await vscode.window.showTextDocument(document);
  return document;
}

/**
 * Opens `content` as a new untitled document named `name`. `openTextDocument({ content })` would name
 * it Untitled-N and reuse the N of a closed document, which can bring that document's backup back.
 */
async function openNamedDocument(name: string, extension: string, content: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `${name}.${extension}` });
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), content);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not fill ${uri.toString()}`);
  return document;
}

/**
 * Reverts and closes every untitled editor (the response reports): closing them otherwise asks to
 * save, and an editor left open would show up in the next suite's tabs.
 */
export async function closeUntitledEditors(): Promise<void> {
  const untitled = vscode.workspace.textDocuments.filter((d) => d.isUntitled);
  for (const document of untitled) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

/** Writes `content` to a new file under the workspace's docs folder. */
export function uniqueWorkspaceFile(content: string, extension: string): Promise<vscode.Uri> {
  return writeWorkspaceFile(`docs/doc-${Date.now()}-${++documentCounter}.${extension}`, content);
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration suite needs a workspace folder');
  return folder.uri;
}

export async function writeWorkspaceFile(relative: string, content: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), relative);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  return uri;
}

export function rangeText(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** Calls the emulator's control endpoint (started by scripts/run-integration.mjs). */
export async function emulatorControl(route: string, body?: unknown): Promise<unknown> {
  const url = process.env.AKG_EMULATOR_URL;
  if (!url) throw new Error('AKG_EMULATOR_URL is not set: run the suite through scripts/run-integration.mjs');
  const res = await fetch(`${url}/_emulator/${route}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`emulator ${route}: HTTP ${res.status}`);
  return res.json();
}

/** The extension's test hook for questions (undefined on a build without it: tests then fail on behaviour, not on a crash). */
export type TestPrompts = {
  answerWith(answers: Record<string, unknown> | undefined): void;
  asked: Array<Record<string, unknown>>;
};

/**
 * Answers the extension's questions in place of the user for the rest of a test: `confirm`
 * (true/false or a function), `mfaCode`, `message` (the button to press) and `pick`. Returns what
 * was asked so far (a live list).
 */
export async function answering(answers: {
  confirm?: boolean | ((q: { message: string; detail: string; acceptLabel: string }) => boolean);
  mfaCode?: (p: { attempt: number; serialNumber: string; previousError?: string }) => string | undefined | Promise<string | undefined>;
  message?: (m: { severity: string; text: string; buttons: string[] }) => string | undefined;
  pick?: (p: { title: string; items: Array<{ label: string; description?: string }> }) => { label: string } | undefined;
}): Promise<Array<Record<string, unknown>>> {
  const extension = vscode.extensions.getExtension<{ prompts?: TestPrompts }>('aws-key-guard.aws-key-guard');
  const api = await extension?.activate();
  const confirm = answers.confirm;
  api?.prompts?.answerWith({
    confirm: typeof confirm === 'function' ? confirm : () => confirm ?? false,
    mfaCode: answers.mfaCode,
    message: answers.message ?? (() => undefined),
    pick: answers.pick,
  });
  return api?.prompts?.asked ?? [];
}

/** The confirmations among what was asked. */
export function confirmationsIn(asked: Array<Record<string, unknown>>): Array<{ message: string; detail: string; acceptLabel: string }> {
  return asked.filter((a) => typeof a.acceptLabel === 'string') as Array<{ message: string; detail: string; acceptLabel: string }>;
}

/** The notifications among what was asked. */
export function messagesIn(asked: Array<Record<string, unknown>>): Array<{ severity: string; text: string; buttons: string[] }> {
  return asked.filter((a) => typeof a.text === 'string' && Array.isArray(a.buttons)) as Array<{ severity: string; text: string; buttons: string[] }>;
}
