import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { parseIgnoreFile } from '../../../src/core/detect';
import { scanFiles } from '../../../src/core/scan/scanFiles';
import * as fake from './fakes';

/** A DER-looking PKCS#12 body: SEQUENCE tag, then binary bytes with NULs (what the binary sniff sees). */
function fakeKeyStore(rng: fake.FakeRandom): Buffer {
  const bytes = Buffer.alloc(2048);
  for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(256);
  bytes[0] = 0x30;
  bytes[5] = 0;
  return bytes;
}

describe('scan: committed PKCS#12 key stores', () => {
  const rng = new fake.FakeRandom(1520);
  let root = '';
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'akg-p12-'));
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('reports .p12 and .pfx files (any case) although they are binary, and skips other binaries', async () => {
    const store = fakeKeyStore(rng);
    await fs.mkdir(path.join(root, 'certs'));
    await fs.writeFile(path.join(root, 'certs/client.p12'), store);
    await fs.writeFile(path.join(root, 'certs/SERVER.PFX'), fakeKeyStore(rng));
    await fs.writeFile(path.join(root, 'certs/logo.png'), store);
    await fs.writeFile(path.join(root, 'certs/empty.p12'), Buffer.alloc(0));
    const files = ['certs/client.p12', 'certs/SERVER.PFX', 'certs/logo.png', 'certs/empty.p12'].map((f) => path.join(root, f));
    const outcome = scanFiles(files, { maxFileSize: 1024 * 1024, includeExamples: true, ignoreScopes: [] });
    assert.deepEqual(
      outcome.findings.map((f) => [path.relative(root, f.file), f.ruleId, f.kind, f.confidence, f.masked]),
      [
        ['certs/SERVER.PFX', 'pkcs12-file', 'pkcs12-file', 'high', '[PKCS#12 key store]'],
        ['certs/client.p12', 'pkcs12-file', 'pkcs12-file', 'high', '[PKCS#12 key store]'],
      ],
    );
    assert.equal(outcome.stats.skippedBinary, 1);
  });

  it('fingerprints the content: the ignore file silences one key store, not another', async () => {
    await fs.writeFile(path.join(root, 'a.p12'), fakeKeyStore(rng));
    await fs.writeFile(path.join(root, 'b.p12'), fakeKeyStore(rng));
    const files = [path.join(root, 'a.p12'), path.join(root, 'b.p12')];
    const first = scanFiles(files, { maxFileSize: 1024 * 1024, includeExamples: true, ignoreScopes: [] });
    const ignoreA = parseIgnoreFile(`${first.findings[0].fingerprint}\n`);
    const second = scanFiles(files, { maxFileSize: 1024 * 1024, includeExamples: true, ignoreScopes: [{ dir: root, list: ignoreA }] });
    assert.deepEqual(second.findings.map((f) => path.basename(f.file)), ['b.p12']);
    const byGlob = scanFiles(files, { maxFileSize: 1024 * 1024, includeExamples: true, ignoreScopes: [{ dir: root, list: parseIgnoreFile('*.p12\n') }] });
    assert.deepEqual(byGlob.findings, []);
  });

  it('fails the CLI scan (exit 1) on a committed key store, without printing its bytes', async () => {
    await fs.writeFile(path.join(root, 'deploy.pfx'), fakeKeyStore(rng));
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['scan', root], { out: (t) => out.push(t), err: (t) => err.push(t), env: {}, cwd: root });
    assert.equal(code, 1);
    assert.deepEqual(out, ['deploy.pfx:1:1  pkcs12-file  [PKCS#12 key store]']);
  });
});
