/**
 * CloudTrail's LookupEvents over the AWS JSON 1.1 protocol (what @aws-sdk/client-cloudtrail and
 * the AWS CLI speak): the account's event history in the request's region, newest first, filtered
 * by one lookup attribute and a time range, in pages joined by NextToken.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, parseAuthorization, SigV4Authorization } from './auth';
import { AwsError } from './errors';
import { TrailEvent } from './eventHistory';
import { newRequestId } from './ids';
import { authorize } from './policy';
import { Principal } from './model';
import type { AwsBackend } from './server';
import { IamState } from './state';
import { recordServedCall, sourceIpOf } from './trailRecorder';
import { awsTimestamp } from './xml';

/** CloudTrail's X-Amz-Target: the SDK sends `CloudTrail_20131101.Action`, the AWS CLI the fully qualified name. */
const CLOUDTRAIL_TARGET = /^(?:com\.amazonaws\.cloudtrail\.v20131101\.)?CloudTrail_20131101\.(\w+)$/;

/** True for a request to CloudTrail's JSON API. */
export function isCloudTrailRequest(target: string | string[] | undefined): boolean {
  return typeof target === 'string' && CLOUDTRAIL_TARGET.test(target);
}

const MAX_RESULTS = 50;
const ATTRIBUTE_KEYS = ['EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId'];

/** The JSON protocol names for the Query protocol's authentication errors. */
const JSON_ERROR_CODES: Record<string, string> = {
  AccessDenied: 'AccessDeniedException',
  InvalidClientTokenId: 'UnrecognizedClientException',
  SignatureDoesNotMatch: 'InvalidSignatureException',
  ExpiredToken: 'ExpiredTokenException',
  MissingAuthenticationToken: 'MissingAuthenticationTokenException',
  IncompleteSignature: 'IncompleteSignatureException',
};

function badRequest(code: string, message: string): AwsError {
  return new AwsError(code, 400, message);
}

interface PageToken {
  /** Epoch ms and sequence of the last event of the previous page. */
  t: number;
  s: number;
}

function encodeToken(event: TrailEvent): string {
  return Buffer.from(JSON.stringify({ t: event.eventTime.getTime(), s: event.sequence } satisfies PageToken)).toString('base64');
}

function decodeToken(text: unknown): PageToken | undefined {
  if (text === undefined || text === null) return undefined;
  try {
    const token = JSON.parse(Buffer.from(String(text), 'base64').toString('utf8')) as PageToken;
    if (typeof token.t === 'number' && typeof token.s === 'number') return token;
  } catch {
    // fall through to the error
  }
  throw badRequest('InvalidNextTokenException', 'Invalid NextToken.');
}

function timeBound(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  // The JSON protocol sends timestamps as epoch seconds.
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badRequest('ValidationException', `${name} must be a timestamp.`);
  return value * 1000;
}

function resourcesOf(event: TrailEvent): { ResourceType: string; ResourceName: string }[] {
  const parameters = event.requestParameters ?? {};
  const resources: { ResourceType: string; ResourceName: string }[] = [];
  if (typeof parameters.accessKeyId === 'string') resources.push({ ResourceType: 'AWS::IAM::AccessKey', ResourceName: parameters.accessKeyId });
  const created = (event.responseElements?.accessKey as { accessKeyId?: string } | undefined)?.accessKeyId;
  if (created) resources.push({ ResourceType: 'AWS::IAM::AccessKey', ResourceName: created });
  if (typeof parameters.userName === 'string') resources.push({ ResourceType: 'AWS::IAM::User', ResourceName: parameters.userName });
  return resources;
}

function matchesAttribute(event: TrailEvent, key: string, value: string): boolean {
  switch (key) {
    case 'AccessKeyId':
      return event.accessKeyId === value;
    case 'EventName':
      return event.eventName === value;
    case 'Username':
      return event.userName === value;
    case 'EventSource':
      return event.eventSource === value;
    case 'EventId':
      return event.eventId === value;
    case 'ReadOnly':
      return String(event.readOnly) === value;
    case 'ResourceType':
      return resourcesOf(event).some((r) => r.ResourceType === value);
    case 'ResourceName':
      return resourcesOf(event).some((r) => r.ResourceName === value);
    default:
      return false;
  }
}

/** The CloudTrailEvent JSON document of one event, in CloudTrail's record format. */
function cloudTrailRecord(event: TrailEvent, accountId: string): string {
  return JSON.stringify({
    eventVersion: '1.08',
    userIdentity: {
      type: 'IAMUser',
      arn: event.userArn,
      accountId,
      accessKeyId: event.accessKeyId,
      userName: event.userName,
    },
    eventTime: awsTimestamp(event.eventTime),
    eventSource: event.eventSource,
    eventName: event.eventName,
    awsRegion: event.awsRegion,
    sourceIPAddress: event.sourceIPAddress,
    userAgent: event.userAgent,
    errorCode: event.errorCode,
    errorMessage: event.errorMessage,
    requestParameters: event.requestParameters ?? null,
    responseElements: event.responseElements ?? null,
    eventID: event.eventId,
    readOnly: event.readOnly,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: accountId,
    eventCategory: 'Management',
  });
}

