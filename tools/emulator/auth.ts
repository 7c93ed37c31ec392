/**
 * SigV4 authentication as IAM and STS do it: find the key named in the Authorization header,
 * recompute the signature over the same canonical request with that key's secret, compare in
 * constant time, then check status, session token, expiry and IAM's propagation delay.
 */
import { createHash, createHmac, Hash, Hmac, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { AwsError, invalidClientTokenId } from './errors';
import { Principal } from './model';
import { IamState } from './state';

/** The parts of an HTTP request the signature covers. Header names are lower case. */
export interface SignedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: string;
}

/** The fields of an `AWS4-HMAC-SHA256` Authorization header. */
export interface SigV4Authorization {
  accessKeyId: string;
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** SHA-256 (or HMAC-SHA-256 with a secret) on node's crypto, in the shape the smithy signer expects (tests sign raw requests with it). */
export class NodeSha256 {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256');
    const key = typeof this.secret === 'string' ? this.secret : this.secret instanceof ArrayBuffer ? Buffer.from(this.secret) : Buffer.from(this.secret.buffer, this.secret.byteOffset, this.secret.byteLength);
    return createHmac('sha256', key);
  }

  update(data: Uint8Array): void {
    this.hash.update(data);
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  reset(): void {
    this.hash = this.fresh();
  }
}

function incompleteSignature(detail: string): AwsError {
  return new AwsError('IncompleteSignature', 400, detail);
}

/**
 * Parses `AWS4-HMAC-SHA256 Credential=AKIA…/20240101/us-east-1/iam/aws4_request,
 * SignedHeaders=host;x-amz-date, Signature=…`. Undefined when there is no header at all.
 */
export function parseAuthorization(header: string | undefined): SigV4Authorization | undefined {
  if (header === undefined) return undefined;
  const match = /^AWS4-HMAC-SHA256\s+(.*)$/.exec(header.trim());
  if (!match) throw incompleteSignature(`Authorization header requires the AWS4-HMAC-SHA256 algorithm. Authorization=${header.split(' ')[0]}`);
  const fields = new Map<string, string>();
  for (const part of match[1].split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  for (const name of ['Credential', 'SignedHeaders', 'Signature']) {
    if (!fields.has(name)) throw incompleteSignature(`Authorization header requires '${name}' parameter.`);
  }
  const scope = (fields.get('Credential') as string).split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request') {
    throw incompleteSignature("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term.");
  }
  return {
    accessKeyId: scope[0],
    scopeDate: scope[1],
    region: scope[2],
    service: scope[3],
    signedHeaders: (fields.get('SignedHeaders') as string).split(';').map((h) => h.trim().toLowerCase()),
    signature: fields.get('Signature') as string,
  };
}

function parseAmzDate(value: string | undefined): Date {
  const m = value === undefined ? null : /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw incompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

/** Recomputes the request's signature with `secretAccessKey` and compares it in constant time. */
export async function signatureMatches(request: SignedRequest, authorization: SigV4Authorization, secretAccessKey: string): Promise<boolean> {
  // Sign exactly the headers the client signed, so unsigned extras (user-agent…) do not matter.
  const headers: Record<string, string> = {};
  for (const name of authorization.signedHeaders) {
    if (request.headers[name] === undefined) return false;
    headers[name] = request.headers[name];
  }
  // The signer trusts x-amz-content-sha256 as the payload hash; check it so a changed body cannot hide.
  const declaredHash = request.headers['x-amz-content-sha256'];
  if (declaredHash !== undefined && declaredHash !== createHash('sha256').update(request.body).digest('hex')) return false;
  const signer = new SignatureV4({
    service: authorization.service,
    region: authorization.region,
    credentials: { accessKeyId: authorization.accessKeyId, secretAccessKey },
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const [hostname, port] = (request.headers.host ?? '').split(':');
  const signed = await signer.sign(
    { method: request.method, protocol: 'http:', hostname, port: port ? Number(port) : undefined, path: request.path, query: request.query, headers, body: request.body },
    { signingDate: parseAmzDate(request.headers['x-amz-date']), signableHeaders: new Set(authorization.signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization))?.[1] ?? '';
  const given = Buffer.from(authorization.signature);
  return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
}

function signatureDoesNotMatch(): AwsError {
  return new AwsError(
    'SignatureDoesNotMatch',
    403,
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  );
}

/**
 * Authenticates a request against the account: returns the calling principal, or throws the
 * error AWS would (MissingAuthenticationToken, InvalidClientTokenId, SignatureDoesNotMatch,
 * ExpiredToken).
 */
export async function authenticate(request: SignedRequest, authorization: SigV4Authorization | undefined, state: IamState): Promise<Principal> {
  if (!authorization) throw new AwsError('MissingAuthenticationToken', 403, 'Request is missing Authentication Token');
  const now = state.clock.nowMs();
  const session = state.sessions.get(authorization.accessKeyId);
  if (session) {
    if (request.headers['x-amz-security-token'] !== session.sessionToken) throw invalidClientTokenId();
    if (!(await signatureMatches(request, authorization, session.secretAccessKey))) throw signatureDoesNotMatch();
    if (now >= session.expiration.getTime()) throw new AwsError('ExpiredToken', 403, 'The security token included in the request is expired');
    return { user: state.user(session.userName), accessKeyId: session.accessKeyId, session };
  }
  const key = state.keys.get(authorization.accessKeyId);
  // IAM does not say which of these it was: a deleted, disabled or not yet propagated key all look unknown.
  if (!key || key.status !== 'Active' || now < key.usableFromMs) throw invalidClientTokenId();
  if (request.headers['x-amz-security-token'] !== undefined) throw invalidClientTokenId();
  if (!(await signatureMatches(request, authorization, key.secretAccessKey))) throw signatureDoesNotMatch();
  // The use is recorded once the call is answered (server.ts): IAM's last-used data lags the call.
  return { user: state.user(key.userName), accessKeyId: key.accessKeyId };
}
