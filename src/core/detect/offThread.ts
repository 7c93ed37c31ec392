/**
 * Runs the detector on a worker thread, so a huge document (a minified bundle, a log) never blocks the
 * thread that asked: the extension host keeps serving every extension while the scan runs. One worker,
 * started on first use; a scan that takes longer than its budget ends the worker (the next scan starts
 * a fresh one) and rejects, so a pathological input costs a bounded time and never a hang.
 */
import { Worker } from 'node:worker_threads';
import type { DetectOptions, Finding } from './types';
import type { DetectRequest, DetectResponse } from './worker';

/** Thrown when a scan exceeded its time budget; the worker was ended. */
export class ScanTimeoutError extends Error {}

interface Pending {
  resolve: (response: DetectResponse) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export class OffThreadDetector {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** @param workerScript absolute path of the compiled `worker.js` (in the extension: `dist/detectWorker.js`). */
  constructor(
    private readonly workerScript: string,
    private readonly budgetMs = 30_000,
  ) {}

  /** Findings of `text`, computed on the worker thread. */
  async detect(text: string, options: DetectOptions = {}, budgetMs = this.budgetMs): Promise<Finding[]> {
    const response = await this.request(text, options, budgetMs);
    if (response.error !== undefined) throw new Error(`The detector failed: ${response.error}`);
    return response.findings ?? [];
  }

  /** Like detect, with the id of the thread that did the work (tests check it is not the caller's). */
  request(text: string, options: DetectOptions = {}, budgetMs = this.budgetMs): Promise<DetectResponse> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<DetectResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.stop(new ScanTimeoutError(`The scan took longer than ${budgetMs / 1000} s and was stopped`));
      }, budgetMs);
      this.pending.set(id, { resolve, reject, timer });
      const request: DetectRequest = { id, text, options };
      worker.postMessage(request);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerScript);
    worker.unref(); // An idle detector never keeps a process (the CLI, a test run) alive.
    worker.on('message', (response: DetectResponse) => {
      const entry = this.pending.get(response.id);
      if (!entry) return;
      clearTimeout(entry.timer);
      this.pending.delete(response.id);
      entry.resolve(response);
    });
    worker.on('error', (err) => this.stop(err));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    this.worker = worker;
    return worker;
  }

  /** Ends the worker and fails whatever was still waiting on it. */
  private stop(reason: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(reason);
      this.pending.delete(id);
    }
    void worker?.terminate();
  }

  dispose(): void {
    this.stop(new Error('The detector was disposed'));
  }
}
