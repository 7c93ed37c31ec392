/**
 * Detector bench: in-process throughput on generated inputs, precision/recall over the labelled
 * corpus, pathological-input timings, and the CLI's wall time on a generated tree beside
 * secretlint (recommended preset) and git-secrets (--register-aws). Secrets are never printed:
 * every tool's output goes to /dev/null, only timings and counts are shown.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectSecrets } from '../src/core/detect';
import { corpusNotation, loadCorpus } from '../test/unit/detect/corpus';
import * as fake from '../test/unit/detect/fakes';

const ROOT = path.resolve(__dirname, '../..');
const MB = 1_000_000;

const WORDS = ['user', 'order', 'item', 'config', 'value', 'result', 'handler', 'request', 'client', 'cache', 'index', 'buffer', 'stream', 'token', 'session', 'account', 'region', 'bucket', 'payload', 'status'];

function ident(rng: fake.FakeRandom): string {
  const a = rng.pick(WORDS);
  const b = rng.pick(WORDS);
  return a + b[0].toUpperCase() + b.slice(1);
}

/** One line of realistic source or config, now and then with a secret-like name or a real-shaped secret. */
function sourceLine(rng: fake.FakeRandom): string {
  const r = rng.int(1000);
  if (r === 0) return `aws_access_key_id = ${fake.fakeKeyId(rng)}`;
  if (r === 1) return `aws_secret_access_key = ${fake.fakeSecretAccessKey(rng)}`;
  if (r === 2) return `  auth: '${fake.fakeGithubToken(rng)}',`;
  if (r < 8) return `    const secretName = process.env.${ident(rng).toUpperCase()}_SECRET;`;
  if (r < 15) return `  "integrity": "sha512-${fake.fakeBase64(rng, 86)}==",`;
  if (r < 18) return `const logo = 'data:image/png;base64,${fake.fakeBase64(rng, 1200)}';`;
  if (r < 40) return `commit: ${fake.fakeSha1(rng)}  # ${fake.fakeUuid(rng)}`;
  const templates = [
    () => `const ${ident(rng)} = require('./${rng.pick(WORDS)}');`,
    () => `function ${ident(rng)}(${ident(rng)}, ${ident(rng)}) {`,
    () => `  if (${ident(rng)}.length > ${rng.int(100)}) return ${ident(rng)}.map((x) => x.${ident(rng)});`,
    () => `  // Keep the ${rng.pick(WORDS)} in sync with the ${rng.pick(WORDS)} before we ${rng.pick(WORDS)} it.`,
    () => `def ${ident(rng)}(self, ${ident(rng)}=None):`,
    () => `        return self.${ident(rng)}[${rng.int(10)}]`,
    () => `  ${ident(rng)}: ${rng.pick(WORDS)}-${rng.int(1000)}`,
    () => `    private final ${rng.pick(['String', 'int', 'List<Order>'])} ${ident(rng)} = ${rng.int(5000)};`,
    () => `}`,
    () => ``,
  ];
  return rng.pick(templates)();
}

