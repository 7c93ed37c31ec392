/** The standalone emulator (`npm run emulator`) as a child process: first stdout line, banner, clean stop. */
import * as assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

const MAIN = join(__dirname, '../../../tools/emulator/main.js');

interface Started {
  child: ChildProcess;
  firstLine: string;
  stderr: () => string;
}

/** Spawns the emulator and resolves with its first stdout line. */
function spawnEmulator(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const newline = stdout.indexOf('\n');
      if (newline >= 0) resolve({ child, firstLine: stdout.slice(0, newline), stderr: () => stderr });
    });
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code} before its first line; stderr: ${stderr}`)));
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

describe('emulator: standalone process', () => {
  it('prints {url, accessKeyId, secretAccessKey} of the demo admin first, works, and exits 0 on SIGTERM', async () => {
    const { child, firstLine, stderr } = await spawnEmulator(['--port', '0']);
    const done = exited(child);
    try {
      const info = JSON.parse(firstLine) as { url: string; accessKeyId: string; secretAccessKey: string };
      assert.deepEqual(Object.keys(info), ['url', 'accessKeyId', 'secretAccessKey']);
      assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const sts = new STSClient({ region: 'us-east-1', endpoint: info.url, credentials: info, maxAttempts: 1 });
      try {
        const who = await sts.send(new GetCallerIdentityCommand({}));
        assert.equal(who.Arn, 'arn:aws:iam::123456789012:user/admin');
      } finally {
        sts.destroy();
      }
      // Banner on stderr: the MFA-protected user's device, so a person can compute codes.
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.match(stderr(), /MFA arn:aws:iam::123456789012:mfa\/erin: TOTP secret [A-Z2-7]+/);
    } finally {
      child.kill('SIGTERM');
    }
    assert.deepEqual(await done, { code: 0, signal: null });
  });

  it('loads --seed FILE, and stops on SIGINT too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-seed-'));
    const seedPath = join(dir, 'seed.json');
    writeFileSync(seedPath, JSON.stringify({ accountId: '444455556666', users: [{ name: 'ops', admin: true, keys: [{}] }] }));
    try {
      const { child, firstLine } = await spawnEmulator(['--seed', seedPath]);
      const done = exited(child);
      const info = JSON.parse(firstLine) as { url: string; accessKeyId: string; secretAccessKey: string };
      const sts = new STSClient({ region: 'us-east-1', endpoint: info.url, credentials: info, maxAttempts: 1 });
      try {
        assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Arn, 'arn:aws:iam::444455556666:user/ops');
      } finally {
        sts.destroy();
        child.kill('SIGINT');
      }
      assert.deepEqual(await done, { code: 0, signal: null });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 with a message on a bad argument or a bad seed, printing nothing on stdout', async () => {
    for (const args of [['--verbose'], ['--seed', join(tmpdir(), 'no-such-seed.json')]]) {
      const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const { code } = await exited(child);
      assert.equal(code, 1, args.join(' '));
      assert.equal(stdout, '');
      assert.match(stderr, /^emulator: /);
    }
  });
});
