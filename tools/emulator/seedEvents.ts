/**
 * Event history in seeds: what a key did before the emulator started (the demo's leaked key
 * probing the account from abroad), validated on load like the rest of a seed.
 */
import { IamState } from './state';

const HOUR_MS = 60 * 60 * 1000;

/** One CloudTrail event in a seed, or a burst of identical ones (`repeat`, `everyMinutes` apart). */
export interface SeedEvent {
  /** When: an ISO date, or days and/or hours before the emulator's start. */
  date?: string;
  daysAgo?: number;
  hoursAgo?: number;
  eventName: string;
  /** Defaults to iam.amazonaws.com. */
  eventSource?: string;
  /** Defaults to us-east-1 (where IAM's global events are recorded). */
  region?: string;
  accessKeyId: string;
  /** Defaults to the key's owner in the seed. */
  userName?: string;
  sourceIp?: string;
  userAgent?: string;
  errorCode?: string;
  errorMessage?: string;
  requestParameters?: Record<string, unknown>;
  responseElements?: Record<string, unknown>;
  /** Records the event this many times (an AccessDenied storm), the latest at the given time. */
  repeat?: number;
  everyMinutes?: number;
}

const FIELDS = [
  'date',
  'daysAgo',
  'hoursAgo',
  'eventName',
  'eventSource',
  'region',
  'accessKeyId',
  'userName',
  'sourceIp',
  'userAgent',
  'errorCode',
  'errorMessage',
  'requestParameters',
  'responseElements',
  'repeat',
  'everyMinutes',
  '$comment',
];
const TYPES: Record<string, string> = {
  date: 'string',
  daysAgo: 'number',
  hoursAgo: 'number',
  eventName: 'string',
  eventSource: 'string',
  region: 'string',
  accessKeyId: 'string',
  userName: 'string',
  sourceIp: 'string',
  userAgent: 'string',
  errorCode: 'string',
  errorMessage: 'string',
  requestParameters: 'object',
  responseElements: 'object',
  repeat: 'number',
  everyMinutes: 'number',
  $comment: 'string',
};

/** Validates a seed's `events`; throws "Invalid seed at WHERE: problem". */
export function validateSeedEvents(value: unknown, where: string): void {
  if (value === undefined) return;
  const fail = (at: string, problem: string): never => {
    throw new Error(`Invalid seed at ${at}: ${problem}`);
  };
  if (!Array.isArray(value)) fail(where, 'expected an array');
  (value as unknown[]).forEach((item, i) => {
    const at = `${where}[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) fail(at, 'expected an object');
    const event = item as Record<string, unknown>;
    for (const [name, field] of Object.entries(event)) {
      if (!FIELDS.includes(name)) fail(`${at}.${name}`, 'unknown field');
      if (typeof field !== TYPES[name] || field === null) fail(`${at}.${name}`, `expected a ${TYPES[name]}`);
    }
    if (typeof event.eventName !== 'string') fail(`${at}.eventName`, 'expected an API name such as "ListUsers"');
    if (typeof event.accessKeyId !== 'string' || !/^A[KS]IA[A-Z2-7]{16}$/.test(event.accessKeyId)) fail(`${at}.accessKeyId`, 'expected an access key id');
    if (typeof event.date === 'string' && Number.isNaN(Date.parse(event.date))) fail(`${at}.date`, 'not an ISO date');
    if (event.repeat !== undefined && !(Number.isInteger(event.repeat) && (event.repeat as number) >= 1 && (event.repeat as number) <= 1000)) fail(`${at}.repeat`, 'expected 1 to 1000');
  });
}

/** Adds a seed's events to the account's history; times count back from the clock. */
export function addSeedEvents(state: IamState, events: SeedEvent[]): void {
  const now = state.clock.nowMs();
  for (const event of events) {
    const latest = event.date !== undefined ? Date.parse(event.date) : now - ((event.daysAgo ?? 0) * 24 + (event.hoursAgo ?? 0)) * HOUR_MS;
    const repeat = event.repeat ?? 1;
    const owner = event.userName ?? state.keys.get(event.accessKeyId)?.userName;
    for (let i = repeat - 1; i >= 0; i--) {
      const time = latest - i * (event.everyMinutes ?? 1) * 60_000;
      state.trail.add({
        eventTime: new Date(Math.floor(time / 1000) * 1000),
        eventSource: event.eventSource ?? 'iam.amazonaws.com',
        eventName: event.eventName,
        awsRegion: event.region ?? 'us-east-1',
        sourceIPAddress: event.sourceIp ?? '198.51.100.7',
        userAgent: event.userAgent ?? 'aws-cli/2.15.0 Python/3.11.6 Linux/6.1.0',
        accessKeyId: event.accessKeyId,
        userName: owner,
        userArn: owner ? `arn:aws:iam::${state.accountId}:user/${owner}` : undefined,
        errorCode: event.errorCode,
        errorMessage: event.errorMessage,
        requestParameters: event.requestParameters,
        responseElements: event.responseElements,
      });
    }
  }
}