export function mixedSource(bytes: number, seed: number): string {
  const rng = new fake.FakeRandom(seed);
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const line = sourceLine(rng);
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

export function minified(bytes: number, seed: number): string {
  const rng = new fake.FakeRandom(seed);
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const r = rng.int(400);
    const part =
      r === 0
        ? `var k="${fake.fakeKeyId(rng)}";`
        : r < 4
          ? `e.clientSecret=t.${ident(rng)}||"";`
          : r < 8
            ? `n="${fake.fakeBase64(rng, 120)}";`
            : `function ${ident(rng)}(e,t){return e.${ident(rng)}(t,${rng.int(99)})&&!t.${ident(rng)}}var ${ident(rng)}="${rng.pick(WORDS)}";`;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

/** "3.2× faster" or "1.4× slower": ours against a peer's wall time. */
function versus(peerMs: number, oursMs: number): string {
  return oursMs <= peerMs ? `${(peerMs / oursMs).toFixed(1)}× faster` : `${(oursMs / peerMs).toFixed(1)}× slower`;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** CPU time of fn in ms: unlike wall time, barely moved by other processes on a busy machine. */
function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function throughput(label: string, text: string): void {
  detectSecrets(text); // warm up the JIT
  const runs = [1, 2, 3, 4, 5, 6, 7].map(() => timeMs(() => detectSecrets(text)));
  const cpuRuns = [1, 2, 3, 4, 5, 6, 7].map(() => cpuMs(() => detectSecrets(text)));
  const mbps = (ms: number): string => (text.length / MB / (ms / 1000)).toFixed(0);
  const found = detectSecrets(text).length;
  console.log(
    `detector: ${label}: ${mbps(median(runs))} MB/s median, ${mbps(Math.min(...runs))} MB/s best of 7 (${median(runs).toFixed(1)} ms, ${found} findings); ` +
      `in CPU time ${mbps(median(cpuRuns))} MB/s median`,
  );
}

function accuracy(): void {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let examplesAsLeaks = 0;
  let labels = 0;
  for (const file of loadCorpus()) {
    const found = detectSecrets(file.text).map(corpusNotation);
    const key = (e: { ruleId: string; at: string }): string => `${e.ruleId}@${e.at}`;
    const expected = new Set(file.expected.filter((e) => e.ruleId !== 'aws-example-key').map(key));
    const exampleSpots = new Set(file.expected.filter((e) => e.ruleId === 'aws-example-key').map((e) => e.at));
    labels += file.expected.length;
    for (const f of found) {
      if (f.ruleId === 'aws-example-key') continue;
      if (exampleSpots.has(f.at)) examplesAsLeaks++;
      if (expected.has(key(f))) tp++;
      else fp++;
    }
    const foundKeys = new Set(found.map(key));
    for (const e of expected) if (!foundKeys.has(e)) fn++;
  }
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  console.log(`detector: corpus (${loadCorpus().length} files, ${labels} labels): precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn}), examples reported as leaks: ${examplesAsLeaks}`);
}

function pathological(): void {
  const rng = new fake.FakeRandom(5);
  const cases: Array<[string, string]> = [
    ['1 MB line of A', 'A'.repeat(1 << 20)],
    ['1 MB base64 run', fake.fakeBase64(rng, 1 << 20)],
    ['1 MB of "secret " names', 'secret '.repeat((1 << 20) / 7)],
    ['100k-character lines x10', Array.from({ length: 10 }, () => ('k = "' + fake.fakeBase64(rng, 40) + '" ').repeat(100_000 / 48)).join('\n')],
  ];
  for (const [label, text] of cases) console.log(`detector: pathological ${label}: ${timeMs(() => detectSecrets(text)).toFixed(0)} ms`);
}

export function writeTree(dir: string, bytes: number): number {
  let written = 0;
  let n = 0;
  const exts = ['js', 'py', 'yml', 'env', 'java', 'go', 'json', 'md'];
  while (written < bytes) {
    const sub = path.join(dir, `pkg${n % 20}`, `mod${n % 7}`);
    fs.mkdirSync(sub, { recursive: true });
    const text = mixedSource(10_000, 1000 + n);
    fs.writeFileSync(path.join(sub, `file${n}.${exts[n % exts.length]}`), text);
    written += text.length;
    n++;
  }
  return n;
}

interface Timed {
  label: string;
  cmd: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  ms: number[];
  status: number | null;
}

/**
 * Median wall times of commands run in turn (A, B, C, A, B, C, ...): a change in the machine's load
 * hits every command alike instead of whichever happened to run then. Output is discarded.
 */
function interleaved(commands: Array<Omit<Timed, 'ms' | 'status'>>, rounds: number): Timed[] {
  const timed: Timed[] = commands.map((c) => ({ ...c, ms: [], status: null }));
  for (let r = 0; r < rounds; r++) {
    for (const t of timed) {
      const start = process.hrtime.bigint();
      const result = spawnSync(t.cmd, t.args, { cwd: t.cwd, stdio: 'ignore', env: t.env ?? process.env });
      t.ms.push(Number(process.hrtime.bigint() - start) / 1e6);
      t.status = result.status;
    }
  }
  return timed;
}

/** "0.62× its wall time (3.1× faster)". */
function ratio(peerMs: number, oursMs: number): string {
  return `${(oursMs / peerMs).toFixed(2)}× its wall time (${versus(peerMs, oursMs)})`;
}

/**
 * The CLI over a 7 MB tree (a 5 MiB minified bundle and 10 KB source files) beside git-secrets and
 * secretlint. Node's own start-up is timed too: it is part of every CLI run, and on a machine that
 * sets NODE_EXTRA_CA_CERTS Node 20 parses those certificates before running any code (a scan makes
 * no TLS connection), so the CLI is also timed without that variable.
 */
function cliComparison(): void {
  const cli = path.join(ROOT, 'dist/cli.js');
  if (!fs.existsSync(cli)) spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'akg-bench-'));
  try {
    const tree = path.join(tmp, 'tree');
    fs.mkdirSync(tree);
    const bundle = minified(5 * 1024 * 1024, 3);
    fs.writeFileSync(path.join(tree, 'app.bundle.min.js'), bundle);
    const files = writeTree(tree, 7 * MB - bundle.length) + 1;
    console.log(`cli: generated tree: ${files} files, 7 MB, one of them a 5 MiB single-line minified bundle`);
    const rc = path.join(tmp, '.secretlintrc.json');
    fs.writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    const gitSecrets = spawnSync('git', ['init', '-q'], { cwd: tree }).status === 0 && spawnSync('git', ['secrets', '--register-aws'], { cwd: tree, stdio: 'ignore' }).status === 0;
    const withoutCa = { ...process.env };
    delete withoutCa.NODE_EXTRA_CA_CERTS;
    const extraCa = process.env.NODE_EXTRA_CA_CERTS !== undefined;

    const commands: Array<Omit<Timed, 'ms' | 'status'>> = [
      { label: 'node -e 0 (start-up alone)', cmd: process.execPath, args: ['-e', '0'], cwd: tree },
      { label: 'aws-key-guard scan', cmd: process.execPath, args: [cli, 'scan', '.', '--format', 'json'], cwd: tree },
    ];
    if (extraCa) commands.push({ label: 'aws-key-guard scan without NODE_EXTRA_CA_CERTS', cmd: process.execPath, args: [cli, 'scan', '.', '--format', 'json'], cwd: tree, env: withoutCa });
    // The test host's Node 24 (npm test installs it), when present: Node 22 and later read
    // NODE_EXTRA_CA_CERTS only when a TLS connection needs it.
    const node24 = path.join(ROOT, '.host', 'node24', 'bin', 'node');
    const hasNode24 = fs.existsSync(node24);
    if (hasNode24) commands.push({ label: 'aws-key-guard scan on Node 24', cmd: node24, args: [cli, 'scan', '.', '--format', 'json'], cwd: tree });
    if (gitSecrets) commands.push({ label: 'git-secrets --scan -r', cmd: 'git', args: ['secrets', '--scan', '-r', '.'], cwd: tree });
    const results = interleaved(commands, 9);
    const secretlint = interleaved([{ label: 'secretlint (recommended preset)', cmd: path.join(ROOT, 'node_modules/.bin/secretlint'), args: ['--secretlintrc', rc, '--format', 'compact', `${tree}/**/*`], cwd: ROOT }], 3)[0];

    for (const t of [...results, secretlint]) console.log(`cli: ${t.label}: ${median(t.ms).toFixed(0)} ms median of ${t.ms.length}, best ${Math.min(...t.ms).toFixed(0)} ms (exit ${t.status})`);
    const ours = median(results[1].ms);
    console.log(`cli: aws-key-guard against secretlint: ${ratio(median(secretlint.ms), ours)}`);
    if (!gitSecrets) {
      console.log('cli: git-secrets: not available, skipped');
      return;
    }
    const gs = median(results[results.length - 1].ms);
    console.log(`cli: aws-key-guard against git-secrets: ${ratio(gs, ours)}; target at most 0.75×`);
    if (extraCa) {
      console.log(
        `cli: aws-key-guard against git-secrets without NODE_EXTRA_CA_CERTS: ${ratio(gs, median(results[2].ms))} ` +
          `(this machine sets it; Node ${process.version} parses it at start-up)`,
      );
    }
    if (hasNode24) console.log(`cli: aws-key-guard on Node 24 against git-secrets: ${ratio(gs, median(results[results.length - 2].ms))}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  // Other work on the machine skews every figure below: say how busy it was.
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`detector: machine: ${os.cpus().length} CPUs, load average ${load}, node ${process.version}`);
  throughput('10 MB mixed source', mixedSource(10 * MB, 1));
  throughput('5 MB single-line minified', minified(5 * MB, 2));
  accuracy();
  pathological();
  cliComparison();
}
