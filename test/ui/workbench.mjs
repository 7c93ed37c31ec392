// Driving the VS Code workbench like a user: helpers over playwright-core for the UI tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../scripts/vscode-host.mjs';

export const SHOTS = path.join(repoRoot, '.test-artifacts', 'ui');

export class Workbench {
  constructor(page) {
    this.page = page;
    this.step = 0;
  }

  async open(url) {
    await this.page.goto(url);
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await this.page.waitForSelector('.statusbar', { timeout: 60_000 });
  }

  /** Saves a numbered screenshot; the README's pictures are copied from these. */
  async screenshot(name) {
    fs.mkdirSync(SHOTS, { recursive: true });
    const file = path.join(SHOTS, `${String(++this.step).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * Moves the mouse to the middle of the first element matching `selector` (squiggles sit under the
   * text, so the text receives the event, as it would for a user), optionally clicking.
   */
  async pointAt(selector, { click = false } = {}) {
    const box = await this.page.locator(selector).first().boundingBox();
    if (!box) throw new Error(`${selector} is not on screen`);
    const x = box.x + Math.min(box.width / 2, 40);
    const y = box.y + box.height / 2 - 2;
    await this.page.mouse.move(x, y);
    if (click) await this.page.mouse.click(x, y);
  }

  async runCommand(title) {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 20_000 });
    await this.page.keyboard.press('Enter');
  }

  async quickOpen(fileName) {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(fileName);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor({ timeout: 20_000 });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tab.active', { hasText: fileName }).waitFor({ timeout: 20_000 });
  }

  /** Picks an item in an open quick pick. */
  async pick(text) {
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
    await row.waitFor({ timeout: 20_000 });
    await row.click();
  }

  /** Shows a view container from the activity bar (a click on an already-open one would close it). */
  async openView(label) {
    const title = this.page.locator('.sidebar .composite.title', { hasText: label });
    if (await title.first().isVisible()) return;
    await this.page.locator(`.activitybar [aria-label^="${label}"]`).first().click();
    await title.first().waitFor({ timeout: 20_000 });
  }

  /** The text of every row of the tree in the side bar (a container with one view shows no pane header). */
  async treeRows() {
    return this.page.locator('.sidebar .monaco-list-row').allInnerTexts();
  }
}

/** The extension's log from the sandbox (attached to failures). */
export function extensionLog(sandbox) {
  const logs = path.join(sandbox['user-data'], 'logs');
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'AWS Key Guard.log') found.push(fs.readFileSync(full, 'utf8'));
    }
  };
  walk(logs);
  return found.join('\n');
}
