/**
 * The emulator as tests use it in-process: start it on 127.0.0.1, point the SDK at `url`, steer
 * it (faults, consistency delay, clock) and read its state for assertions.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Secret, TOTP } from 'otpauth';
import { Clock } from './clock';
import { handleCloudTrailRequest, isCloudTrailRequest } from './cloudtrail';
// Imported (not read from disk) so tsc copies it next to the compiled emulator.
import demoSeedJson from './seeds/demo.json';
import { handleControlRequest } from './control';
import { TrailEvent } from './eventHistory';
import { FaultSpec, FaultTable } from './faults';
import { newAccessKeyId, newSecretAccessKey } from './ids';
import { addSeedUser, buildState, loadSeedFile, parseSeed, Seed, SeedUser } from './seed';
import { AwsBackend, CallRecord, handleAwsRequest } from './server';
import { IamState } from './state';
import { AccessKeyView, EmulatorSnapshot, sessionViews, UserView, userViews } from './views';

/** Options for {@link startEmulator}. */
export interface EmulatorOptions {
  /** A seed object or the path of a seed JSON file; the demo seed when absent. */
  seed?: Seed | string;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
}

/** A user's credentials as the emulator created them (secrets included: in-process and control use only). */
export interface UserCredentials {
  userName: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** The name the emulator gives the administrator it adds to seeds that mark none. */
export const DEFAULT_ADMIN_NAME = 'emulator-admin';

const MAX_BODY_BYTES = 1024 * 1024;

/** Fills in every id and secret a seed leaves to chance, so `reset()` rebuilds the same keys. */
function materialize(seed: Seed): Seed {
  const accountId = seed.accountId ?? '123456789012';
  const users: SeedUser[] = seed.users.map((user) => ({
    ...user,
    keys: (user.keys ?? []).map((key) => ({ ...key, id: key.id ?? newAccessKeyId(accountId), secret: key.secret ?? newSecretAccessKey() })),
  }));
  let admin = users.find((user) => user.admin);
  if (!admin) {
    admin = { name: DEFAULT_ADMIN_NAME, admin: true, keys: [] };
    users.unshift(admin);
  }
  const keys = admin.keys ?? [];
  if (!keys.some((key) => (key.status ?? 'Active') === 'Active')) {
    keys.push({ id: newAccessKeyId(accountId), secret: newSecretAccessKey(), status: 'Active' });
  }
  admin.keys = keys;
  return { ...seed, accountId, users };
}

function demoSeed(): Seed {
  return parseSeed(demoSeedJson, 'seeds/demo.json');
}

/** A running emulator. */
export class Emulator implements AwsBackend {
  readonly clock = new Clock();
  readonly faults = new FaultTable();
  state!: IamState;
  consistencyDelayMs = 0;
  /** The seeded administrator (first user marked `admin`, else one the emulator adds). */
  admin!: UserCredentials;
  url = '';
  private readonly callLog: CallRecord[] = [];
  private readonly held = new Set<ServerResponse>();
  private readonly server: Server;

  private constructor(private readonly seed: Seed) {
    this.server = createServer((request, response) => {
      // A client that aborts mid-body must not take the emulator down with an unhandled rejection.
      this.dispatch(request, response).catch(() => response.destroy());
    });
    this.reset();
  }

