/**
 * Investigate: CloudTrail's event history of a leaked key (LookupEvents by AccessKeyId, every page,
 * the last 90 days) in each region where it may have been used, then of the keys and sessions it
 * created. The summary answers what a responder asks first: when, from where, with what, what
 * failed, and whether it tried to stay (new users, keys, logins) or to climb (policies, roles).
 */
import type { CloudTrailClient, Event as CloudTrailApiEvent } from '@aws-sdk/client-cloudtrail';
import { maskKeyId } from '../keys';

type CloudTrailSdk = typeof import('@aws-sdk/client-cloudtrail');
const cloudTrailSdk = (): CloudTrailSdk => require('@aws-sdk/client-cloudtrail') as CloudTrailSdk;

/** CloudTrail keeps 90 days of management events in its event history. */
export const EVENT_HISTORY_DAYS = 90;

/** Event names that suggest persistence or privilege escalation, highlighted in the report. */
export const SUSPICIOUS_EVENT_NAMES: ReadonlySet<string> = new Set([
  'CreateUser',
  'CreateAccessKey',
  'CreateLoginProfile',
  'UpdateLoginProfile',
  'AttachUserPolicy',
  'PutUserPolicy',
  'AttachRolePolicy',
  'PutRolePolicy',
  'AttachGroupPolicy',
  'PutGroupPolicy',
  'AddUserToGroup',
  'CreatePolicyVersion',
  'SetDefaultPolicyVersion',
  'CreateRole',
  'UpdateAssumeRolePolicy',
  'AssumeRole',
  'GetFederationToken',
  'GetSessionToken',
  'CreateVirtualMFADevice',
  'DeactivateMFADevice',
  'RunInstances',
  'CreateFunction',
  'StopLogging',
  'DeleteTrail',
  'PutBucketPolicy',
]);

/** Error codes that mean "you may not": many of them in a row is someone probing. */
const DENIED_CODES = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'Client.UnauthorizedOperation']);

/** Keys searched in all, the leaked one included: a bound against a runaway chain of created keys. */
const MAX_KEYS = 10;

/**
 * Events read per key and region. LookupEvents answers 50 per page at 2 calls a second, so this is
 * about 100 s; a key busier than that is reported as truncated rather than read for hours.
 */
export const MAX_EVENTS_PER_KEY = 10_000;

/** One CloudTrail event as the report shows it. Key ids other than the leaked one are masked. */
export interface InvestigatedEvent {
  readonly eventId: string;
  readonly time: Date;
  readonly eventName: string;
  readonly eventSource: string;
  readonly region: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
  readonly errorCode?: string;
  /** The key that made the call (masked unless it is the leaked key). */
  readonly accessKeyId: string;
  readonly suspicious: boolean;
  /** The CloudTrail console page of the event. */
  readonly consoleUrl: string;
}

/** A value with how often it occurred. */
export interface Count {
  readonly value: string;
  readonly count: number;
}

/** What the event history says about the key. */
export interface Investigation {
  readonly regions: readonly string[];
  /** Keys searched besides the leaked one: keys and sessions it created (masked). */
  readonly relatedKeys: readonly string[];
  readonly since: Date;
  readonly events: readonly InvestigatedEvent[];
  readonly firstUse?: Date;
  readonly lastUse?: Date;
  readonly sourceIps: readonly Count[];
  readonly userAgents: readonly Count[];
  readonly eventNames: readonly Count[];
  readonly errorCodes: readonly Count[];
  readonly suspicious: readonly InvestigatedEvent[];
  /** True when most calls were refused: someone trying what the key may do. */
  readonly probing: boolean;
  /** Key ids (masked) and regions whose history had more than MAX_EVENTS_PER_KEY events: only the newest were read. */
  readonly truncated: readonly string[];
  /** Regions whose history could not be read, with the reason. */
  readonly failures: readonly { region: string; message: string }[];
}

/** The CloudTrail console link of an event. */
export function consoleUrlOf(region: string, eventId: string): string {
  // The region comes from the record; keep anything odd out of a link the user will click.
  if (!/^[a-z]{2}(?:-[a-z]+){1,3}-\d$/.test(region)) region = 'us-east-1';
  return `https://${region}.console.aws.amazon.com/cloudtrailv2/home?region=${region}#/events/${encodeURIComponent(eventId)}`;
}

interface RawRecord {
  sourceIPAddress?: string;
  userAgent?: string;
  errorCode?: string;
  awsRegion?: string;
  responseElements?: { accessKey?: { accessKeyId?: string }; credentials?: { accessKeyId?: string } } | null;
}

function recordOf(event: CloudTrailApiEvent): RawRecord {
  try {
    return JSON.parse(event.CloudTrailEvent ?? '{}') as RawRecord;
  } catch {
    return {};
  }
}

