/**
 * Rule links: the rule code of a diagnostic and the hover's "About rule" link open the rule's row of
 * the README that ships inside the extension, in the Markdown preview. Nothing is fetched.
 *
 * The Problems panel and the diagnostic hover open a rule code's target without running commands, so
 * the target is a URI of this extension's own handler (`<uriScheme>://<extension id>/rule/<id>`),
 * which VS Code routes to us without leaving the editor.
 */
import * as vscode from 'vscode';
import { RULES, ruleDocsAnchor } from '../../core/detect';
import { Commands } from '../commands/ids';
import type { Log } from '../log';
import { EXTENSION_ID } from './constants';

/** What the rule-docs command showed: the README and the line the preview starts at. */
export interface RuleDocsShown {
  readme: vscode.Uri;
  /** The line of the rule's anchor in the README (0-based). */
  anchorLine: number;
  /**
   * The README's top visible line when the preview opened: the Markdown preview starts there. At most
   * a few lines above the anchor (the editor's sticky headings cover those).
   */
  previewFromLine: number | undefined;
}

/** The link to a rule's documentation, for a diagnostic's code target. */
export function ruleDocsUri(ruleId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: vscode.env.uriScheme, authority: EXTENSION_ID, path: `/rule/${ruleId}` });
}

/** The rule id a rule-docs URI names, if it is one of ours and the rule exists. */
export function ruleIdOf(uri: vscode.Uri): string | undefined {
  const match = /^\/rule\/([a-z0-9-]+)$/.exec(uri.path);
  return match && RULES.some((r) => r.id === match[1]) ? match[1] : undefined;
}

/** Sticky-scroll headings cover the editor's first lines, so a line revealed at the top sits this far below the top visible line at most. */
const STICKY_LINES = 4;

function nearTop(editor: vscode.TextEditor, line: number): boolean {
  const top = editor.visibleRanges[0]?.start.line;
  return top !== undefined && top <= line && line - top <= STICKY_LINES;
}

/** Resolves true once `line` is at (or just under the sticky headings at) the top of `editor`, false after `ms`. */
function revealedAtTop(editor: vscode.TextEditor, line: number, ms: number): Promise<boolean> {
  if (nearTop(editor, line)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      listener.dispose();
      resolve(nearTop(editor, line));
    };
    const timer = setTimeout(done, ms);
    const listener = vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
      if (e.textEditor === editor && nearTop(editor, line)) done();
    });
  });
}

/**
 * Scrolls `editor` so that `line` is at its top. The editor applies reveals asynchronously and its
 * own first reveal of a newly opened document can land after ours, so ask again a few times.
 */
async function scrollToTop(editor: vscode.TextEditor, line: number): Promise<void> {
  const at = new vscode.Range(line, 0, line, 0);
  for (let attempt = 1; attempt <= 4; attempt++) {
    editor.revealRange(at, vscode.TextEditorRevealType.AtTop);
    if (await revealedAtTop(editor, line, 400 * attempt)) return;
  }
}

/**
 * Opens the bundled README's Markdown preview at the rule's anchor. The preview starts at the top line
 * of the README's editor when it opens, so the README is first shown scrolled to the anchor, then
 * replaced by its preview. Without the Markdown extension the README's text stays open at the anchor.
 */
export async function showRuleDocs(extensionUri: vscode.Uri, ruleId: string, log: Log): Promise<RuleDocsShown | undefined> {
  if (!RULES.some((r) => r.id === ruleId)) {
    void vscode.window.showWarningMessage(`AWS Key Guard has no rule '${ruleId}'.`);
    return undefined;
  }
  const readme = vscode.Uri.joinPath(extensionUri, 'README.md');
  const lines = new TextDecoder().decode(await vscode.workspace.fs.readFile(readme)).split(/\r?\n/);
  const anchor = `id="${ruleDocsAnchor(ruleId)}"`;
  const anchorLine = Math.max(0, lines.findIndex((l) => l.includes(anchor)));
  const readmeTab = (): vscode.Tab | undefined =>
    vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === readme.toString());
  const alreadyOpen = readmeTab() !== undefined;
  const editor = await vscode.window.showTextDocument(readme, { preview: true });
  editor.selection = new vscode.Selection(anchorLine, 0, anchorLine, 0);
  await scrollToTop(editor, anchorLine);
  const previewFromLine = editor.visibleRanges[0]?.start.line;
  try {
    await vscode.commands.executeCommand('markdown.showPreview', readme);
  } catch (err) {
    log.warn(`The Markdown preview is not available (${err instanceof Error ? err.message : String(err)}); the README stays open as text.`);
    return { readme, anchorLine, previewFromLine: undefined };
  }
  // The preview now stands in for the README's text, which the user did not ask to edit (unless they
  // had it open already: then it stays).
  const source = alreadyOpen ? undefined : readmeTab();
  if (source) await vscode.window.tabGroups.close(source, true);
  return { readme, anchorLine, previewFromLine };
}

/** Registers the rule-docs command and the URI handler that rule links go through. */
export function registerRuleDocs(context: vscode.ExtensionContext, log: Log): void {
  const show = (ruleId: string): Promise<RuleDocsShown | undefined> => showRuleDocs(context.extensionUri, ruleId, log);
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showRuleDocs.id, show),
    vscode.window.registerUriHandler({
      handleUri: async (uri) => {
        const ruleId = ruleIdOf(uri);
        if (ruleId) await show(ruleId);
        else log.warn(`Ignored a link that names no rule: ${uri.path}`);
      },
    }),
  );
}
