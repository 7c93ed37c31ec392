// A user's first session with AWS Key Guard, in a real VS Code (code-server) driven through Chromium:
// the profiles view, leak warnings, a hover, a quick fix, a leak response, and a rotation from the command palette.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_SEED, startDemoEnvironment } from '../../scripts/demo/environment.mjs';
import { launchBrowser } from '../../scripts/vscode-host.mjs';
import { extensionLog, SHOTS, Workbench } from './workbench.mjs';

/** Waits until the Profiles view's rows satisfy `accept`; returns them. */
async function eventuallyRows(wb, accept, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await wb.treeRows();
    if (accept(rows)) return rows;
    if (Date.now() > deadline) throw new Error(`the Profiles view never showed the expected rows:\n${rows.join('\n')}`);
    await wb.page.waitForTimeout(500);
  }
}

/** Grace's active key in the emulator's demo seed (fake, emulator-only). */
function graceKey() {
  const seed = JSON.parse(fs.readFileSync(DEMO_SEED, 'utf8'));
  const grace = seed.users.find((u) => u.name === 'grace');
  return grace.keys.find((k) => k.status !== 'Inactive');
}

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

  it('shows every profile with its key age in the AWS Key Guard view', async function () {
    await wb.openView('AWS Key Guard');
    const rows = await eventuallyRows(wb, (texts) => texts.some((t) => /carol/.test(t) && /400 days/.test(t)));
    assert.ok(rows.some((t) => /bob/.test(t) && /95 days/.test(t)), rows.join('\n'));
    assert.ok(rows.some((t) => /sso-dev/.test(t)), 'SSO profiles are listed too');
    assert.ok(rows.every((t) => !/AKIA[A-Z2-7]{16}/.test(t)), 'key ids are masked');
    await wb.screenshot('profiles-tree');
  });

  it('raises the audit\'s worst findings onto the demo admin\'s row: "admin · no MFA"', async function () {
    const rows = await eventuallyRows(wb, (texts) => texts.some((t) => /admin/.test(t) && /admin · no MFA/.test(t)));
    assert.ok(rows.every((t) => !/AKIA[A-Z2-7]{16}/.test(t)), 'key ids are masked');
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

  it('Auto Fix (Shift+Alt+.) on a live key applies the environment lookup and never rotates', async function () {
    const before = fs.readFileSync(demo.credentialsFile, 'utf8');
    await wb.quickOpen('upload.ts');
    await wb.page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
    await wb.pointAt('.monaco-editor .squiggly-error', { click: true });
    await wb.page.keyboard.press('Escape');
    const applied = wb.page.locator('.monaco-editor .view-lines', { hasText: 'process.env.AWS_' }).first();
    for (let attempt = 1; ; attempt++) {
      await wb.page.keyboard.press('Shift+Alt+Period');
      try {
        await applied.waitFor({ timeout: 8_000 });
        break;
      } catch (err) {
        if (attempt === 3) throw err;
        await wb.pointAt('.monaco-editor .squiggly-error', { click: true });
      }
    }
    await wb.page.waitForTimeout(2_000);
    assert.equal(await wb.page.locator('.monaco-dialog-box').count(), 0, 'no rotation dialog');
    assert.equal(await wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'Rotat' }).count(), 0, 'no rotation started');
    assert.equal(fs.readFileSync(demo.credentialsFile, 'utf8'), before, 'the credentials file is untouched');
    await wb.screenshot('auto-fix-lookup');
    await wb.page.keyboard.press('Control+Z');
  });

  it('applies a quick fix that replaces the literal with an environment lookup', async function () {
    // A Python file: no language server competes for the quick-fix request.
    await wb.quickOpen('report.py');
    await wb.page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
    await wb.pointAt('.monaco-editor .squiggly-error', { click: true });
    await wb.page.keyboard.press('Escape');
    const fix = wb.page.locator('.action-widget .monaco-list-row, .context-view .action-item', { hasText: 'Replace with an environment lookup' }).first();
    // The keypress can land while the editor is still settling (a closing hover takes the focus):
    // a user would press it again, and so does the test, up to three times.
    for (let attempt = 1; ; attempt++) {
      await wb.page.keyboard.press('Control+.');
      try {
        await fix.waitFor({ timeout: 8_000 });
        break;
      } catch (err) {
        if (attempt === 3) throw err;
        await wb.pointAt('.monaco-editor .squiggly-error', { click: true });
      }
    }
    await wb.screenshot('quick-fix-menu');
    await fix.click();
    await wb.page.locator('.monaco-editor .view-lines', { hasText: 'os.environ["AWS_' }).first().waitFor({ timeout: 20_000 });
    await wb.page.locator('.monaco-editor .view-lines', { hasText: 'import os' }).first().waitFor({ timeout: 20_000 });
    await wb.screenshot('quick-fix-applied');
  });

  it('Rotate asks first: Cancel changes nothing', async function () {
    const before = fs.readFileSync(demo.credentialsFile, 'utf8');
    await wb.openView('AWS Key Guard');
    await wb.runCommand('AWS Key Guard: Rotate Access Key');
    await wb.pick('carol');
    const dialog = wb.page.locator('.monaco-dialog-box', { hasText: 'Rotate the access key of profile "carol"?' });
    await dialog.waitFor({ timeout: 20_000 });
    assert.match(await dialog.innerText(), /is deactivated: anything else that uses it/);
    await wb.screenshot('rotate-confirmation');
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await wb.page.waitForTimeout(1_500);
    assert.equal(fs.readFileSync(demo.credentialsFile, 'utf8'), before, 'declined: the file is untouched');
  });

  it('responds to the seeded leaked key from the quick fix and reads the report', async function () {
    await wb.quickOpen('deploy.sh');
    await wb.page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
    await wb.pointAt('.monaco-editor .squiggly-error', { click: true });
    await wb.page.keyboard.press('Escape');
    const respond = wb.page.locator('.action-widget .monaco-list-row, .context-view .action-item', { hasText: 'Respond to this leaked key' }).first();
    for (let attempt = 1; ; attempt++) {
      await wb.page.keyboard.press('Control+.');
      try {
        await respond.waitFor({ timeout: 8_000 });
        break;
      } catch (err) {
        if (attempt === 3) throw err;
        await wb.pointAt('.monaco-editor .squiggly-error', { click: true });
      }
    }
    await respond.click();
    // The one confirmation up front lists the steps; the offer to delete the key is declined.
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.filter({ hasText: 'also ends the user' }).first().waitFor({ timeout: 60_000 });
    await wb.screenshot('respond-confirmation');
    await dialog.locator('.monaco-button', { hasText: 'Respond Now' }).first().click();
    await dialog.filter({ hasText: 'Delete the leaked key' }).first().waitFor({ timeout: 60_000 });
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).first().click();
    const report = wb.page.locator('.monaco-editor .view-lines', { hasText: 'response report' }).first();
    await report.waitFor({ timeout: 60_000 });
    await wb.page.locator('.monaco-editor .view-lines', { hasText: 'Contained:** yes' }).first().waitFor({ timeout: 20_000 });
    const text = await report.innerText();
    assert.ok(!/AKIA[A-Z2-7]{16}/.test(text), 'key ids are masked in the report');
    await wb.screenshot('respond-report');
  });

  it('rotates the 400-day key from the command palette: the tree shows 0 days, only the key lines changed', async function () {
    const before = fs.readFileSync(demo.credentialsFile, 'utf8').split('\n');
    await wb.openView('AWS Key Guard');
    await wb.runCommand('AWS Key Guard: Rotate Access Key');
    await wb.pick('carol');
    const dialog = wb.page.locator('.monaco-dialog-box', { hasText: 'Rotate the access key of profile "carol"?' });
    await dialog.waitFor({ timeout: 20_000 });
    await dialog.locator('.monaco-button', { hasText: 'Rotate Key' }).click();
    const done = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'Rotated profile "carol"' });
    await done.first().waitFor({ timeout: 60_000 });
    await eventuallyRows(wb, (texts) => texts.some((t) => /carol/.test(t) && /0 days/.test(t)));
    await wb.screenshot('rotation-done');

    const after = fs.readFileSync(demo.credentialsFile, 'utf8').split('\n');
    assert.equal(after.length, before.length, 'no line added or removed');
    const changed = before.map((line, i) => (line === after[i] ? undefined : i)).filter((i) => i !== undefined);
    const carolStart = before.findIndex((l) => l.startsWith('[carol]'));
    assert.deepEqual(changed, [carolStart + 1, carolStart + 2], 'only carol\'s key id and secret lines changed');
    assert.match(after[carolStart + 1], /^ {4}aws_access_key_id {5}= AKIA[A-Z2-7]{16}$/, 'the alignment of the line is kept');
    const toast = await done.first().innerText();
    assert.ok(!/AKIA[A-Z2-7]{16}/.test(toast), 'the success message shows the key id masked');
  });

  it('the MFA row: Enter MFA code… loads the facts of an MFA-protected profile', async function () {
    await wb.openView('AWS Key Guard');
    const row = wb.page.locator('.sidebar .monaco-list-row', { hasText: 'Enter MFA code' }).first();
    try {
      await row.waitFor({ timeout: 10_000 });
    } catch {
      // erin's node is collapsed: expand it to show the row.
      await wb.page.locator('.sidebar .monaco-list-row', { hasText: 'erin' }).first().click();
      await wb.page.keyboard.press('ArrowRight');
      await row.waitFor({ timeout: 20_000 });
    }
    await wb.screenshot('mfa-row');
    await row.click();
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 20_000 });
    await input.fill(demo.mfa.code());
    await wb.page.keyboard.press('Enter');
    await eventuallyRows(wb, (texts) => texts.some((t) => /erin/.test(t) && /100 days/.test(t)));
    await wb.screenshot('mfa-session');
  });

  it('creates a profile through the input boxes; it appears in the tree with its age', async function () {
    const key = graceKey();
    await wb.runCommand('AWS Key Guard: Create a Profile');
    for (const answer of ['grace', key.id, key.secret]) {
      const input = wb.page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(answer);
      await wb.page.keyboard.press('Enter');
      await wb.page.waitForTimeout(300);
    }
    await eventuallyRows(wb, (texts) => texts.some((t) => /grace/.test(t) && /70 days/.test(t)));
    const file = fs.readFileSync(demo.credentialsFile, 'utf8');
    assert.ok(file.endsWith(`\n[grace]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`), 'appended in the file\'s style');
    assert.equal(fs.statSync(demo.credentialsFile).mode & 0o777, 0o600);
    await wb.screenshot('profile-created');
  });
});
