/**
 * The AWS side of the HTTP server: parse a Query protocol request, authenticate it, apply the
 * injected faults, run the action, and answer in AWS's XML, including for errors.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { ActionHandler } from './actions';
import { authenticate, parseAuthorization, SignedRequest, SigV4Authorization } from './auth';
import { AwsError } from './errors';
import { FaultTable } from './faults';
import { accessAdvisorActions } from './accessAdvisor';
import { IAM_NAMESPACE, IAM_VERSION, iamActions } from './iam';
import { mfaActions } from './mfa';
import { permissionActions } from './permissions';
import { newRequestId } from './ids';
import { Principal } from './model';
import { IamState } from './state';
import { STS_NAMESPACE, STS_VERSION, stsActions } from './sts';
import { queryRequestParameters, recordServedCall, sourceIpOf } from './trailRecorder';
import { actionResponse, errorResponse, XmlValue } from './xml';

/** One call as the emulator answered it, for tests that check what a client did and in what order. */
export interface CallRecord {
  time: Date;
  service: string;
  action: string;
  accessKeyId?: string;
  userName?: string;
  status: number;
  errorCode?: string;
  /** The region of the credential scope. */
  region?: string;
  sourceIp?: string;
  userAgent?: string;
}

/** What the AWS handler needs from the emulator that owns it. */
export interface AwsBackend {
  readonly state: IamState;
  readonly faults: FaultTable;
  readonly consistencyDelayMs: number;
  recordCall(call: CallRecord): void;
  /** Keeps a response that must never be answered, so closing the emulator can end it. */
  holdForever(response: ServerResponse): void;
}

const SERVICES: Record<string, { namespace: string; version: string; actions: Record<string, ActionHandler> }> = {
  iam: { namespace: IAM_NAMESPACE, version: IAM_VERSION, actions: { ...iamActions, ...permissionActions, ...accessAdvisorActions, ...mfaActions } },
  sts: { namespace: STS_NAMESPACE, version: STS_VERSION, actions: stsActions },
};

function singleValuedHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

function queryObject(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const previous = query[name];
    query[name] = previous === undefined ? value : ([] as string[]).concat(previous, value);
  }
  return query;
}

function send(response: ServerResponse, status: number, xml: string, requestId: string): void {
  if (response.destroyed) return;
  response.writeHead(status, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(xml), 'x-amzn-RequestId': requestId });
  response.end(xml);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Records an authenticated call as IAM does: the long-term key's last use (service, region), and
 * the service in the user's access history (Access Advisor), for calls that were not refused.
 * Recorded after the handler ran, so GetAccessKeyLastUsed never reports the very call asking.
 */
function recordUse(state: IamState, principal: Principal, service: string, region: string, status: number): void {
  const now = state.clock.now();
  if (!principal.session) {
    const key = state.keys.get(principal.accessKeyId);
    if (key) key.lastUsed = { date: now, serviceName: service, region };
  }
  if (status < 400) principal.user.serviceAccess.set(service, now);
}

/** Answers one AWS Query protocol request whose body has been read. */
export async function handleAwsRequest(backend: AwsBackend, request: IncomingMessage, response: ServerResponse, url: URL, body: string): Promise<void> {
  const requestId = newRequestId();
  const params = new URLSearchParams(body);
  for (const [name, value] of url.searchParams) if (!params.has(name)) params.append(name, value);
  const action = params.get('Action') ?? '';
  const headers = singleValuedHeaders(request);
  let serviceName = params.get('Version') === STS_VERSION ? 'sts' : 'iam';
  let principal: Principal | undefined;
  let authorization: SigV4Authorization | undefined;
  const sourceIp = sourceIpOf(request);
  const userAgent = headers['user-agent'] ?? '';
  const finish = (status: number, xml: string, errorCode?: string, detail: { errorMessage?: string; result?: { [name: string]: XmlValue } } = {}) => {
    const region = authorization?.region ?? 'us-east-1';
    if (principal) recordUse(backend.state, principal, serviceName, region, status);
    backend.recordCall({ time: backend.state.clock.now(), service: serviceName, action, accessKeyId: principal?.accessKeyId, userName: principal?.user.userName, status, errorCode, region, sourceIp, userAgent });
    const accessKeyId = principal?.accessKeyId ?? authorization?.accessKeyId;
    recordServedCall(backend.state, { service: serviceName, action, region, sourceIp, userAgent, accessKeyId, userName: principal?.user.userName, errorCode, errorMessage: detail.errorMessage, requestParameters: queryRequestParameters(params), result: detail.result });
    send(response, status, xml, requestId);
  };
  try {
    // The credential scope names the service the client meant; it wins over the Version guess.
    authorization = parseAuthorization(headers.authorization);
    if (authorization) serviceName = authorization.service;
    const service = SERVICES[serviceName];
    if (!service) throw new AwsError('InvalidAction', 400, `Unknown service ${serviceName} in the credential scope.`);
    const signed: SignedRequest = { method: request.method ?? 'POST', path: url.pathname, query: queryObject(url), headers, body };
    principal = await authenticate(signed, authorization, backend.state);
    const handler = Object.prototype.hasOwnProperty.call(service.actions, action) ? service.actions[action] : undefined;
    if (!handler) throw new AwsError('InvalidAction', 400, `Could not find operation ${action} for version ${params.get('Version') ?? service.version}`);
    const fault = backend.faults.take(action);
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.hang) {
      backend.recordCall({ time: backend.state.clock.now(), service: serviceName, action, accessKeyId: principal.accessKeyId, userName: principal.user.userName, status: 0, errorCode: 'Hang' });
      backend.holdForever(response);
      return;
    }
    if (fault.error) throw fault.error;
    const result = handler({ state: backend.state, principal, params, region: authorization?.region ?? 'us-east-1', consistencyDelayMs: backend.consistencyDelayMs });
    if (fault.lostAnswer) {
      backend.recordCall({ time: backend.state.clock.now(), service: serviceName, action, accessKeyId: principal.accessKeyId, userName: principal.user.userName, status: 0, errorCode: 'LostAnswer' });
      backend.holdForever(response);
      return;
    }
    finish(200, actionResponse(action, service.namespace, requestId, result), undefined, { result });
  } catch (error) {
    const namespace = (SERVICES[serviceName] ?? SERVICES.iam).namespace;
    if (error instanceof AwsError) {
      finish(error.status, errorResponse(error, namespace, requestId), error.code, { errorMessage: error.message });
    } else {
      // A bug in the emulator: say so on stderr and answer like AWS's own internal error.
      console.error('emulator: internal error', error);
      const internal = new AwsError('InternalFailure', 500, 'The request processing has failed because of an unknown error, exception or failure.');
      finish(500, errorResponse(internal, namespace, requestId), internal.code);
    }
  }
}