  /** Starts an emulator; resolves once it listens. */
  static async start(options: EmulatorOptions = {}): Promise<Emulator> {
    const seed = options.seed === undefined ? demoSeed() : typeof options.seed === 'string' ? loadSeedFile(options.seed) : parseSeed(options.seed);
    const emulator = new Emulator(materialize(seed));
    await new Promise<void>((resolve, reject) => {
      emulator.server.once('error', reject);
      emulator.server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    emulator.url = `http://127.0.0.1:${(emulator.server.address() as AddressInfo).port}`;
    return emulator;
  }

  /** Stops listening and drops every connection, including hanging and keep-alive ones. */
  async close(): Promise<void> {
    for (const response of this.held) response.destroy();
    this.held.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  /** Rebuilds the account from the seed (same key ids and secrets), clears faults, calls and clock. */
  reset(): void {
    this.faults.clear();
    this.callLog.length = 0;
    this.clock.setNow(new Date());
    const { state, adminUserName } = buildState(this.seed, this.clock);
    this.state = state;
    this.consistencyDelayMs = this.seed.consistencyDelayMs ?? 0;
    for (const fault of this.seed.faults ?? []) this.faults.add(fault);
    const adminName = adminUserName as string;
    const adminKey = state.keysOf(adminName).find((key) => key.status === 'Active');
    if (!adminKey) throw new Error(`The seed's administrator ${adminName} has no active key.`);
    this.admin = { userName: adminName, accessKeyId: adminKey.accessKeyId, secretAccessKey: adminKey.secretAccessKey };
  }

  /** Adds a fault (see {@link FaultSpec}); it fires on the next matching calls. */
  injectFault(fault: FaultSpec): void {
    this.faults.add(fault);
  }

  /** Removes every fault. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** Makes keys created from now on unusable for `ms` milliseconds (InvalidClientTokenId), like IAM's propagation delay. */
  setConsistencyDelay(ms: number): void {
    this.consistencyDelayMs = ms;
  }

  /** The emulator's current time. */
  now(): Date {
    return this.clock.now();
  }

  /** Sets the emulator's clock (key ages, last-used dates, session expiry follow it). */
  setNow(date: Date): void {
    this.clock.setNow(date);
  }

  /** Moves the emulator's clock forward by `ms`. */
  advanceClock(ms: number): void {
    this.clock.advance(ms);
  }

  /** Every user with keys and devices, secrets left out. */
  users(): UserView[] {
    return userViews(this.state);
  }

  /** The access keys of `userName`, oldest first; NoSuchEntity error for an unknown user. */
  accessKeys(userName: string): AccessKeyView[] {
    this.state.user(userName);
    return userViews(this.state).find((user) => user.userName === userName)?.accessKeys ?? [];
  }

  /** The whole account, for assertions or `GET /_emulator/state`. */
  snapshot(): EmulatorSnapshot {
    return {
      accountId: this.state.accountId,
      now: this.now(),
      consistencyDelayMs: this.consistencyDelayMs,
      users: userViews(this.state),
      sessions: sessionViews(this.state),
      faults: this.faults.list(),
    };
  }

  /** CloudTrail's event history (seeded and served calls, every region), newest first. */
  trailEvents(): TrailEvent[] {
    return this.state.trail.newestFirst(this.clock.nowMs()).map((event) => ({ ...event }));
  }

  /** The calls answered since start or reset, oldest first. */
  calls(): CallRecord[] {
    return this.callLog.map((call) => ({ ...call }));
  }

  /**
   * Adds a user as a seed entry would, and returns the credentials of its first key (a key is
   * generated when the entry lists none), so a test can act as that user at once.
   */
  addUser(user: SeedUser): UserCredentials {
    const entry = parseSeed({ users: [user] }, 'addUser').users[0];
    const keys = (entry.keys?.length ? entry.keys : [{}]).map((key) => ({
      ...key,
      id: key.id ?? newAccessKeyId(this.state.accountId),
      secret: key.secret ?? newSecretAccessKey(),
    }));
    addSeedUser(this.state, { ...entry, keys });
    return { userName: entry.name, accessKeyId: keys[0].id, secretAccessKey: keys[0].secret };
  }

  /** The current TOTP code of an MFA device, as an authenticator app would show it. */
  mfaCode(serialNumber: string): string {
    for (const user of this.state.users.values()) {
      const device = user.mfaDevices.find((d) => d.serialNumber === serialNumber);
      if (device) return new TOTP({ secret: Secret.fromBase32(device.totpSecret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
    }
    throw new Error(`No MFA device with serial ${serialNumber}.`);
  }

  /** @internal Records an answered call (AwsBackend). */
  recordCall(call: CallRecord): void {
    this.callLog.push(call);
  }

  /** @internal Keeps a response open until close() (AwsBackend). */
  holdForever(response: ServerResponse): void {
    this.held.add(response);
    response.on('close', () => this.held.delete(response));
  }

  private async dispatch(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        response.writeHead(413).end();
        return;
      }
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks).toString('utf8');
    // AWS answers with its own time; clients that correct clock skew (and our session cutoff) read it.
    response.sendDate = false;
    response.setHeader('Date', this.now().toUTCString());
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/_emulator/')) {
      handleControlRequest(this, request.method ?? 'GET', url, body, response);
      return;
    }
    // CloudTrail speaks JSON 1.1, told apart by its X-Amz-Target; IAM and STS speak the Query protocol.
    if (isCloudTrailRequest(request.headers['x-amz-target'])) await handleCloudTrailRequest(this, request, response, url, body);
    else await handleAwsRequest(this, request, response, url, body);
  }
}

/** Starts an emulator on 127.0.0.1 (see {@link EmulatorOptions}). */
export function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return Emulator.start(options);
}
