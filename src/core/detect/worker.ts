/**
 * Worker-thread entry of the detector: the editor sends whole documents here when they are too large
 * to scan on the extension host's thread without a visible pause. Pure Node, no `vscode`.
 */
import { parentPort, threadId } from 'node:worker_threads';
import { detectSecrets } from './detector';
import type { DetectOptions, Finding } from './types';

/** A request to the detector worker. */
export interface DetectRequest {
  id: number;
  text: string;
  options: DetectOptions;
}

/** The worker's answer: the findings, or the error message, and the thread that computed them. */
export interface DetectResponse {
  id: number;
  findings?: Finding[];
  error?: string;
  threadId: number;
}

parentPort?.on('message', (request: DetectRequest) => {
  let response: DetectResponse;
  try {
    response = { id: request.id, findings: detectSecrets(request.text, request.options), threadId };
  } catch (err) {
    response = { id: request.id, error: err instanceof Error ? err.message : String(err), threadId };
  }
  parentPort?.postMessage(response);
});
