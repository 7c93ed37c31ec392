import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { RuleDocsShown } from '../../src/extension/diagnostics/ruleDocs';
import { activeApi, EXTENSION_ID } from './activation.test';
import { diagnosticsWhen, eventually, openDocument } from './helpers';

// Fake credentials with the right shapes; none of them is or was a real key.
const KEY_ID = 'AKIAY34FZKBOKMUTWXYZ';
const SECRET = 'k9Xq2LmP8vRt4YwZ7bNc1DfGhJ3sQeUa6VoIpE0r';

function activeTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.activeTabGroup.activeTab;
}

/** The Markdown preview tab of the README, once it is the active tab. */
function readmePreviewIsActive(): vscode.Tab | undefined {
  const tab = activeTab();
  return tab?.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('markdown.preview') && tab.label.includes('README.md') ? tab : undefined;
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await eventually(() => (vscode.window.tabGroups.all.every((g) => g.tabs.length === 0) ? true : undefined), 'all editors closed');
}

describe('rule links', () => {
  const readme = (): vscode.Uri => vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'README.md');

  before(async () => {
    await activeApi();
  });

  afterEach(closeAll);

  it("a diagnostic's rule link is an offline link of this extension, and following it opens the bundled README's preview", async () => {
    const document = await openDocument(`[prod]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`, 'ini', { untitled: true });
    const diagnostics = await diagnosticsWhen(document.uri, (d) => d.length === 2, 'the key id and its secret');
    const code = diagnostics.map((d) => d.code as { value: string; target: vscode.Uri }).find((c) => c.value === 'aws-secret-access-key');
    assert.ok(code, 'the secret is flagged with its rule');
    assert.equal(code.target.scheme, vscode.env.uriScheme, 'handled inside VS Code, not a web address');
    assert.equal(code.target.authority, EXTENSION_ID);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    // vscode.open goes through the same opener as a click on the rule code in the Problems panel.
    await vscode.commands.executeCommand('vscode.open', code.target);
    const tab = await eventually(readmePreviewIsActive, 'the README preview after following the link');
    assert.equal(tab.label, 'Preview README.md');
    // Other suites may leave their own editors open: only the README's text tab matters here.
    const sources = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === readme().toString());
    assert.deepEqual(sources.map((t) => t.label), [], 'only the preview stays open, not the README text');
  });

  for (const ruleId of ['aws-session-token', 'private-key']) {
    it(`Show Rule Documentation for ${ruleId} starts the preview at that rule's row of the bundled README`, async () => {
      const shown = await vscode.commands.executeCommand<RuleDocsShown | undefined>('awsKeyGuard.showRuleDocs', ruleId);
      assert.ok(shown, 'the command showed the documentation');
      assert.equal(shown.readme.toString(), readme().toString(), 'the README inside the extension');
      const lines = new TextDecoder().decode(await vscode.workspace.fs.readFile(readme())).split(/\r?\n/);
      assert.ok(lines[shown.anchorLine].includes(`<a id="rule-${ruleId}"></a>\`${ruleId}\``), lines[shown.anchorLine]);
      // The line VS Code reported as the README editor's top when the preview opened: the preview
      // starts there. Sticky-scroll headings may cover the first few lines above the anchor.
      assert.ok(shown.previewFromLine !== undefined && shown.previewFromLine <= shown.anchorLine && shown.anchorLine - shown.previewFromLine <= 4, `preview starts at line ${shown.previewFromLine}, the anchor is line ${shown.anchorLine}`);
      await eventually(readmePreviewIsActive, 'the README preview');
    });
  }

  it('leaves the README open as text when the user had it open', async () => {
    await vscode.window.showTextDocument(readme(), { preview: false });
    await vscode.commands.executeCommand('awsKeyGuard.showRuleDocs', 'npm-token');
    await eventually(readmePreviewIsActive, 'the README preview');
    // The README's text tab is still there, beside the preview (other suites' tabs do not matter here).
    const texts = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText);
    assert.equal(texts.filter((t) => (t.input as vscode.TabInputText).uri.toString() === readme().toString()).length, 1);
  });

  it('ignores an unknown rule without opening anything', async () => {
    const shown = await vscode.commands.executeCommand<RuleDocsShown | undefined>('awsKeyGuard.showRuleDocs', 'no-such-rule');
    assert.equal(shown, undefined);
    assert.equal(activeTab(), undefined);
  });
});
