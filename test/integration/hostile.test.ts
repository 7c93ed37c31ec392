import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activeApi } from './activation.test';
import { diagnosticsWhen, eventually, ourDiagnostics, uniqueWorkspaceFile } from './helpers';

// Fake credentials with the right shapes; none of them is or was a real key.
const KEY_ID = 'AKIAY34FZKBOKMUTWXYZ';
const SECRET = 'k9Xq2LmP8vRt4YwZ7bNc1DfGhJ3sQeUa6VoIpE0r';

/**
 * Measures the longest pause of this thread (the extension host's) while `work` runs: a timer that
 * should tick every 20 ms records the largest gap between ticks.
 */
async function longestPause<T>(work: () => Promise<T>): Promise<{ result: T; pauseMs: number }> {
  let last = Date.now();
  let pauseMs = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    pauseMs = Math.max(pauseMs, now - last);
    last = now;
  }, 20);
  try {
    const result = await work();
    return { result, pauseMs: Math.max(pauseMs, Date.now() - last) };
  } finally {
    clearInterval(timer);
  }
}

describe('hostile documents never stall the extension host', () => {
  // Generous: a healthy host pauses for tens of milliseconds; the inputs below used to stall it for
  // seconds (the backtracking value: 14 s for 25 digits) or scale with the document (a 1 MB bundle).
  const MAX_PAUSE_MS = 2000;

  before(async () => {
    await activeApi();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a value built to backtrack is scanned at once', async () => {
    const value = 'aB/cD/eF/3141592653589793238462643Q/gHiJ';
    const content = `aws_secret_access_key = ${value}\naws_access_key_id = ${KEY_ID}\n`;
    const { pauseMs } = await longestPause(async () => {
      const document = await vscode.workspace.openTextDocument(await uniqueWorkspaceFile(content, 'ini'));
      await vscode.window.showTextDocument(document);
      return diagnosticsWhen(document.uri, (d) => d.length >= 1, 'the key id');
    });
    assert.ok(pauseMs < MAX_PAUSE_MS, `the host paused for ${pauseMs} ms`);
  });

  it('a 1 MB bundle is scanned off the host thread and its leak still reported', async () => {
    // Lines of a bundle rather than one huge line: the workbench's renderer (not our extension) is slow
    // to lay out a multi-megabyte line, which would slow the tests after this one.
    const lines = Math.floor((1024 * 1024) / 31);
    const filler = 'var a=function(b){return b+1};\n'.repeat(lines);
    const content = `${filler}var k="${KEY_ID}",aws_secret_access_key="${SECRET}";\n`;
    const document = await vscode.workspace.openTextDocument(await uniqueWorkspaceFile(content, 'js'));
    const { result, pauseMs } = await longestPause(async () => {
      await vscode.window.showTextDocument(document);
      const atTheEnd = () => ourDiagnostics(document.uri).filter((d) => d.range.start.line === lines);
      return eventually(() => (atTheEnd().length >= 2 ? atTheEnd() : undefined), 'the key pair at the end of the bundle', 60_000);
    });
    assert.equal(result.length, 2);
    assert.ok(pauseMs < MAX_PAUSE_MS, `the host paused for ${pauseMs} ms`);
  });

  it('a profiles refresh while a large document is on the worker does not lose its leak', async () => {
    // Profile facts arrive at any time (a refresh, a key status, the credentials file changing): each
    // one republishes every document. Once it cancelled or dropped a scan still on the worker, and the
    // document then showed no warnings until its next edit.
    const lines = Math.floor((512 * 1024) / 31);
    const content = `${'var a=function(b){return b+1};\n'.repeat(lines)}var k="${KEY_ID}",aws_secret_access_key="${SECRET}";\n`;
    const document = await vscode.workspace.openTextDocument(await uniqueWorkspaceFile(content, 'js'));
    await vscode.commands.executeCommand('awsKeyGuard.refreshProfiles');
    await vscode.window.showTextDocument(document);
    const atTheEnd = () => ourDiagnostics(document.uri).filter((d) => d.range.start.line === lines);
    const found = await eventually(() => (atTheEnd().length >= 2 ? atTheEnd() : undefined), 'the key pair at the end of the document', 20_000);
    assert.equal(found.length, 2);
  });
});

describe("a hostile workspace's settings", () => {
  const settingsUri = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.vscode', 'settings.json');

  after(async () => {
    await vscode.workspace.fs.delete(settingsUri()).then(undefined, () => undefined);
  });

  it('cannot redirect rotation, unbound a scan or point us at other credentials', async () => {
    const hostile = {
      'awsKeyGuard.rotation.retireOldKey': 'delete',
      'awsKeyGuard.keyAge.dueDays': 100000,
      'awsKeyGuard.scan.maxFileSizeKB': 1e12,
      'awsKeyGuard.scan.excludeGlobs': Array.from({ length: 5000 }, (_, i) => `**/dir${i}/**`),
      'aws.credentialsFile': '/tmp/attacker-credentials',
      'awsKeyGuard.credentialsFile': '/tmp/attacker-credentials',
    };
    const changed = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('awsKeyGuard.scan')) {
          sub.dispose();
          resolve();
        }
      });
    });
    await vscode.workspace.fs.writeFile(settingsUri(), new TextEncoder().encode(JSON.stringify(hostile)));
    await changed;
    const config = vscode.workspace.getConfiguration('awsKeyGuard');
    assert.equal(config.inspect('scan.maxFileSizeKB')?.workspaceValue, 1e12, 'the hostile value reached VS Code');
    // Application-scoped: a workspace value is never applied.
    assert.equal(config.get('rotation.retireOldKey'), 'deactivate');
    assert.equal(config.get('keyAge.dueDays'), 90);
    // Cost settings are bounded by what we read, whatever VS Code holds.
    const { readLeakSettings, MAX_FILE_SIZE_KB, MAX_EXCLUDE_GLOBS } = await import('../../src/extension/diagnostics/settings');
    const leak = readLeakSettings();
    assert.equal(leak.maxFileSizeKB, MAX_FILE_SIZE_KB);
    assert.equal(leak.excludeGlobs.length, MAX_EXCLUDE_GLOBS);
    // No setting of ours names a file or a command: the manifest declares none that could.
    const manifest = vscode.extensions.all.find((e) => e.packageJSON?.name === 'aws-key-guard')!.packageJSON as {
      contributes: { configuration: { properties: Record<string, { type: string }> } };
    };
    const stringSettings = Object.entries(manifest.contributes.configuration.properties).filter(([, p]) => p.type === 'string');
    assert.deepEqual(
      stringSettings.map(([k]) => k).filter((k) => !k.startsWith('awsKeyGuard.severity.') && k !== 'awsKeyGuard.rotation.retireOldKey'),
      [],
      'every string setting is an enum of ours',
    );
  });
});
