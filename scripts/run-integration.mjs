// The integration tier: runs out/test/integration (mocha) inside a real VS Code's extension host,
// the way @vscode/test-electron does, but with code-server + Chromium (see scripts/vscode-host.mjs).
// Writes the run's counts to the file named by AKG_TEST_RESULTS and exits with the tests' verdict.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { format } from 'node:util';
import { launchBrowser, makeSandbox, repoRoot, startCodeServer, testPayloadUrl } from './vscode-host.mjs';

// Workbench chatter that says nothing about our tests (see ../shared/VSCODE-HOST.md).
const NOISE = /DisposableStore that has already been disposed|authentication provider 'github'|open-vsx\.org|^\s+at /;
const TIMEOUT_MS = Number(process.env.AKG_INTEGRATION_TIMEOUT_MS || 10 * 60_000);

// The workbench reports the exit code after it has stopped the extension host; once in a while that
// stop hangs after the tests are done. Our reporter has already written the counts by then, so after a
// grace period the verdict is taken from them instead of waiting for the full timeout.
async function exitFromResults(resultsFile, graceMs = 60_000) {
  const finished = () => {
    try {
      return JSON.parse(fs.readFileSync(resultsFile, 'utf8')).done === true;
    } catch {
      return false;
    }
  };
  while (!finished()) await new Promise((r) => setTimeout(r, 500));
  await new Promise((r) => setTimeout(r, graceMs));
  const { failures } = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  console.log(`integration: the workbench did not report an exit code ${graceMs / 1000} s after the tests ended; using the recorded results`);
  return failures > 0 ? 1 : 0;
}

export async function runIntegration({ resultsFile, env = {}, prepare } = {}) {
  const sandbox = makeSandbox('akg-it-');
  fs.rmSync(resultsFile, { force: true });
  const keep = process.env.AKG_KEEP_SANDBOX === '1';
  let server;
  let browser;
  let emulator;
  try {
    if (prepare) await prepare(sandbox);
    // The AWS side: the local IAM/STS emulator with the demo seed, reached by the product only through
    // the SDK's standard endpoint settings. Tests reset it (POST /_emulator/reset) when they change it.
    const { startEmulator } = createRequire(import.meta.url)(path.join(repoRoot, 'out', 'tools', 'emulator', 'index.js'));
    emulator = await startEmulator({});
    const awsEnv = {
      AWS_ENDPOINT_URL_IAM: emulator.url,
      AWS_ENDPOINT_URL_STS: emulator.url,
      AWS_ENDPOINT_URL_CLOUDTRAIL: emulator.url,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_REGION: 'us-east-1',
      AKG_EMULATOR_URL: emulator.url,
    };
    server = await startCodeServer({ sandbox, smokeDriver: true, env: { ...awsEnv, ...env, AKG_TEST_RESULTS: resultsFile, AKG_SANDBOX: sandbox.root } });
    browser = await launchBrowser(sandbox);
    const page = browser.pages()[0] ?? (await browser.newPage());
    let settle;
    const exitCode = new Promise((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => settle(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // The extension host forwards console calls with their printf-style arguments (mocha's reporter uses %s/%d).
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (text.trim() && !NOISE.test(text)) process.stdout.write(`${text.replace(/\n$/, '')}\n`);
    });
    const target = testPayloadUrl({
      url: server.url,
      port: server.port,
      folder: sandbox.workspace,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration'),
    });
    await page.goto(target);
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), TIMEOUT_MS));
    const code = await Promise.race([exitCode, timeout, exitFromResults(resultsFile)]);
    if (code === 'timeout') {
      const shot = path.join(repoRoot, '.test-artifacts', 'integration-timeout.png');
      fs.mkdirSync(path.dirname(shot), { recursive: true });
      await page.screenshot({ path: shot }).catch(() => undefined);
      throw new Error(`the integration suite did not finish within ${TIMEOUT_MS / 1000} s (screenshot: ${shot})\n${server.logs().slice(-4000)}`);
    }
    return code;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await emulator?.close();
    if (!keep) sandbox.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const resultsFile = process.env.AKG_TEST_RESULTS || path.join(repoRoot, '.test-artifacts', 'integration-results.json');
  runIntegration({ resultsFile }).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`integration: ${err.message}`);
      process.exit(1);
    },
  );
}
