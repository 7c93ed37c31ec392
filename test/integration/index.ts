/**
 * Entry point that VS Code's extension host loads as `extensionTestsPath` (the same contract that
 * @vscode/test-electron uses): run every `*.test.js` beside this file under mocha, and settle the
 * returned promise with the outcome. The workbench reports a rejection as a non-zero exit.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export function run(): Promise<void> {
  const StatsReporter = require(path.resolve(__dirname, '../../../scripts/stats-reporter.cjs'));
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: StatsReporter, forbidPending: true, forbidOnly: true });
  const only = process.env.AKG_INTEGRATION_GREP;
  if (only) mocha.grep(only);
  for (const file of fs.readdirSync(__dirname, { recursive: true }) as string[]) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  console.log(`integration: running inside ${vscode.env.appName} ${vscode.version} (appHost ${vscode.env.appHost}, node ${process.version})`);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
    } catch (err) {
      reject(err);
    }
  });
}
