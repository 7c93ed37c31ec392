// `npm test`: installs what is missing (scripts/install-host.sh), then every tier in order — typecheck,
// lint, bundle, unit tests (plain Node), integration tests (inside a real VS Code), UI tests (a browser
// driving VS Code like a user) — then one closing line `N passed, N failed` over all tiers. When the
// VS Code host could not be installed the unit tier still runs and the summary names the tiers that
// could not. Exits non-zero if any test failed or any tier could not run.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forgetOuterNpm } from './npm-env.mjs';
import { hostPaths } from './vscode-host.mjs';

forgetOuterNpm();

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = path.join(root, '.test-artifacts');
fs.mkdirSync(artifacts, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;

function step(title, cmd, args, env = {}) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${title}: ${result.status === 0 ? 'ok' : `exit ${result.status ?? result.signal}`} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result.status === 0;
}

function checks() {
  if (!step('typecheck', bin('tsc'), ['-p', '.'])) return false;
  if (!step('lint', bin('eslint'), ['src', 'test', 'scripts', 'bench', 'tools'])) return false;
  return step('bundle', process.execPath, ['scripts/build.mjs']);
}

/** Why the VS Code tiers cannot run (the host is not installed), or undefined when they can. */
function hostMissing() {
  try {
    hostPaths();
    return undefined;
  } catch (err) {
    return err.message;
  }
}

const tiers = [
  { name: 'unit', run: (results) => step('unit tests (mocha, plain Node)', bin('mocha'), [], { AKG_TEST_RESULTS: results }) },
  { name: 'integration', needsHost: true, run: (results) => step('integration tests (real VS Code)', process.execPath, ['scripts/run-integration.mjs'], { AKG_TEST_RESULTS: results }) },
  { name: 'ui', needsHost: true, run: (results) => step('UI tests (Chromium driving VS Code)', process.execPath, ['scripts/run-ui.mjs'], { AKG_TEST_RESULTS: results }) },
];

const installed = step('install what the tests need (scripts/install-host.sh)', 'bash', ['scripts/install-host.sh']);
if (!checks()) {
  console.log('\nThe checks before the tests failed; no test ran.');
  process.exit(1);
}

let passed = 0;
let failed = 0;
const broken = [];
const notRun = [];
const missingHost = hostMissing();
for (const tier of tiers) {
  if (only && tier.name !== only) continue;
  if (tier.needsHost && missingHost) {
    console.log(`\n=== ${tier.name} tests: not run, the VS Code host is missing`);
    notRun.push(tier.name);
    continue;
  }
  const results = path.join(artifacts, `${tier.name}-results.json`);
  fs.rmSync(results, { force: true });
  const ok = tier.run(results);
  if (!fs.existsSync(results)) {
    broken.push(tier.name);
    continue;
  }
  const counts = JSON.parse(fs.readFileSync(results, 'utf8'));
  passed += counts.passes;
  failed += counts.failures + counts.pending;
  if (!counts.done || (!ok && counts.failures === 0)) broken.push(tier.name);
  console.log(`${tier.name}: ${counts.passes} passed, ${counts.failures} failed${counts.pending ? `, ${counts.pending} pending (counted as failed)` : ''}`);
}

if (!installed) console.log('\nThe install step failed (its message is above); the run counts as failed.');
if (notRun.length) console.log(`\nTiers that could not run: ${notRun.join(', ')}, the VS Code host is missing (${installed ? missingHost : 'see the install step above'}) (counted as failed)`);
if (broken.length) console.log(`\nTiers that could not run or did not finish cleanly: ${broken.join(', ')} (counted as failed)`);
failed += broken.length + notRun.length + (installed ? 0 : 1);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
