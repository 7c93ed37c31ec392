/**
 * History bench: `aws-key-guard scan --history` on a generated repository of 5,000 commits, beside
 * `git secrets --scan-history` (--register-aws) in the same run. The repository is written with one
 * `git fast-import`; secrets are never printed (every tool's output goes to /dev/null).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fake from '../test/unit/detect/fakes';
import { mixedSource } from './detect.bench';

const ROOT = path.resolve(__dirname, '../..');
const COMMITS = 5000;
const FILES = 50;

/** A fast-import stream: each commit appends a few lines of source to one of FILES files. */
function historyStream(): { stream: Buffer; bytes: number } {
  const rng = new fake.FakeRandom(77);
  const contents: string[] = Array.from({ length: FILES }, () => '');
  const parts: Buffer[] = [];
  let bytes = 0;
  const data = (text: string): void => {
    const b = Buffer.from(text);
    parts.push(Buffer.from(`data ${b.length}\n`), b, Buffer.from('\n'));
  };
  for (let c = 1; c <= COMMITS; c++) {
    const f = rng.int(FILES);
    const added = mixedSource(400, c) + '\n';
    contents[f] += added;
    bytes += added.length;
    const when = 1_600_000_000 + c * 60;
    parts.push(Buffer.from(`commit refs/heads/main\nmark :${c}\nauthor b <b@example.com> ${when} +0000\ncommitter b <b@example.com> ${when} +0000\n`));
    data(`commit ${c}`);
    if (c > 1) parts.push(Buffer.from(`from :${c - 1}\n`));
    parts.push(Buffer.from(`M 100644 inline src/file${f}.txt\n`));
    data(contents[f]);
  }
  return { stream: Buffer.concat(parts), bytes };
}

function wall(cmd: string, args: string[], cwd: string): { ms: number; status: number | null } {
  let best = Infinity;
  let status: number | null = null;
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd, stdio: 'ignore' });
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
    status = r.status;
  }
  return { ms: best, status };
}

/** "3.2× faster" or "1.4× slower": ours against a peer's wall time. */
function versus(peerMs: number, oursMs: number): string {
  return oursMs <= peerMs ? `${(peerMs / oursMs).toFixed(1)}× faster` : `${(oursMs / peerMs).toFixed(1)}× slower`;
}

export async function run(): Promise<void> {
  const cli = path.join(ROOT, 'dist/cli.js');
  if (!fs.existsSync(cli)) spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'akg-history-'));
  try {
    spawnSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
    const { stream, bytes } = historyStream();
    const imported = spawnSync('git', ['fast-import', '--quiet'], { cwd: repo, input: stream });
    if (imported.status !== 0) throw new Error('git fast-import failed');
    spawnSync('git', ['reset', '-q', '--hard', 'main'], { cwd: repo });
    console.log(`history: generated repository: ${COMMITS} commits, ${FILES} files, ${(bytes / 1e6).toFixed(1)} MB added in total`);
    const ours = wall(process.execPath, [cli, 'scan', '--history', '--format', 'json'], repo);
    console.log(`history: aws-key-guard scan --history: ${ours.ms.toFixed(0)} ms (exit ${ours.status})`);
    const reg = spawnSync('git', ['secrets', '--register-aws'], { cwd: repo, stdio: 'ignore' });
    if (reg.status === 0) {
      const gs = wall('git', ['secrets', '--scan-history'], repo);
      console.log(`history: git secrets --scan-history: ${gs.ms.toFixed(0)} ms (exit ${gs.status}); aws-key-guard is ${versus(gs.ms, ours.ms)}`);
    } else {
      console.log('history: git-secrets: not available, skipped');
    }
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
}
