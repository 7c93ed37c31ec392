// A user's first session with AWS Key Guard, in a real VS Code (code-server) driven through Chromium:
// the profiles view, leak warnings, a hover, a quick fix, and a rotation from the command palette.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startDemoEnvironment } from '../../scripts/demo/environment.mjs';
import { launchBrowser } from '../../scripts/vscode-host.mjs';
import { extensionLog, SHOTS, Workbench } from './workbench.mjs';

describe('user journey (UI)', function () {
  let demo;
  let browser;
  let wb;

  before(async function () {
    fs.rmSync(SHOTS, { recursive: true, force: true });
    demo = await startDemoEnvironment({ extraSettings: { 'workbench.editor.enablePreview': false, 'editor.stickyScroll.enabled': false, 'editor.hover.delay': 200 } });
    browser = await launchBrowser(demo.sandbox);
    const page = browser.pages()[0] ?? (await browser.newPage());
    wb = new Workbench(page);
    await wb.open(demo.workspaceUrl);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) {
      const shot = await wb.screenshot(`FAILED-${this.currentTest.title.replace(/\W+/g, '-')}`);
      fs.writeFileSync(path.join(SHOTS, 'extension.log'), extensionLog(demo.sandbox));
      console.log(`  screenshot: ${shot}\n  extension log: ${path.join(SHOTS, 'extension.log')}`);
    }
  });

  after(async function () {
    await browser?.close();
    await demo?.stop();
  });

  it('shows the leaked keys of a file as squiggles and in the Problems panel', async function () {
    await wb.quickOpen('upload.ts');
    const squiggles = wb.page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning');
    await squiggles.first().waitFor({ timeout: 30_000 });
    assert.ok((await squiggles.count()) >= 2, 'the key id and the secret are underlined');
    await wb.page.keyboard.press('Control+Shift+M');
    const problems = wb.page.locator('.markers-panel .monaco-list-row');
    await problems.first().waitFor({ timeout: 20_000 });
    const texts = await problems.allInnerTexts();
    assert.ok(texts.some((t) => /AWS access key ID/.test(t)), texts.join('\n'));
    assert.ok(texts.every((t) => !/[A-Za-z0-9+/]{40}/.test(t)), 'no secret is shown in clear');
    await wb.screenshot('leak-warnings');
  });

  it('explains a leak on hover', async function () {
    await wb.pointAt('.monaco-editor .squiggly-error');
    const hover = wb.page.locator('.monaco-hover', { hasText: 'Confidence' });
    await hover.first().waitFor({ timeout: 20_000 });
    const text = await hover.first().innerText();
    assert.match(text, /AWS account/);
    await wb.screenshot('hover');
  });

  it('applies a quick fix that replaces the literal with an environment lookup', async function () {
    // A Python file: no language server competes for the quick-fix request.
    await wb.quickOpen('report.py');
    await wb.page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
    await wb.pointAt('.monaco-editor .squiggly-error', { click: true });
    await wb.page.keyboard.press('Escape');
    await wb.page.keyboard.press('Control+.');
    const fix = wb.page.locator('.action-widget .monaco-list-row, .context-view .action-item', { hasText: 'Replace with an environment lookup' }).first();
    await fix.waitFor({ timeout: 20_000 });
    await wb.screenshot('quick-fix-menu');
    await fix.click();
    await wb.page.locator('.monaco-editor .view-lines', { hasText: 'os.environ["AWS_' }).first().waitFor({ timeout: 20_000 });
    await wb.screenshot('quick-fix-applied');
  });
});
