/**
 * Shared setup for the emulator's contract tests: a small seed, SDK clients pointed at a running
 * emulator, and an assertion for AWS errors as the SDK surfaces them.
 */
import * as assert from 'node:assert/strict';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { Emulator, Seed, startEmulator } from '../../../tools/emulator';

/** TOTP secret of carol's MFA device in {@link testSeed}. */
export const CAROL_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const CAROL_MFA_SERIAL = 'arn:aws:iam::111122223333:mfa/carol';

/** Credentials as the SDK takes them. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** A small account that covers each rule once; fresh for every call. */
export function testSeed(): Seed {
  return {
    accountId: '111122223333',
    users: [
      { name: 'root-admin', admin: true, keys: [{ ageDays: 30 }] },
      {
        name: 'alice',
        policy: { selfOnly: true },
        keys: [{ id: 'AKIAXAAAAAAAAAAAALCE', secret: 'aliceSecretaliceSecretaliceSecretalice00', ageDays: 12, lastUsed: { daysAgo: 1, service: 's3', region: 'eu-west-1' } }],
      },
      { name: 'bob', keys: [{ ageDays: 400, lastUsed: 'never' }, { ageDays: 95, status: 'Inactive' }] },
      {
        name: 'carol',
        policy: { requireMfa: true, selfOnly: true },
        mfaDevices: [{ serial: CAROL_MFA_SERIAL, totpSecret: CAROL_TOTP_SECRET, enabledDaysAgo: 10 }],
        keys: [{ id: 'AKIAXAAAAAAAAAACAROL', secret: 'carolSecretcarolSecretcarolSecretcarol00' }],
      },
      {
        name: 'dan',
        policy: { denyActions: ['iam:CreateAccessKey', 'iam:Delete*'] },
        keys: [{ id: 'AKIAXAAAAAAAAAAAADAN', secret: 'danSecretdanSecretdanSecretdanSecret0000' }],
      },
    ],
  };
}

/** Credentials of a seeded key whose secret the seed fixes. */
export const ALICE: Credentials = { accessKeyId: 'AKIAXAAAAAAAAAAAALCE', secretAccessKey: 'aliceSecretaliceSecretaliceSecretalice00' };
export const CAROL: Credentials = { accessKeyId: 'AKIAXAAAAAAAAAACAROL', secretAccessKey: 'carolSecretcarolSecretcarolSecretcarol00' };
export const DAN: Credentials = { accessKeyId: 'AKIAXAAAAAAAAAAAADAN', secretAccessKey: 'danSecretdanSecretdanSecretdanSecret0000' };

/** The credentials of a key as CreateAccessKey or GetSessionToken returned it. */
export function credentialsOf(key: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined): Credentials {
  assert.ok(key?.AccessKeyId && key.SecretAccessKey, 'the response carries an access key id and secret');
  return { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey, sessionToken: key.SessionToken };
}

/** Starts an emulator with {@link testSeed} (or `seed`) before the suite's tests and stops it after. */
export function useEmulator(seed: () => Seed = testSeed): { readonly emulator: Emulator } {
  const holder: { emulator?: Emulator } = {};
  before(async () => {
    holder.emulator = await startEmulator({ seed: seed() });
  });
  // Every test starts from the seed: same keys and secrets, no faults, no recorded use.
  beforeEach(() => holder.emulator?.reset());
  after(async () => {
    await holder.emulator?.close();
  });
  return {
    get emulator(): Emulator {
      if (!holder.emulator) throw new Error('emulator not started');
      return holder.emulator;
    },
  };
}

const clients: { destroy(): void }[] = [];
afterEach(() => {
  // Keep-alive sockets would keep mocha alive after the suite.
  for (const client of clients.splice(0)) client.destroy();
});

/** An IAM client on the emulator; retries off unless `maxAttempts` says otherwise. */
export function iamClient(emulator: Emulator, credentials: Credentials = emulator.admin, options: { maxAttempts?: number; requestTimeout?: number } = {}): IAMClient {
  const client = new IAMClient({
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials,
    maxAttempts: options.maxAttempts ?? 1,
    requestHandler: options.requestTimeout ? { requestTimeout: options.requestTimeout, throwOnRequestTimeout: true } : undefined,
  });
  clients.push(client);
  return client;
}

/** An STS client on the emulator; retries off unless `maxAttempts` says otherwise. */
export function stsClient(emulator: Emulator, credentials: Credentials = emulator.admin, options: { maxAttempts?: number; region?: string } = {}): STSClient {
  const client = new STSClient({ region: options.region ?? 'us-east-1', endpoint: emulator.url, credentials, maxAttempts: options.maxAttempts ?? 1 });
  clients.push(client);
  return client;
}

/** The error an SDK call failed with, checked for the SDK's exception name, AWS code and HTTP status. */
export async function expectAwsError(
  call: Promise<unknown>,
  expected: { name: string; status: number; code?: string; message?: string | RegExp },
): Promise<Error & { Code?: string; $metadata: { httpStatusCode?: number; attempts?: number } }> {
  let caught: unknown;
  try {
    await call;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof Error, `expected ${expected.name}, but the call succeeded`);
  const error = caught as Error & { Code?: string; $metadata: { httpStatusCode?: number; attempts?: number } };
  assert.equal(error.name, expected.name, `error name (message: ${error.message})`);
  assert.equal(error.$metadata.httpStatusCode, expected.status);
  if (expected.code) assert.equal(error.Code, expected.code);
  if (typeof expected.message === 'string') assert.equal(error.message, expected.message);
  else if (expected.message) assert.match(error.message, expected.message);
  return error;
}
