// Starts the whole product in a sandbox: the IAM/STS emulator with the demo account, a sandbox HOME
// with demo ~/.aws files, a demo workspace with leaked keys, and code-server with the freshly packed
// extension installed. Used by `npm run demo` and by the UI tests. Nothing touches the real ~/.aws.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { installVsix, makeSandbox, repoRoot, startCodeServer } from '../vscode-host.mjs';
import { demoConfig, demoCredentials, demoWorkspace, writeTree } from './files.mjs';

const require = createRequire(import.meta.url);
export const DEMO_SEED = path.join(repoRoot, 'tools', 'emulator', 'seeds', 'demo.json');
export const VSIX = path.join(repoRoot, 'aws-key-guard.vsix');

/**
 * Starts the demo. `real` serves the user's real HOME and real AWS instead (no emulator, no demo
 * files). Returns the URLs, the sandbox paths and stop().
 */
export async function startDemoEnvironment({ real = false, port, extraSettings = {} } = {}) {
  if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run npm run package first`);
  const sandbox = makeSandbox(real ? 'akg-real-' : 'akg-demo-');
  let emulator;
  let server;
  const stop = async () => {
    await server?.stop();
    await emulator?.close();
    sandbox.remove();
  };
  try {
    const settingsFile = path.join(sandbox['user-data'], 'User', 'settings.json');
    const settings = { ...JSON.parse(fs.readFileSync(settingsFile, 'utf8')), 'workbench.colorTheme': 'Default Light Modern', ...extraSettings };
    fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
    await installVsix(sandbox, VSIX);

    let env = {};
    let folder = process.cwd();
    let mfa;
    if (!real) {
      const { startEmulator } = require(path.join(repoRoot, 'out', 'tools', 'emulator', 'index.js'));
      emulator = await startEmulator({ seed: DEMO_SEED });
      const seed = JSON.parse(fs.readFileSync(DEMO_SEED, 'utf8'));
      const erin = emulator.users().find((u) => u.userName === 'erin');
      mfa = { serial: erin.mfaDevices[0].serialNumber, code: () => emulator.mfaCode(erin.mfaDevices[0].serialNumber) };
      const aws = path.join(sandbox.home, '.aws');
      fs.mkdirSync(aws, { recursive: true, mode: 0o700 });
      fs.writeFileSync(path.join(aws, 'credentials'), demoCredentials(seed), { mode: 0o600 });
      fs.writeFileSync(path.join(aws, 'config'), demoConfig(mfa.serial), { mode: 0o600 });
      writeTree(sandbox.workspace, demoWorkspace(seed));
      folder = sandbox.workspace;
      env = { AWS_ENDPOINT_URL_IAM: emulator.url, AWS_ENDPOINT_URL_STS: emulator.url, AWS_ENDPOINT_URL_CLOUDTRAIL: emulator.url, AWS_EC2_METADATA_DISABLED: 'true', AKG_EMULATOR_URL: emulator.url };
    } else {
      env = { HOME: process.env.HOME };
    }
    server = await startCodeServer({ sandbox, env, port });
    return {
      url: server.url,
      workspaceUrl: `${server.url}/?folder=${encodeURIComponent(folder)}`,
      sandbox,
      folder,
      emulator,
      mfa,
      credentialsFile: real ? undefined : path.join(sandbox.home, '.aws', 'credentials'),
      serverLogs: () => server.logs(),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
