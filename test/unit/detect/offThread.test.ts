import assert from 'node:assert/strict';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import { detectSecrets } from '../../../src/core/detect';
import { OffThreadDetector, ScanTimeoutError } from '../../../src/core/detect/offThread';
import { FakeRandom, fakeKeyId, fakeSecretAccessKey } from './fakes';

const workerScript = path.resolve(__dirname, '../../../src/core/detect/worker.js');

describe('detector off the calling thread', () => {
  const rng = new FakeRandom(21);
  const lines: string[] = [];
  for (let i = 0; i < 40_000; i++) lines.push(i % 997 === 0 ? `aws_access_key_id=${fakeKeyId(rng)}\naws_secret_access_key=${fakeSecretAccessKey(rng)}` : `const line${i} = compute(${i}) + 'some ordinary text';`);
  const text = lines.join('\n');

  it('finds exactly what the detector finds, on another thread', async () => {
    const detector = new OffThreadDetector(workerScript);
    try {
      const response = await detector.request(text);
      assert.notEqual(response.threadId, threadId);
      assert.deepEqual(response.findings, detectSecrets(text));
      assert.ok((response.findings ?? []).length >= 80);
    } finally {
      detector.dispose();
    }
  });

  it('stops a scan that exceeds its budget, and the next scan gets a fresh worker', async () => {
    const detector = new OffThreadDetector(workerScript);
    try {
      const first = detector.request(text);
      await assert.rejects(detector.detect(text.repeat(4), {}, 1), ScanTimeoutError);
      await assert.rejects(first, ScanTimeoutError, 'a scan queued behind the stopped one fails too');
      assert.equal((await detector.detect(`key=${fakeKeyId(rng)}`)).length, 1);
    } finally {
      detector.dispose();
    }
  });
});
