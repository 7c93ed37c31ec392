/**
 * Audit bench: 30 IAM-user profiles against the emulator with 100 ms injected latency per call.
 * Each profile's chain: its facts (GetAccessKeyLastUsed, then STS ‖ ListAccessKeys), then MFA ‖
 * permissions (lists, group policies, managed policy documents) ‖ Access Advisor (generate, two
 * polls 100 ms apart). Prints the parallel audit time against the slowest single profile's chain,
 * both measured in the same run (the goal: within 3× the slowest chain).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProfileAuditor } from '../src/core/audit';
import { ProfileFactsLoader } from '../src/core/profiles';
import { startEmulator } from '../tools/emulator';
import { SharedFilesSandbox } from '../test/unit/profiles/helpers';

const PROFILES = 30;
const LATENCY_MS = 100;

export async function run(): Promise<void> {
  const emulator = await startEmulator({
    seed: {
      accountId: '111122223333',
      groups: [{ name: 'devs', managedPolicies: ['PowerUserAccess'], inlinePolicies: { logs: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }] } } }],
      users: [{ name: 'admin', admin: true }],
    },
  });
  const sandbox = new SharedFilesSandbox(emulator.url);
  try {
    const specs = Array.from({ length: PROFILES }, (_, i) => {
      const user = emulator.addUser({ name: `user${i}`, policy: { selfOnly: true }, managedPolicies: ['ReadOnlyAccess'], groups: ['devs'], keys: [{ ageDays: 10 + i * 13 }] });
      return { name: `p${i}`, keyId: user.accessKeyId, secret: user.secretAccessKey };
    });
    emulator.injectFault({ action: '*', latencyMs: LATENCY_MS });
    // A fresh record of our own calls per run, so every run starts alike (no probers known).
    const audit = async (concurrency?: number) => {
      const home = mkdtempSync(join(tmpdir(), 'akg-bench-'));
      try {
        const loader = new ProfileFactsLoader({ env: { ...sandbox.env, AWS_KEY_GUARD_KEY_USE: join(home, 'key-use.json') }, homedir: home, concurrency });
        const auditor = new ProfileAuditor(loader, { concurrency, advisorPolling: { intervalMs: 100, maxPolls: 10 } });
        const started = performance.now();
        const { audits } = await auditor.auditAll();
        const ms = performance.now() - started;
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
      console.log(`${`parallel (cap ${concurrency}):`.padEnd(29)} ${ms.toFixed(0)} ms  = ${(ms / slowest).toFixed(2)}× slowest chain, ${(serial / ms).toFixed(1)}× faster than serial`);
    }
  } finally {
    sandbox.dispose();
    await emulator.close();
  }
}
