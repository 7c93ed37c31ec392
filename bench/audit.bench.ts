/**
 * Audit bench: 30 IAM-user profiles against the emulator with 100 ms injected latency per call.
 * Each profile's chain: its facts (GetAccessKeyLastUsed, then STS ‖ ListAccessKeys), then MFA ‖
 * permissions (lists, group policies, managed policy documents) ‖ Access Advisor (generate, two
 * polls 100 ms apart). Prints the parallel audit time against the slowest single profile's chain,
 * both measured in the same run (the goal: within 3× the slowest chain). The emulator runs in a child
 * process.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ProfileAuditor } from '../src/core/audit';
import { ProfileFactsLoader } from '../src/core/profiles';
import { accountEncodedId, type Seed } from '../tools/emulator';
import { SharedFilesSandbox } from '../test/unit/profiles/helpers';

const PROFILES = 30;
const LATENCY_MS = 100;
const ACCOUNT = '111122223333';

/**
 * The emulator runs in its own process, as AWS does: its SigV4 checks and XML must not share one
 * thread with the clients whose parallelism is measured.
 */
async function startEmulatorProcess(seed: Seed, dir: string): Promise<{ url: string; stop(): void }> {
  const seedFile = join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify(seed));
  const child = spawn(process.execPath, [join(__dirname, '..', 'tools', 'emulator', 'main.js'), '--seed', seedFile], { stdio: ['ignore', 'pipe', 'ignore'] });
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { url: (JSON.parse(firstLine) as { url: string }).url, stop: () => child.kill() };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'akg-audit-bench-'));
  const specs = Array.from({ length: PROFILES }, (_, i) => ({ name: `p${i}`, keyId: accountEncodedId('AKIA', ACCOUNT), secret: randomBytes(30).toString('base64'), user: `user${i}` }));
  const emulator = await startEmulatorProcess(
    {
      accountId: ACCOUNT,
      groups: [{ name: 'devs', managedPolicies: ['PowerUserAccess'], inlinePolicies: { logs: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }] } } }],
      users: [
        { name: 'admin', admin: true },
        ...specs.map((s, i) => ({ name: s.user, policy: { selfOnly: true }, managedPolicies: ['ReadOnlyAccess'], groups: ['devs'], keys: [{ id: s.keyId, secret: s.secret, ageDays: 10 + i * 13 }] })),
      ],
    },
    dir,
  );
  const sandbox = new SharedFilesSandbox(emulator.url);
  try {
    const fault = await fetch(`${emulator.url}/_emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: '*', latencyMs: LATENCY_MS }) });
    if (!fault.ok) throw new Error(`could not inject latency: HTTP ${fault.status}`);
    let lastCpuMs = 0;
    // A fresh record of our own calls per run, so every run starts alike (no probers known).
    const audit = async (concurrency?: number) => {
      const home = mkdtempSync(join(tmpdir(), 'akg-bench-'));
      try {
        const loader = new ProfileFactsLoader({ env: { ...sandbox.env, AWS_KEY_GUARD_KEY_USE: join(home, 'key-use.json') }, homedir: home, concurrency });
        const auditor = new ProfileAuditor(loader, { concurrency, advisorPolling: { intervalMs: 100, maxPolls: 10 } });
        const started = performance.now();
        const cpuBefore = process.cpuUsage();
        const { audits } = await auditor.auditAll();
        const ms = performance.now() - started;
        const cpu = process.cpuUsage(cpuBefore);
        lastCpuMs = (cpu.user + cpu.system) / 1000;
        const failed = audits.filter((a) => a.problems.some((p) => p.failed));
        if (failed.length) throw new Error(`${failed.length} audits had failures: ${JSON.stringify(failed[0].problems)}`);
        return ms;
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    };

    sandbox.write([specs[0]]);
    await audit(); // Warm-up: requiring the SDK is not what is measured.
    const singles: number[] = [];
    for (const spec of specs) {
      sandbox.write([spec]);
      singles.push(await audit());
    }
    const slowest = Math.max(...singles);
    const serial = singles.reduce((a, b) => a + b, 0);
    sandbox.write(specs);
    console.log(`${PROFILES} profiles, ${LATENCY_MS} ms latency per call`);
    console.log(`slowest single profile chain: ${slowest.toFixed(0)} ms`);
    console.log(`serial total (measured):      ${serial.toFixed(0)} ms`);
    for (const concurrency of [6, 16]) {
      const ms = await audit(concurrency);
      console.log(
        `${`parallel (cap ${concurrency}):`.padEnd(29)} ${ms.toFixed(0)} ms  = ${(ms / slowest).toFixed(2)}× slowest chain, ${(serial / ms).toFixed(1)}× faster than serial; client CPU ${lastCpuMs.toFixed(0)} ms`,
      );
    }
  } finally {
    sandbox.dispose();
    emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
