import * as vscode from 'vscode';

let opened = 0;

/**
 * Opens `content` as a new untitled document named `name` (made unique), so its tab says what it is
 * and saving proposes that name. `openTextDocument({ content })` would name it Untitled-N and reuse
 * the N of a closed document, which can bring that document's unsaved backup back instead.
 */
export async function openNamedDocument(name: string, extension: string, content: string, language?: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `${name}${++opened > 1 ? ` (${opened})` : ''}.${extension}` });
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), content);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not fill the new document ${name}.`);
  // Without a language, VS Code's choice for the extension stands.
  return !language || document.languageId === language ? document : vscode.languages.setTextDocumentLanguage(document, language);
}
