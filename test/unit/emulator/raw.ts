/**
 * Raw HTTP to the emulator, for what the SDK never sends: unsigned or tampered requests, the
 * control endpoint, requests signed for one service but asking another's action.
 */
import { request } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../../tools/emulator/auth';
import { Credentials } from './helpers';

/** A raw HTTP answer. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends one HTTP request to `baseUrl` and collects the answer. */
export function rawRequest(baseUrl: string, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  const url = new URL(options.path ?? '/', baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'POST', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body ?? '');
  });
}

/** A JSON call to the control endpoint. */
export async function control(baseUrl: string, method: string, path: string, json?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await rawRequest(baseUrl, {
    method,
    path,
    headers: json === undefined ? {} : { 'content-type': 'application/json' },
    body: json === undefined ? '' : JSON.stringify(json),
  });
  return { status: response.status, json: JSON.parse(response.body) };
}

/**
 * Signs a Query protocol request with SigV4 as the SDK would, then lets `tamper` change the
 * body after signing, and sends it.
 */
export async function signedQuery(
  baseUrl: string,
  options: { service: string; body: string; credentials: Credentials; tamper?: (body: string) => string; applyChecksum?: boolean },
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const signer = new SignatureV4({ service: options.service, region: 'us-east-1', credentials: options.credentials, sha256: NodeSha256, applyChecksum: options.applyChecksum });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: '/',
    headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded' },
    body: options.body,
  });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name] = String(value);
  const body = options.tamper ? options.tamper(options.body) : options.body;
  headers['content-length'] = String(Buffer.byteLength(body));
  return rawRequest(baseUrl, { headers, body });
}