/** Every page of LookupEvents for one key in one region since `since`. */
async function lookUpKey(client: CloudTrailClient, accessKeyId: string, since: Date, until: Date, maxEvents: number): Promise<{ events: CloudTrailApiEvent[]; truncated: boolean }> {
  const { LookupEventsCommand } = cloudTrailSdk();
  const events: CloudTrailApiEvent[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: accessKeyId }], StartTime: since, EndTime: until, MaxResults: 50, NextToken: token }),
    );
    events.push(...(page.Events ?? []));
    token = page.NextToken;
  } while (token && events.length < maxEvents);
  return { events, truncated: token !== undefined };
}

function counts(values: Iterable<string | undefined>): Count[] {
  const map = new Map<string, number>();
  for (const value of values) if (value) map.set(value, (map.get(value) ?? 0) + 1);
  return [...map].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** The regions to search: us-east-1 (IAM, STS's global endpoint), the key's last-used region, and extras. */
export function regionsToSearch(lastUsedRegion: string | undefined, extra: readonly string[] = []): string[] {
  const regions = ['us-east-1', lastUsedRegion, ...extra].filter((r): r is string => !!r && r !== 'N/A' && /^[a-z]{2}(?:-[a-z]+){1,3}-\d$/.test(r));
  return [...new Set(regions)];
}

/**
 * Reads the event history of `accessKeyId` and of the keys and sessions it created, in `regions`.
 * `clientFor(region)` gives a CloudTrail client of that region. A region that cannot be read is
 * listed in `failures`; when every region fails, the first error is thrown.
 */
export async function investigateKey(
  accessKeyId: string,
  regions: readonly string[],
  clientFor: (region: string) => CloudTrailClient,
  now: Date,
  maxEventsPerKey = MAX_EVENTS_PER_KEY,
): Promise<Investigation> {
  const since = new Date(now.getTime() - EVENT_HISTORY_DAYS * 86_400_000);
  const failures: { region: string; message: string; error: unknown }[] = [];
  const seen = new Map<string, InvestigatedEvent>();
  const truncated: string[] = [];
  const queue = [accessKeyId];
  const searched = new Set<string>();
  while (queue.length > 0 && searched.size < MAX_KEYS) {
    const keyId = queue.shift() as string;
    if (searched.has(keyId)) continue;
    searched.add(keyId);
    for (const region of regions) {
      if (failures.some((f) => f.region === region)) continue;
      let events: CloudTrailApiEvent[];
      try {
        const found = await lookUpKey(clientFor(region), keyId, since, now, maxEventsPerKey);
        events = found.events;
        if (found.truncated) truncated.push(`${maskKeyId(keyId)} in ${region}`);
      } catch (error) {
        failures.push({ region, message: error instanceof Error ? error.message : String(error), error });
        continue;
      }
      for (const event of events) {
        const record = recordOf(event);
        const created = record.errorCode ? undefined : (record.responseElements?.accessKey?.accessKeyId ?? record.responseElements?.credentials?.accessKeyId);
        if (created && !searched.has(created)) queue.push(created);
        const id = event.EventId ?? `${keyId}-${event.EventTime?.getTime()}-${event.EventName}`;
        const eventName = event.EventName ?? 'unknown';
        const eventRegion = record.awsRegion ?? region;
        seen.set(id, {
          eventId: id,
          time: event.EventTime ?? now,
          eventName,
          eventSource: event.EventSource ?? '',
          region: eventRegion,
          sourceIp: record.sourceIPAddress,
          userAgent: record.userAgent,
          errorCode: record.errorCode,
          accessKeyId: keyId === accessKeyId ? keyId : maskKeyId(keyId),
          suspicious: SUSPICIOUS_EVENT_NAMES.has(eventName),
          consoleUrl: consoleUrlOf(eventRegion, id),
        });
      }
    }
    if (failures.length === regions.length) throw failures[0].error;
  }
  const events = [...seen.values()].sort((a, b) => b.time.getTime() - a.time.getTime());
  const denied = events.filter((e) => e.errorCode && DENIED_CODES.has(e.errorCode)).length;
  return {
    regions,
    relatedKeys: [...searched].filter((k) => k !== accessKeyId).map(maskKeyId),
    since,
    events,
    firstUse: events.length ? events[events.length - 1].time : undefined,
    lastUse: events.length ? events[0].time : undefined,
    sourceIps: counts(events.map((e) => e.sourceIp)),
    userAgents: counts(events.map((e) => e.userAgent)),
    eventNames: counts(events.map((e) => e.eventName)),
    errorCodes: counts(events.map((e) => e.errorCode)),
    suspicious: events.filter((e) => e.suspicious),
    probing: denied >= 10 && denied * 2 >= events.length,
    truncated,
    failures: failures.map(({ region, message }) => ({ region, message })),
  };
}
