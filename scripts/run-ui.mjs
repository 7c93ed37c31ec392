// The UI tier: packs the extension, then runs test/ui/*.test.mjs (mocha in plain Node), which start
// the demo environment and drive code-server through Chromium like a user. Counts go to
// AKG_TEST_RESULTS via the shared reporter; screenshots to .test-artifacts/ui/.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from './vscode-host.mjs';

const pack = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
if (pack.status !== 0) {
  console.error('ui: npm run package failed');
  process.exit(1);
}
const mocha = spawnSync(
  path.join(repoRoot, 'node_modules', '.bin', 'mocha'),
  ['--no-config', '--reporter', './scripts/stats-reporter.cjs', '--timeout', '180000', '--forbid-only', '--forbid-pending', 'test/ui/*.test.mjs'],
  { cwd: repoRoot, stdio: 'inherit' },
);
process.exit(mocha.status ?? 1);
