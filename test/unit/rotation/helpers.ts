/**
 * Shared setup for the rotation tests: the demo emulator account (real SigV4, real SDK), sandbox
 * shared files, fast retry settings, recorders for events and confirmations, and the checks every
 * failure test repeats (the file holds a working key, no key was lost, no secret was printed).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { accessKeyIdOf, findProfile, getProperty, readCredentialsDocument } from '../../../src/core/credentials';
import { RotationJournal, type ConfirmationRequest, type RotationDeps, type RotationEvent } from '../../../src/core/rotation';
import { Emulator, startEmulator, type EmulatorOptions } from '../../../tools/emulator';
import demoSeed from '../../../tools/emulator/seeds/demo.json';

/** A seeded key of the demo account. */
export interface DemoKey {
  readonly user: string;
  readonly id: string;
  readonly secret: string;
}

/** The demo seed's keys: `demoKey('alice')`, `demoKey('dave', 1)`. */
export function demoKey(user: string, index = 0): DemoKey {
  const entry = demoSeed.users.find((u) => u.name === user);
  const key = entry?.keys[index];
  if (!key) throw new Error(`no demo key ${user}[${index}]`);
  return { user, id: key.id, secret: key.secret };
}

/**
 * Starts the demo emulator (or one with `options`' seed) for the suite, reset before each test, and
 * points the SDK's standard endpoint settings at it.
 */
export function useDemoEmulator(options: EmulatorOptions = {}): { readonly emulator: Emulator } {
  const holder: { emulator?: Emulator } = {};
  const saved = { iam: process.env.AWS_ENDPOINT_URL_IAM, sts: process.env.AWS_ENDPOINT_URL_STS };
  before(async () => {
    holder.emulator = await startEmulator(options);
    process.env.AWS_ENDPOINT_URL_IAM = holder.emulator.url;
    process.env.AWS_ENDPOINT_URL_STS = holder.emulator.url;
  });
  beforeEach(() => holder.emulator?.reset());
  after(async () => {
    restoreEnv('AWS_ENDPOINT_URL_IAM', saved.iam);
    restoreEnv('AWS_ENDPOINT_URL_STS', saved.sts);
    await holder.emulator?.close();
  });
  return {
    get emulator(): Emulator {
      if (!holder.emulator) throw new Error('emulator not started');
      return holder.emulator;
    },
  };
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** A sandbox home: ~/.aws/credentials, ~/.aws/config and the journal, removed after the test. */
export interface Sandbox {
  readonly home: string;
  readonly credentialsFile: string;
  readonly configFile: string;
  readonly journalFile: string;
  readonly files: { credentialsFile: string; configFile: string };
  readonly journal: RotationJournal;
}

export function sandbox(cleanups: Array<() => void>, credentials: string, config = ''): Sandbox {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'akg-rot-'));
  cleanups.push(() => fs.rmSync(home, { recursive: true, force: true }));
  const aws = path.join(home, '.aws');
  fs.mkdirSync(aws, { mode: 0o700 });
  const credentialsFile = path.join(aws, 'credentials');
  const configFile = path.join(aws, 'config');
  fs.writeFileSync(credentialsFile, credentials, { mode: 0o600 });
  if (config) fs.writeFileSync(configFile, config);
  const journalFile = path.join(home, '.aws-key-guard', 'journal.json');
  return { home, credentialsFile, configFile, journalFile, files: { credentialsFile, configFile }, journal: new RotationJournal(journalFile) };
}

/** A `[name]` section holding a demo key, in the loose style people write by hand. */
export function section(name: string, key: DemoKey, extra = ''): string {
  return `[${name}]\naws_access_key_id = ${key.id}\naws_secret_access_key=${key.secret}\n${extra}`;
}

/** Records what the procedure reported and asked. */
export interface Recorder {
  readonly events: RotationEvent[];
  readonly questions: ConfirmationRequest[];
  /** Every text shown to the user (events, questions, error messages): scanned for secrets. */
  text(): string;
}

/** Rotation deps with fast retries and short timeouts; confirmations answered by `answer`. */
export function fastDeps(box: Sandbox, overrides: Partial<RotationDeps> = {}, answer: (q: ConfirmationRequest) => boolean = () => true): RotationDeps & { recorder: Recorder } {
  const events: RotationEvent[] = [];
  const questions: ConfirmationRequest[] = [];
  const recorder: Recorder = {
    events,
    questions,
    text: () => [...events.map((e) => (e.type === 'step' ? e.title : e.message)), ...questions.flatMap((q) => [q.message, q.detail])].join('\n'),
  };
  return {
    files: box.files,
    journal: box.journal,
    confirm: async (q) => {
      questions.push(q);
      return answer(q);
    },
    onEvent: (e) => events.push(e),
    clientOptions: { requestTimeoutMs: 1500, maxAttempts: 2 },
    verifyRetry: { attempts: 4, initialDelayMs: 20, maxDelayMs: 80 },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 50))),
    recorder,
    ...overrides,
  };
}

/** The key id and secret a profile holds in the file now. */
export function fileKey(file: string, profile: string): { id: string; secret: string; token?: string } {
  const doc = readCredentialsDocument(file, 'credentials');
  const p = findProfile(doc, profile);
  assert.ok(p, `profile ${profile} is in the file`);
  return { id: accessKeyIdOf(p)!, secret: getProperty(p.properties, 'aws_secret_access_key')!, token: getProperty(p.properties, 'aws_session_token') };
}

/** Asserts the key `profile` holds in the file is accepted by the emulator as `user`; returns its id. */
export async function assertFileKeyWorks(emulator: Emulator, file: string, profile: string, user: string): Promise<string> {
  const key = fileKey(file, profile);
  const sts = new STSClient({ region: 'us-east-1', endpoint: emulator.url, credentials: { accessKeyId: key.id, secretAccessKey: key.secret }, maxAttempts: 1 });
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}));
    assert.match(out.Arn ?? '', new RegExp(`:user/${user}$`), 'the file key signs in as the same user');
  } finally {
    sts.destroy();
  }
  const status = emulator.accessKeys(user).find((k) => k.accessKeyId === key.id)?.status;
  assert.equal(status, 'Active', 'the key in the file is active in IAM');
  return key.id;
}

/** The ids of a user's keys in IAM with their statuses, e.g. ["AKIA…:Active"]. */
export function iamKeys(emulator: Emulator, user: string): string[] {
  return emulator.accessKeys(user).map((k) => `${k.accessKeyId}:${k.status}`);
}

/** Every secret the emulator holds right now (new keys included). */
export function emulatorSecrets(emulator: Emulator): string[] {
  return [...emulator.state.keys.values()].map((k) => k.secretAccessKey);
}

/** Asserts none of `secrets` (nor an unmasked key id of the demo account) appears in `text`. */
export function assertNoSecrets(text: string, secrets: Iterable<string>): void {
  for (const secret of secrets) assert.ok(!text.includes(secret), 'a secret access key appeared in the output');
  assert.doesNotMatch(text, /\bAKIA[A-Z2-7]{16}\b/, 'an unmasked key id appeared in the output');
}

/** Makes a directory refuse new files, even for root (chattr +i), until the returned undo runs. */
export function makeDirectoryUnwritable(dir: string): () => void {
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', dir]);
    return () => execFileSync('chattr', ['-i', dir]);
  }
  fs.chmodSync(dir, 0o500);
  return () => fs.chmodSync(dir, 0o700);
}
