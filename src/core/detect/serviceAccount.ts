/**
 * Google Cloud service-account key files (cloud.google.com/iam/docs/keys-create-delete): JSON with
 * `"type": "service_account"`, `"private_key": "-----BEGIN PRIVATE KEY-----\n…"` and
 * `"client_email": "…@….iam.gserviceaccount.com"`. The file is one credential: its private key block
 * is reported once, under this rule instead of `private-key`.
 */
import type { RawFinding } from './raw';

const PRIVATE_KEY_FIELD = '"private_key"';
const CLIENT_EMAIL_FIELD = '"client_email"';
/** How far before the key block its JSON field name may start (`"private_key": "`). */
const FIELD_LOOKBEHIND = 24;
/** How far from the key block the `client_email` field may be (a key file is about 2.3 KB). */
const EMAIL_DISTANCE = 4096;

/**
 * Finds `"client_email"` fields with a forward-only cursor: key blocks arrive in increasing order,
 * so every block of a text costs one pass over it in total, not one search each.
 */
export class ClientEmailCursor {
  private previous = -1;
  private next = -2;

  constructor(private readonly text: string) {}

  /** True when a `client_email` field lies within EMAIL_DISTANCE of [start, end). */
  near(start: number, end: number): boolean {
    if (this.next === -2) this.next = this.text.indexOf(CLIENT_EMAIL_FIELD);
    while (this.next !== -1 && this.next < start) {
      this.previous = this.next;
      this.next = this.text.indexOf(CLIENT_EMAIL_FIELD, this.next + 1);
    }
    return (this.previous !== -1 && start - this.previous <= EMAIL_DISTANCE) || (this.next !== -1 && this.next - end <= EMAIL_DISTANCE);
  }
}

/** The private key finding, re-labelled as a service-account key when it is the `private_key` of one. */
export function asServiceAccountKey(text: string, key: RawFinding, emails: ClientEmailCursor): RawFinding {
  const before = text.slice(Math.max(0, key.start - FIELD_LOOKBEHIND), key.start);
  if (!before.includes(PRIVATE_KEY_FIELD) || !emails.near(key.start, key.end)) return key;
  return { ...key, ruleId: 'gcp-service-account-key', masked: `service account key ${key.masked}` };
}
