import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import { detectSecrets, parseIgnoreFile, type DetectOptions, type Finding } from '../../../src/core/detect';
import { OffThreadDetector } from '../../../src/core/detect/offThread';
import { scanSlice, tooLargeReason, type Detector } from '../../../src/extension/diagnostics/sliceScan';
import * as fake from './fakes';

const workerScript = path.resolve(__dirname, '../../../src/core/detect/worker.js');

/** The real off-thread detector, noting the thread each scan ran on. */
class RecordingDetector implements Detector {
  readonly threads: number[] = [];
  constructor(private readonly inner: OffThreadDetector) {}
  async detect(text: string, options?: DetectOptions): Promise<Finding[]> {
    const response = await this.inner.request(text, options);
    this.threads.push(response.threadId);
    return response.findings ?? [];
  }
}

describe('workspace scan slices: big files off the extension host, skipped files listed', () => {
  const rng = new fake.FakeRandom(1813);
  let root = '';
  let inner: OffThreadDetector;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'akg-slice-'));
    inner = new OffThreadDetector(workerScript);
  });
  afterEach(async () => {
    inner.dispose();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('scans files over the sync limit on the worker thread, the rest here, and lists what it skipped', async () => {
    const keyId = fake.fakeKeyId(rng);
    const bundle = `${'function f(e,t){return e.a(t,1)&&!t.b}'.repeat(30_000)}var k="${keyId}";`;
    const write = async (name: string, content: string | Buffer): Promise<string> => {
      const file = path.join(root, name);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, content);
      return file;
    };
    const small = await write('src/deploy.sh', `export AWS_ACCESS_KEY_ID=${fake.fakeKeyId(rng)}\n`);
    const big = await write('dist/bundle.min.js', bundle);
    const huge = await write('dist/huge.js', `var k="${fake.fakeKeyId(rng)}";${' '.repeat(3 * 1024 * 1024)}`);
    const blob = await write('assets/big.bin', Buffer.concat([Buffer.from([0x89, 0, 1, 2]), Buffer.alloc(600 * 1024, 7)]));
    const ignored = await write('vendor/lib.min.js', bundle);
    const missing = path.join(root, 'gone.js');
    const detector = new RecordingDetector(inner);

    const outcome = await scanSlice(
      [small, big, huge, blob, ignored, missing],
      { maxFileSize: 2 * 1024 * 1024, includeExamples: true, ignoreScopes: [{ dir: root, list: parseIgnoreFile('vendor/\n') }], syncLimit: 256 * 1024 },
      detector,
    );

    assert.deepEqual(outcome.findings.map((f) => path.relative(root, f.file)), ['dist/bundle.min.js', 'src/deploy.sh']);
    const [found] = outcome.findings.filter((f) => f.file === big);
    assert.deepEqual({ ...found, file: undefined }, { ...detectSecrets(bundle)[0], file: undefined }, 'the same finding as on this thread');
    assert.equal(detector.threads.length, 1, 'only the big text file went to the worker (not the binary, the ignored or the too-large one)');
    assert.notEqual(detector.threads[0], threadId);
    assert.deepEqual(
      outcome.skipped.map((s) => [path.relative(root, s.path), s.reason]),
      [
        ['assets/big.bin', 'binary file'],
        ['dist/huge.js', tooLargeReason(2 * 1024 * 1024)],
      ],
    );
    assert.match(tooLargeReason(2 * 1024 * 1024), /awsKeyGuard\.scan\.maxFileSizeKB \(2048 KB\)/);
    assert.deepEqual(outcome.errors.map((e) => path.relative(root, e.path)), ['gone.js']);
    assert.deepEqual(outcome.stats, { filesScanned: 2, skippedBinary: 1, skippedLarge: 1, skippedIgnored: 1 });
  });

  it('applies the ignore file to findings of big files too', async () => {
    const keyId = fake.fakeKeyId(rng);
    const file = path.join(root, 'bundle.js');
    const text = `${'x'.repeat(300 * 1024)}\nvar k="${keyId}";\n`;
    await fs.writeFile(file, text);
    const [finding] = detectSecrets(text);
    const detector = new RecordingDetector(inner);
    const options = { maxFileSize: 1024 * 1024, includeExamples: true, syncLimit: 256 * 1024 };
    const shown = await scanSlice([file], { ...options, ignoreScopes: [] }, detector);
    assert.equal(shown.findings.length, 1);
    const silenced = await scanSlice([file], { ...options, ignoreScopes: [{ dir: root, list: parseIgnoreFile(`${finding.fingerprint}\n`) }] }, detector);
    assert.deepEqual(silenced.findings, []);
    assert.equal(silenced.stats.filesScanned, 1);
    assert.equal(detector.threads.length, 2);
    const cancelled = await scanSlice([file], { ...options, ignoreScopes: [], cancelled: () => true }, detector);
    assert.deepEqual([cancelled.findings, cancelled.stats.filesScanned, detector.threads.length], [[], 0, 2], 'a cancelled scan sends no more files to the worker');
  });
});
