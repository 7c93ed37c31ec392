/**
 * Turns a served call into a CloudTrail event: who (the key named in the signature, and its
 * user), from where (source IP, user agent), in which region, with what outcome. Responses are
 * recorded the way CloudTrail does it: key ids yes, secrets and session tokens never.
 */
import { IncomingMessage } from 'node:http';
import { TrailEvent } from './eventHistory';
import { IamState } from './state';
import { XmlValue } from './xml';

/** A served call, as the protocol handlers know it. */
export interface ServedCall {
  service: string;
  action: string;
  region: string;
  sourceIp: string;
  userAgent: string;
  accessKeyId?: string;
  /** The authenticated user, when authentication succeeded. */
  userName?: string;
  errorCode?: string;
  errorMessage?: string;
  requestParameters?: Record<string, unknown>;
  result?: { [name: string]: XmlValue } | Record<string, unknown>;
}

/**
 * The caller's address. A test or the demo may set X-Forwarded-For to play a caller from
 * elsewhere; the emulator only listens on 127.0.0.1, so nobody else can.
 */
export function sourceIpOf(request: IncomingMessage): string {
  const forwarded = request.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0].trim();
  if (first) return first;
  return (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

/** Parameters CloudTrail leaves out of its records: one-time codes and passwords. */
const NOT_RECORDED = new Set(['TokenCode', 'Password', 'OldPassword', 'NewPassword']);

/** The Query protocol's parameters as CloudTrail writes them: camelCase names, protocol fields left out. */
export function queryRequestParameters(params: URLSearchParams): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [name, value] of params) {
    if (name === 'Action' || name === 'Version' || NOT_RECORDED.has(name)) continue;
    out[name.charAt(0).toLowerCase() + name.slice(1)] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

function responseElementsOf(action: string, result: ServedCall['result']): Record<string, unknown> | undefined {
  const value = result as Record<string, Record<string, unknown> | undefined> | undefined;
  if (action === 'CreateAccessKey' && value?.AccessKey) {
    const key = value.AccessKey;
    return { accessKey: { userName: key.UserName, accessKeyId: key.AccessKeyId, status: key.Status, createDate: key.CreateDate } };
  }
  if (action === 'GetSessionToken' && value?.Credentials) {
    return { credentials: { accessKeyId: value.Credentials.AccessKeyId, expiration: value.Credentials.Expiration } };
  }
  return undefined;
}

/** Records a served call in the account's event history and returns the event. */
export function recordServedCall(state: IamState, call: ServedCall): TrailEvent {
  // A refused key (deactivated, unknown) still names its owner, so its use after containment shows.
  const userName = call.userName ?? (call.accessKeyId ? (state.keys.get(call.accessKeyId)?.userName ?? state.sessions.get(call.accessKeyId)?.userName) : undefined);
  const user = userName ? state.users.get(userName) : undefined;
  return state.trail.add({
    eventTime: state.clock.nowSeconds(),
    eventSource: `${call.service}.amazonaws.com`,
    eventName: call.action,
    awsRegion: call.region,
    sourceIPAddress: call.sourceIp,
    userAgent: call.userAgent,
    accessKeyId: call.accessKeyId,
    userName,
    userArn: user?.arn,
    errorCode: call.errorCode,
    errorMessage: call.errorMessage,
    requestParameters: call.requestParameters,
    responseElements: call.errorCode ? undefined : responseElementsOf(call.action, call.result),
  });
}