/** LookupEvents: validates the input like CloudTrail, then answers one page. */
export function lookupEvents(state: IamState, principal: Principal, region: string, input: Record<string, unknown>): Record<string, unknown> {
  authorize(principal, 'cloudtrail:LookupEvents');
  const attributes = input.LookupAttributes === undefined ? [] : input.LookupAttributes;
  if (!Array.isArray(attributes)) throw badRequest('InvalidLookupAttributesException', 'LookupAttributes must be a list.');
  if (attributes.length > 1) throw badRequest('InvalidLookupAttributesException', 'You can specify only one lookup attribute.');
  const attribute = attributes[0] as { AttributeKey?: unknown; AttributeValue?: unknown } | undefined;
  if (attribute && (!ATTRIBUTE_KEYS.includes(String(attribute.AttributeKey)) || typeof attribute.AttributeValue !== 'string')) {
    throw badRequest('InvalidLookupAttributesException', `Invalid lookup attribute key ${String(attribute.AttributeKey)}.`);
  }
  const maxResults = input.MaxResults === undefined ? MAX_RESULTS : input.MaxResults;
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_RESULTS) {
    throw badRequest('InvalidMaxResultsException', `MaxResults must be between 1 and ${MAX_RESULTS}.`);
  }
  const start = timeBound(input.StartTime, 'StartTime');
  const end = timeBound(input.EndTime, 'EndTime');
  if (start !== undefined && end !== undefined && start > end) throw badRequest('InvalidTimeRangeException', 'Start time must be before end time.');
  const token = decodeToken(input.NextToken);
  // Pages continue after the last event returned, so events recorded while paging shift nothing.
  const matching = state.trail.newestFirst(state.clock.nowMs()).filter(
    (event) =>
      event.awsRegion === region &&
      (start === undefined || event.eventTime.getTime() >= start) &&
      (end === undefined || event.eventTime.getTime() <= end) &&
      (!attribute || matchesAttribute(event, String(attribute.AttributeKey), String(attribute.AttributeValue))) &&
      (!token || event.eventTime.getTime() < token.t || (event.eventTime.getTime() === token.t && event.sequence < token.s)),
  );
  const page = matching.slice(0, maxResults);
  return {
    Events: page.map((event) => ({
      EventId: event.eventId,
      EventName: event.eventName,
      ReadOnly: String(event.readOnly),
      AccessKeyId: event.accessKeyId,
      EventTime: event.eventTime.getTime() / 1000,
      EventSource: event.eventSource,
      Username: event.userName,
      Resources: resourcesOf(event),
      CloudTrailEvent: cloudTrailRecord(event, state.accountId),
    })),
    NextToken: matching.length > maxResults ? encodeToken(page[page.length - 1]) : undefined,
  };
}

function sendJson(response: ServerResponse, status: number, value: unknown, requestId: string, errorType?: string): void {
  if (response.destroyed) return;
  const text = JSON.stringify(value);
  const headers: Record<string, string | number> = { 'Content-Type': 'application/x-amz-json-1.1', 'Content-Length': Buffer.byteLength(text), 'x-amzn-RequestId': requestId };
  if (errorType) headers['x-amzn-ErrorType'] = errorType;
  response.writeHead(status, headers);
  response.end(text);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Answers one CloudTrail JSON request whose body has been read. */
export async function handleCloudTrailRequest(backend: AwsBackend, request: IncomingMessage, response: ServerResponse, url: URL, body: string): Promise<void> {
  const requestId = newRequestId();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  const action = CLOUDTRAIL_TARGET.exec(headers['x-amz-target'] ?? '')?.[1] ?? '';
  const sourceIp = sourceIpOf(request);
  const userAgent = headers['user-agent'] ?? '';
  let principal: Principal | undefined;
  let authorization: SigV4Authorization | undefined;
  const finish = (status: number, value: unknown, error?: AwsError) => {
    const region = authorization?.region ?? 'us-east-1';
    backend.recordCall({ time: backend.state.clock.now(), service: 'cloudtrail', action, accessKeyId: principal?.accessKeyId, userName: principal?.user.userName, status, errorCode: error?.code, region, sourceIp, userAgent });
    recordServedCall(backend.state, {
      service: 'cloudtrail',
      action,
      region,
      sourceIp,
      userAgent,
      accessKeyId: principal?.accessKeyId ?? authorization?.accessKeyId,
      userName: principal?.user.userName,
      errorCode: error?.code,
      errorMessage: error?.message,
    });
    sendJson(response, status, value, requestId, error?.code);
  };
  try {
    authorization = parseAuthorization(headers.authorization);
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams) query[name] = value;
    principal = await authenticate({ method: request.method ?? 'POST', path: url.pathname, query, headers, body }, authorization, backend.state);
    if (action !== 'LookupEvents') throw badRequest('UnknownOperationException', `The emulator does not implement CloudTrail ${action || 'without X-Amz-Target'}.`);
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body === '' ? '{}' : body) as Record<string, unknown>;
    } catch {
      throw badRequest('SerializationException', 'The request body is not JSON.');
    }
    const fault = backend.faults.take(action);
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.hang) {
      backend.holdForever(response);
      return;
    }
    if (fault.error) throw fault.error;
    finish(200, lookupEvents(backend.state, principal, authorization?.region ?? 'us-east-1', input));
  } catch (caught) {
    let error = caught instanceof AwsError ? caught : undefined;
    if (!error) {
      console.error('emulator: internal error', caught);
      error = new AwsError('InternalFailure', 500, 'The request processing has failed because of an unknown error, exception or failure.');
    }
    const code = JSON_ERROR_CODES[error.code] ?? error.code;
    const status = error.status >= 500 ? error.status : 400;
    const jsonError = new AwsError(code, status, error.message);
    finish(status, { __type: code, message: error.message }, jsonError);
  }
}
