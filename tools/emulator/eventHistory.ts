/**
 * CloudTrail's event history for the emulated account: every call the emulator serves, plus the
 * history a seed brings (a demo's suspicious activity), kept 90 days like CloudTrail's.
 */
import { randomUUID } from 'node:crypto';

/** How long CloudTrail's event history keeps events. */
export const EVENT_HISTORY_DAYS = 90;

/** The most events kept: a demo left running for days must not grow without bound. */
export const MAX_EVENTS = 20_000;

/** One management event. Never holds a secret: responses are recorded without them. */
export interface TrailEvent {
  eventId: string;
  /** Order of recording: breaks ties between events of the same second. */
  sequence: number;
  eventTime: Date;
  /** "iam.amazonaws.com". */
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  accessKeyId?: string;
  userName?: string;
  userArn?: string;
  errorCode?: string;
  errorMessage?: string;
  readOnly: boolean;
  requestParameters?: Record<string, unknown>;
  responseElements?: Record<string, unknown>;
}

/** The fields a caller provides; id, sequence and read-only flag are derived. */
export type NewTrailEvent = Omit<TrailEvent, 'eventId' | 'sequence' | 'readOnly'> & { readOnly?: boolean };

/** True for the read-only API families (Get, List, Describe, Lookup…), as CloudTrail classifies them. */
export function isReadOnlyEventName(eventName: string): boolean {
  return /^(Get|List|Describe|Lookup|Head|Generate)/.test(eventName);
}

/** The account's event history, in recording order. */
export class EventHistory {
  private readonly events: TrailEvent[] = [];
  private nextSequence = 1;

  /** Records one event and returns it. */
  add(event: NewTrailEvent): TrailEvent {
    const recorded: TrailEvent = { ...event, eventId: randomUUID(), sequence: this.nextSequence++, readOnly: event.readOnly ?? isReadOnlyEventName(event.eventName) };
    this.events.push(recorded);
    if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
    return recorded;
  }

  /** Every event not older than the retention, newest first (LookupEvents' order). */
  newestFirst(nowMs: number): TrailEvent[] {
    const oldest = nowMs - EVENT_HISTORY_DAYS * 24 * 60 * 60 * 1000;
    return this.events
      .filter((event) => event.eventTime.getTime() >= oldest)
      .sort((a, b) => b.eventTime.getTime() - a.eventTime.getTime() || b.sequence - a.sequence);
  }

  /** How many events are stored (retention ignored). */
  get size(): number {
    return this.events.length;
  }
}
