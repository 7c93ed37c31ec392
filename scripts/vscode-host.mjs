// Starts a real VS Code on this machine: code-server (VS Code's server build, on Node 24) in its own
// process group, with a sandboxed HOME, user data and extensions folder, and Debian's Chromium driven
// by playwright-core as the browser. Used by the integration tier, the UI tests and the demo.
// Facts behind the flags are in ../shared/VSCODE-HOST.md.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const hostDir = path.join(repoRoot, '.host');

export function hostPaths() {
  const node = path.join(hostDir, 'node24', 'bin', 'node');
  const entry = path.join(hostDir, 'code-server', 'lib', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  for (const [what, file] of [['Node 24', node], ['code-server', entry]]) {
    if (!fs.existsSync(file)) throw new Error(`${what} is not installed (${file} missing): run bash scripts/install-host.sh`);
  }
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) throw new Error(`Chromium is not installed (${chromium} missing): run bash scripts/install-host.sh`);
  return { node, entry, chromium };
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A sandbox folder with home/, user-data/, extensions/, tmp/ and quiet user settings. */
export function makeSandbox(prefix = 'akg-vscode-') {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dirs = {};
  for (const name of ['home', 'user-data', 'extensions', 'tmp', 'workspace']) {
    dirs[name] = path.join(root, name);
    fs.mkdirSync(dirs[name], { recursive: true });
  }
  const settings = {
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'chat.disableAIFeatures': true,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    'update.mode': 'none',
    'window.commandCenter': false,
  };
  fs.mkdirSync(path.join(dirs['user-data'], 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs['user-data'], 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  return { root, ...dirs, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

function run(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${output}`))));
  });
}

function serverEnv(sandbox, extraEnv) {
  const { node } = hostPaths();
  return {
    ...process.env,
    PATH: `${path.dirname(node)}:${process.env.PATH}`,
    HOME: sandbox.home,
    TMPDIR: sandbox.tmp,
    XDG_DATA_HOME: path.join(sandbox.home, '.local', 'share'),
    XDG_CONFIG_HOME: path.join(sandbox.home, '.config'),
    XDG_CACHE_HOME: path.join(sandbox.home, '.cache'),
    ...extraEnv,
  };
}

/** Installs a packed .vsix into the sandbox's extensions folder (code-server refuses folders). */
export async function installVsix(sandbox, vsix) {
  const { node, entry } = hostPaths();
  return run(node, [entry, '--install-extension', vsix, '--user-data-dir', sandbox['user-data'], '--extensions-dir', sandbox.extensions], serverEnv(sandbox, {}));
}

/**
 * Starts code-server and waits until /healthz answers. Returns { url, port, stop, logs() }.
 * `smokeDriver` enables the workbench's test payload (extensionDevelopmentPath / extensionTestsPath).
 */
export async function startCodeServer({ sandbox, env = {}, smokeDriver = false, port }) {
  const { node, entry } = hostPaths();
  port = port ?? (await freePort());
  const args = [
    entry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', sandbox['user-data'],
    '--extensions-dir', sandbox.extensions,
  ];
  if (smokeDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const child = spawn(node, args, { env: serverEnv(sandbox, env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let logs = '';
  child.stdout.on('data', (d) => (logs += d));
  child.stderr.on('data', (d) => (logs += d));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}) before it was ready:\n${logs}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within 60 s:\n${logs}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, port, stop, logs: () => logs };
}

/** Launches Debian's Chromium through playwright-core, headless, with the flags this machine needs. */
export async function launchBrowser(sandbox) {
  const { chromium: executablePath } = hostPaths();
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(sandbox.root, 'chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** The workbench URL that loads a development extension and runs its test module (the smoke-driver payload). */
export function testPayloadUrl({ url, port, folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)]];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const query = new URLSearchParams({ folder, payload: JSON.stringify(payload) });
  return `${url}/?${query}`;
}
