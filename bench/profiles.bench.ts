/**
 * Profiles bench: 30 profiles (30 IAM users) against the emulator with 100 ms injected latency per
 * call. Each profile's chain is two round trips (GetAccessKeyLastUsed of its key, then STS
 * GetCallerIdentity ‖ IAM ListAccessKeys). Prints the parallel load time next to the slowest single profile's chain
 * and the serial total, both measured in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyUseRecord, ProfileFactsLoader } from '../src/core/profiles';
import { startEmulator } from '../tools/emulator';
import { SharedFilesSandbox } from '../test/unit/profiles/helpers';

const PROFILES = 30;
const LATENCY_MS = 100;

export async function run(): Promise<void> {
  const emulator = await startEmulator({ seed: { accountId: '111122223333', users: [{ name: 'admin', admin: true }] } });
  const sandbox = new SharedFilesSandbox(emulator.url);
  const tempDirs: string[] = [];
  try {
    const specs = Array.from({ length: PROFILES }, (_, i) => {
      const user = emulator.addUser({ name: `user${i}`, policy: { selfOnly: true }, keys: [{ ageDays: 10 + i * 13 }] });
      return { name: `p${i}`, keyId: user.accessKeyId, secret: user.secretAccessKey };
    });
    emulator.injectFault({ action: '*', latencyMs: LATENCY_MS });
    // A fresh record of our own calls per loader: every measured load is a first session (no prober to try).
    const loaderFor = (concurrency: number) => {
      const dir = mkdtempSync(join(tmpdir(), 'akg-bench-'));
      tempDirs.push(dir);
      return new ProfileFactsLoader({ env: sandbox.env, homedir: sandbox.dir, concurrency, keyUse: new KeyUseRecord(join(dir, 'key-use.json')) });
    };
    const time = async (f: () => Promise<unknown>) => {
      const started = performance.now();
      await f();
      return performance.now() - started;
    };

    // Warm-up: the first load pays for requiring the SDK, which is not what is measured here.
    sandbox.write([specs[0]]);
    await loaderFor(1).load();
    // One profile at a time: each chain alone, and their sum (the real serial cost).
    const singles: number[] = [];
    for (const spec of specs) {
      sandbox.write([spec]);
      singles.push(await time(() => loaderFor(1).load()));
    }
    const slowest = Math.max(...singles);
    const serial = singles.reduce((a, b) => a + b, 0);

    sandbox.write(specs);
    const results: Array<[string, number]> = [];
    for (const concurrency of [6, 16, PROFILES]) {
      const loader = loaderFor(concurrency);
      let failed = 0;
      const ms = await time(async () => {
        const snapshot = await loader.load();
        failed = snapshot.reports.filter((r) => r.status.state !== 'loaded').length;
      });
      if (failed) throw new Error(`${failed} profiles failed to load in the bench`);
      results.push([`parallel (cap ${concurrency})`, ms]);
    }
    const cached = loaderFor(6);
    await cached.load();
    results.push(['cached reload', await time(() => cached.load())]);

    console.log(`${PROFILES} profiles, ${LATENCY_MS} ms latency per call, 3 calls per profile (2 round trips)`);
    console.log(`slowest single profile chain: ${slowest.toFixed(0)} ms`);
    console.log(`serial total (measured):      ${serial.toFixed(0)} ms`);
    for (const [label, ms] of results) {
      console.log(`${(label + ':').padEnd(29)} ${ms.toFixed(0)} ms  = ${(ms / slowest).toFixed(2)}× slowest chain, ${(serial / ms).toFixed(1)}× faster than serial`);
    }
  } finally {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    sandbox.dispose();
    await emulator.close();
  }
}
