/**
 * `npm run test:electron`: the standard @vscode/test-electron runner over the same integration suite,
 * for contributors with desktop VS Code and internet access (it downloads VS Code). CI machines have
 * neither, so `npm test` runs this suite in code-server instead (scripts/run-integration.mjs).
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const extensionDevelopmentPath = path.resolve(__dirname, '../../..');
  const extensionTestsPath = path.resolve(__dirname, 'index');
  await runTests({ version: '1.90.0', extensionDevelopmentPath, extensionTestsPath, launchArgs: ['--disable-extensions'] });
}

main().catch((err: unknown) => {
  console.error('test:electron failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
