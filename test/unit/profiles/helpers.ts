/**
 * Shared setup for the profile facts tests: a seed with the ages and situations the Profiles view
 * must tell apart, and a sandbox of shared files whose profiles reach the emulator through the
 * SDK's standard AWS_ENDPOINT_URL_IAM / _STS variables. (The SDK resolves a profile's own
 * `endpoint_url` only for AWS_PROFILE, not for the client's `profile` option, so per-profile
 * endpoints cannot be used to send one profile elsewhere.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator, Seed } from '../../../tools/emulator';

export const ACCOUNT = '111122223333';

/** Ages 12/95/400 days, two keys, an inactive key, a denied user, an MFA-only user. */
export function profilesSeed(): Seed {
  return {
    accountId: ACCOUNT,
    users: [
      { name: 'admin', admin: true, keys: [{ ageDays: 30 }] },
      { name: 'alice', policy: { selfOnly: true }, keys: [{ ageDays: 12, lastUsed: { daysAgo: 1, service: 's3', region: 'eu-west-1' } }] },
      { name: 'bob', policy: { selfOnly: true }, keys: [{ ageDays: 95, lastUsed: { daysAgo: 40, service: 'ec2', region: 'eu-west-1' } }] },
      { name: 'carol', policy: { selfOnly: true }, keys: [{ ageDays: 400, lastUsed: 'never' }] },
      { name: 'dave', policy: { selfOnly: true }, keys: [{ ageDays: 200 }, { ageDays: 20, lastUsed: 'never' }] },
      { name: 'erin', policy: { selfOnly: true, requireMfa: true }, keys: [{ ageDays: 100 }] },
      { name: 'frank', policy: { selfOnly: true, denyActions: ['iam:ListAccessKeys'] }, keys: [{ ageDays: 60 }] },
      { name: 'grace', policy: { selfOnly: true }, keys: [{ ageDays: 150, status: 'Inactive', lastUsed: { daysAgo: 70, service: 's3', region: 'us-east-1' } }, { ageDays: 70 }] },
    ],
  };
}

/** A user's keys as the emulator holds them, secrets included (test-only, in-process). */
export function keysOf(emulator: Emulator, userName: string): { id: string; secret: string }[] {
  return emulator.state.keysOf(userName).map((k) => ({ id: k.accessKeyId, secret: k.secretAccessKey as string }));
}

/** One profile to write: its keys and the endpoint its SDK calls go to. */
export interface ProfileSpec {
  name: string;
  keyId?: string;
  secret?: string;
  sessionToken?: string;
  /** Extra config-file lines (role_arn, sso_session, credential_process…). */
  config?: string[];
}

const AWS_VARS = [
  'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_IAM', 'AWS_ENDPOINT_URL_STS', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE',
  'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'AWS_EC2_METADATA_DISABLED',
];

/** A temp folder with a credentials and a config file; process.env points the SDK at it. */
export class SharedFilesSandbox {
  readonly dir = mkdtempSync(join(tmpdir(), 'akg-profiles-'));
  readonly credentialsFile = join(this.dir, 'credentials');
  readonly configFile = join(this.dir, 'config');
  readonly keyUseFile = join(this.dir, 'state', 'key-use.json');
  private readonly saved = new Map(AWS_VARS.map((name) => [name, process.env[name]]));

  constructor(endpoint: string) {
    for (const name of AWS_VARS) delete process.env[name];
    this.pointAt(endpoint);
    // The SDK reads endpoint_url from the config file named here, not from fromIni's options.
    process.env.AWS_CONFIG_FILE = this.configFile;
    process.env.AWS_SHARED_CREDENTIALS_FILE = this.credentialsFile;
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
  }

  /** The environment the loader gets (the same paths the SDK sees). */
  get env(): Record<string, string> {
    return {
      AWS_CONFIG_FILE: this.configFile,
      AWS_SHARED_CREDENTIALS_FILE: this.credentialsFile,
      // Our own calls per key are recorded here, never in the real home (the CLI has no homedir option).
      AWS_KEY_GUARD_KEY_USE: this.keyUseFile,
      ...(process.env.AWS_PROFILE ? { AWS_PROFILE: process.env.AWS_PROFILE } : {}),
    };
  }

  /** Sends every IAM and STS call to `url`. */
  pointAt(url: string): void {
    process.env.AWS_ENDPOINT_URL_IAM = url;
    process.env.AWS_ENDPOINT_URL_STS = url;
  }

  write(profiles: ProfileSpec[]): void {
    const credentials: string[] = [];
    const config: string[] = [];
    for (const p of profiles) {
      if (p.keyId) {
        credentials.push(`[${p.name}]`, `aws_access_key_id = ${p.keyId}`, `aws_secret_access_key = ${p.secret ?? ''}`);
        if (p.sessionToken) credentials.push(`aws_session_token = ${p.sessionToken}`);
        credentials.push('');
      }
      if (p.config) config.push(p.name === 'default' ? '[default]' : `[profile ${p.name}]`, 'region = us-east-1', ...p.config, '');
    }
    writeFileSync(this.credentialsFile, credentials.join('\n'));
    writeFileSync(this.configFile, config.join('\n'));
  }

  dispose(): void {
    for (const [name, value] of this.saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A TCP server that accepts connections and never answers: a hung AWS endpoint. */
export async function startBlackHole(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 that nothing listens on (connection refused). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
