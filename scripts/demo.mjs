// `npm run demo [-- --real] [-- --port N]`: the whole product in one command, without an AWS account.
// Installs what is missing (scripts/install-host.sh, the same step `npm test` runs first), builds and
// packs the extension, starts the emulator, a sandbox HOME and workspace, and code-server; prints the
// URL; Ctrl-C stops everything and removes the sandbox.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { forgetOuterNpm } from './npm-env.mjs';
import { repoRoot } from './vscode-host.mjs';
import { startDemoEnvironment } from './demo/environment.mjs';

forgetOuterNpm();

const args = process.argv.slice(2);
const real = args.includes('--real');
const portIndex = args.indexOf('--port');
const port = portIndex >= 0 ? Number(args[portIndex + 1]) : 8765;

/** Runs a step; on failure ends the demo with one line (the step itself has printed why above). */
function run(what, cmd, cmdArgs, quiet = false) {
  const result = spawnSync(cmd, cmdArgs, { cwd: repoRoot, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'] });
  if (result.status !== 0) {
    console.error(`demo: could not start: ${what} failed (exit ${result.status ?? result.signal}; see above).`);
    process.exit(1);
  }
}

const started = Date.now();
run('installing what the demo needs', 'bash', ['scripts/install-host.sh']);
run('the typecheck (npx tsc -p .)', path.join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-p', '.']);
console.log('Building and packing the extension…');
run('packing the extension (npm run package)', 'npm', ['run', '--silent', 'package'], true);

let demo;
try {
  demo = await startDemoEnvironment({ real, port });
} catch (err) {
  console.error(`demo: could not start: ${err.message}`);
  process.exit(1);
}
console.log('');
console.log(`AWS Key Guard demo is running (ready in ${((Date.now() - started) / 1000).toFixed(0)} s).`);
console.log(`  Open: ${demo.workspaceUrl}`);
if (real) {
  console.log('  This VS Code uses your real HOME (~/.aws) and real AWS.');
} else {
  console.log(`  Emulated AWS (IAM/STS/CloudTrail): ${demo.emulator.url}   sandbox HOME: ${demo.sandbox.home}`);
  console.log(`  Profiles: default (12 days), bob (95), carol (400, never used), dave (two keys), erin (MFA), frank (denied), security (the administrator)`);
  console.log('  A leaked key with a suspicious CloudTrail history: ci/deploy.sh (quick fix "Respond to this leaked key")');
  console.log(`  erin's MFA device ${demo.mfa.serial}: current code ${demo.mfa.code()} (GET ${demo.emulator.url}/_emulator/mfa-code?serial=${encodeURIComponent(demo.mfa.serial)} for a fresh one)`);
}
console.log('  Press Ctrl-C to stop and remove the sandbox.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the demo…');
    await demo.stop();
    process.exit(0);
  });
}
