/**
 * Seed files: the account an emulator starts with. JSON, validated on load so a typo fails with
 * the path of the bad field instead of an emulator that quietly behaves differently.
 */
import { readFileSync } from 'node:fs';
import { Clock } from './clock';
import { FaultSpec, validateFault } from './faults';
import { AccessKeyStatus, LastUse } from './model';
import { addSeedEvents, SeedEvent, validateSeedEvents } from './seedEvents';
import { accountEncodedId } from './ids';
import { awsManagedPolicyArn } from './managedPolicies';
import { IamState } from './state';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A point in the past: an ISO date, or a number of days before the emulator's start. */
export interface SeedWhen {
  date?: string;
  daysAgo?: number;
}

/** A key's last use; `"never"` (or leaving it out) means never used. */
export interface SeedLastUsed extends SeedWhen {
  service: string;
  region?: string;
}

/** An access key in a seed. Fixed ids and secrets let demo credentials files reference them. */
export interface SeedAccessKey {
  id?: string;
  secret?: string;
  status?: AccessKeyStatus;
  createDate?: string;
  ageDays?: number;
  lastUsed?: SeedLastUsed | 'never';
}

/** An MFA device in a seed: the serial defaults to arn:aws:iam::ACCOUNT:mfa/USER. */
export interface SeedMfaDevice {
  serial?: string;
  /** Base32 TOTP secret (SHA-1, 6 digits, 30 s), the same a virtual MFA app would hold. */
  totpSecret: string;
  enabledDaysAgo?: number;
}

/** A user in a seed. */
export interface SeedUser {
  name: string;
  path?: string;
  /** The administrator whose key the standalone emulator prints; the first such user wins. */
  admin?: boolean;
  ageDays?: number;
  passwordLastUsedDaysAgo?: number;
  keys?: SeedAccessKey[];
  policy?: { denyActions?: string[]; requireMfa?: boolean; selfOnly?: boolean };
  mfaDevices?: SeedMfaDevice[];
  /** Managed policies attached to the user: AWS-managed names ("AdministratorAccess") or names of the seed's `policies`. */
  managedPolicies?: string[];
  /** Names of the seed's groups the user belongs to. */
  groups?: string[];
  /** Earlier calls by service, for Access Advisor (`{ "service": "s3", "daysAgo": 3 }`). */
  serviceHistory?: (SeedWhen & { service: string })[];
}

/** An account-owned managed policy in a seed. */
export interface SeedPolicy {
  name: string;
  document: object;
}

/** A group in a seed, with managed policy names (as for users) and inline documents by policy name. */
export interface SeedGroup {
  name: string;
  managedPolicies?: string[];
  inlinePolicies?: Record<string, object>;
}

/** A whole seed file. */
export interface Seed {
  /** 12 digits; defaults to 123456789012. */
  accountId?: string;
  users: SeedUser[];
  /** Account-owned managed policies (created before groups and users). */
  policies?: SeedPolicy[];
  groups?: SeedGroup[];
  faults?: FaultSpec[];
  /** How long a key made by CreateAccessKey is refused with InvalidClientTokenId. */
  consistencyDelayMs?: number;
  /** CloudTrail history the account starts with. */
  events?: SeedEvent[];
}

/** Reads and validates a seed file. */
export function loadSeedFile(path: string): Seed {
  return parseSeed(JSON.parse(readFileSync(path, 'utf8')), path);
}

function fail(where: string, problem: string): never {
  throw new Error(`Invalid seed at ${where}: ${problem}`);
}

function checkFields(value: unknown, where: string, allowed: string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'expected an object');
  for (const name of Object.keys(value)) if (!allowed.includes(name)) fail(`${where}.${name}`, 'unknown field');
  return value as Record<string, unknown>;
}

function checkType(value: unknown, where: string, type: 'string' | 'number' | 'boolean'): void {
  if (value !== undefined && typeof value !== type) fail(where, `expected a ${type}`);
}

function checkWhen(value: Record<string, unknown>, where: string, dateField: string, daysField: string): void {
  checkType(value[daysField], `${where}.${daysField}`, 'number');
  checkType(value[dateField], `${where}.${dateField}`, 'string');
  if (typeof value[dateField] === 'string' && Number.isNaN(Date.parse(value[dateField] as string))) fail(`${where}.${dateField}`, 'not an ISO date');
}

/** Validates parsed JSON as a seed; `source` names it in error messages. */
export function parseSeed(json: unknown, source = 'seed'): Seed {
  const seed = checkFields(json, source, ['accountId', 'users', 'policies', 'groups', 'faults', 'consistencyDelayMs', 'events', '$comment']);
  checkPermissionSeeds(seed, source);
  if (seed.accountId !== undefined && !/^\d{12}$/.test(String(seed.accountId))) fail(`${source}.accountId`, 'expected 12 digits');
  checkType(seed.consistencyDelayMs, `${source}.consistencyDelayMs`, 'number');
  if (!Array.isArray(seed.users)) fail(`${source}.users`, 'expected an array');
  seed.users.forEach((u, i) => {
    const where = `${source}.users[${i}]`;
    const user = checkFields(u, where, ['name', 'path', 'admin', 'ageDays', 'passwordLastUsedDaysAgo', 'keys', 'policy', 'mfaDevices', 'managedPolicies', 'groups', 'serviceHistory', '$comment']);
    checkStrings(user.managedPolicies, `${where}.managedPolicies`);
    checkStrings(user.groups, `${where}.groups`);
    if (user.serviceHistory !== undefined && !Array.isArray(user.serviceHistory)) fail(`${where}.serviceHistory`, 'expected an array');
    ((user.serviceHistory as unknown[] | undefined) ?? []).forEach((h, j) => {
      const entry = checkFields(h, `${where}.serviceHistory[${j}]`, ['service', 'date', 'daysAgo']);
      if (typeof entry.service !== 'string') fail(`${where}.serviceHistory[${j}].service`, 'expected a service namespace such as "s3"');
      checkWhen(entry, `${where}.serviceHistory[${j}]`, 'date', 'daysAgo');
    });
    if (typeof user.name !== 'string') fail(`${where}.name`, 'expected a string');
    checkType(user.path, `${where}.path`, 'string');
    checkType(user.admin, `${where}.admin`, 'boolean');
    checkType(user.ageDays, `${where}.ageDays`, 'number');
    checkType(user.passwordLastUsedDaysAgo, `${where}.passwordLastUsedDaysAgo`, 'number');
    if (user.policy !== undefined) {
      const policy = checkFields(user.policy, `${where}.policy`, ['denyActions', 'requireMfa', 'selfOnly']);
      if (policy.denyActions !== undefined && !(Array.isArray(policy.denyActions) && policy.denyActions.every((a) => typeof a === 'string'))) {
        fail(`${where}.policy.denyActions`, 'expected an array of action names');
      }
      checkType(policy.requireMfa, `${where}.policy.requireMfa`, 'boolean');
      checkType(policy.selfOnly, `${where}.policy.selfOnly`, 'boolean');
    }
    ((user.keys as unknown[] | undefined) ?? []).forEach((k, j) => {
      const keyWhere = `${where}.keys[${j}]`;
      const key = checkFields(k, keyWhere, ['id', 'secret', 'status', 'createDate', 'ageDays', 'lastUsed', '$comment']);
      if (key.id !== undefined && !/^AKIA[A-Z2-7]{16}$/.test(String(key.id))) fail(`${keyWhere}.id`, 'expected AKIA and 16 base32 characters');
      if (key.secret !== undefined && !/^[A-Za-z0-9+/]{40}$/.test(String(key.secret))) fail(`${keyWhere}.secret`, 'expected 40 base64 characters');
      if (key.status !== undefined && key.status !== 'Active' && key.status !== 'Inactive') fail(`${keyWhere}.status`, 'expected Active or Inactive');
      checkWhen(key, keyWhere, 'createDate', 'ageDays');
      if (key.lastUsed !== undefined && key.lastUsed !== 'never') {
        const lastUsed = checkFields(key.lastUsed, `${keyWhere}.lastUsed`, ['date', 'daysAgo', 'service', 'region']);
        if (typeof lastUsed.service !== 'string') fail(`${keyWhere}.lastUsed.service`, 'expected a service name such as "iam" or "s3"');
        checkType(lastUsed.region, `${keyWhere}.lastUsed.region`, 'string');
        checkWhen(lastUsed, `${keyWhere}.lastUsed`, 'date', 'daysAgo');
      }
    });
    ((user.mfaDevices as unknown[] | undefined) ?? []).forEach((d, j) => {
      const device = checkFields(d, `${where}.mfaDevices[${j}]`, ['serial', 'totpSecret', 'enabledDaysAgo']);
      if (typeof device.totpSecret !== 'string' || !/^[A-Z2-7]+=*$/.test(device.totpSecret)) fail(`${where}.mfaDevices[${j}].totpSecret`, 'expected base32');
      checkType(device.serial, `${where}.mfaDevices[${j}].serial`, 'string');
      checkType(device.enabledDaysAgo, `${where}.mfaDevices[${j}].enabledDaysAgo`, 'number');
    });
  });
  validateSeedEvents(seed.events, `${source}.events`);
  ((seed.faults as unknown[] | undefined) ?? []).forEach((f, i) => {
    try {
      validateFault(f);
    } catch (error) {
      fail(`${source}.faults[${i}]`, (error as Error).message);
    }
  });
  return seed as unknown as Seed;
}

function checkStrings(value: unknown, where: string): void {
  if (value !== undefined && !(Array.isArray(value) && value.every((v) => typeof v === 'string'))) fail(where, 'expected an array of names');
}

function checkPermissionSeeds(seed: Record<string, unknown>, source: string): void {
  for (const field of ['policies', 'groups']) if (seed[field] !== undefined && !Array.isArray(seed[field])) fail(`${source}.${field}`, 'expected an array');
  ((seed.policies as unknown[] | undefined) ?? []).forEach((p, i) => {
    const policy = checkFields(p, `${source}.policies[${i}]`, ['name', 'document', '$comment']);
    if (typeof policy.name !== 'string') fail(`${source}.policies[${i}].name`, 'expected a string');
    if (typeof policy.document !== 'object' || policy.document === null) fail(`${source}.policies[${i}].document`, 'expected a policy document object');
  });
  ((seed.groups as unknown[] | undefined) ?? []).forEach((g, i) => {
    const group = checkFields(g, `${source}.groups[${i}]`, ['name', 'managedPolicies', 'inlinePolicies', '$comment']);
    if (typeof group.name !== 'string') fail(`${source}.groups[${i}].name`, 'expected a string');
    checkStrings(group.managedPolicies, `${source}.groups[${i}].managedPolicies`);
    if (group.inlinePolicies !== undefined && (typeof group.inlinePolicies !== 'object' || group.inlinePolicies === null)) fail(`${source}.groups[${i}].inlinePolicies`, 'expected an object of policy documents');
  });
}

/** The ARN of a seeded policy name: an account policy of the seed, else an AWS-managed one. */
function policyArnOf(state: IamState, name: string): string {
  if (name.startsWith('arn:')) return state.policy(name).arn;
  const own = `arn:aws:iam::${state.accountId}:policy/${name}`;
  if (state.policies.has(own)) return own;
  return state.policy(awsManagedPolicyArn(name)).arn;
}

/** Adds the seed's account policies and groups (before its users, who refer to them). */
export function addSeedPermissions(state: IamState, seed: Seed): void {
  const createDate = state.clock.nowSeconds();
  for (const policy of seed.policies ?? []) {
    const arn = `arn:aws:iam::${state.accountId}:policy/${policy.name}`;
    state.policies.set(arn, { arn, policyName: policy.name, policyId: accountEncodedId('ANPA', state.accountId).slice(0, 21), path: '/', defaultVersionId: 'v1', document: JSON.stringify(policy.document), createDate });
  }
  for (const group of seed.groups ?? []) {
    state.groups.set(group.name, {
      groupName: group.name,
      groupId: accountEncodedId('AGPA', state.accountId).slice(0, 21),
      path: '/',
      arn: `arn:aws:iam::${state.accountId}:group/${group.name}`,
      createDate,
      attachedPolicyArns: (group.managedPolicies ?? []).map((name) => policyArnOf(state, name)),
      inlinePolicies: new Map(Object.entries(group.inlinePolicies ?? {}).map(([name, document]) => [name, JSON.stringify(document)])),
    });
  }
}

function pastDate(now: number, when: SeedWhen, fallback: Date): Date {
  if (when.date !== undefined) return new Date(when.date);
  // Whole seconds, the precision of AWS's XML dates, so a date read back through the SDK is equal.
  if (when.daysAgo !== undefined) return new Date(Math.floor((now - when.daysAgo * DAY_MS) / 1000) * 1000);
  return fallback;
}

/** Adds one seed user, with its keys and devices, to an account; dates count back from the clock. */
export function addSeedUser(state: IamState, user: SeedUser): void {
  const clock = state.clock;
  const now = clock.nowMs();
  const createDate = pastDate(now, { daysAgo: user.ageDays }, clock.nowSeconds());
  state.createUser({
    userName: user.name,
    path: user.path,
    createDate,
    passwordLastUsed: user.passwordLastUsedDaysAgo === undefined ? undefined : pastDate(now, { daysAgo: user.passwordLastUsedDaysAgo }, createDate),
    policy: user.policy,
    mfaDevices: (user.mfaDevices ?? []).map((device) => ({
      serialNumber: device.serial ?? `arn:aws:iam::${state.accountId}:mfa/${user.name}`,
      totpSecret: device.totpSecret.replace(/=+$/, ''),
      enableDate: pastDate(now, { daysAgo: device.enabledDaysAgo }, createDate),
    })),
  });
  const record = state.user(user.name);
  record.attachedPolicyArns = (user.managedPolicies ?? []).map((name) => policyArnOf(state, name));
  record.groupNames = (user.groups ?? []).map((name) => state.group(name).groupName);
  for (const entry of user.serviceHistory ?? []) record.serviceAccess.set(entry.service, pastDate(now, entry, clock.nowSeconds()));
  for (const key of user.keys ?? []) {
    const lastUsed: LastUse | undefined =
      key.lastUsed === undefined || key.lastUsed === 'never'
        ? undefined
        : { date: pastDate(now, key.lastUsed, clock.nowSeconds()), serviceName: key.lastUsed.service, region: key.lastUsed.region ?? 'us-east-1' };
    state.createAccessKey(user.name, {
      accessKeyId: key.id,
      secretAccessKey: key.secret,
      status: key.status,
      createDate: pastDate(now, { date: key.createDate, daysAgo: key.ageDays }, createDate),
      lastUsed,
    });
  }
}

/** The account a seed describes, plus the name of its administrator (if the seed marks one). */
export function buildState(seed: Seed, clock: Clock): { state: IamState; adminUserName?: string } {
  const state = new IamState(seed.accountId ?? '123456789012', clock);
  addSeedPermissions(state, seed);
  for (const user of seed.users) addSeedUser(state, user);
  addSeedEvents(state, seed.events ?? []);
  return { state, adminUserName: seed.users.find((user) => user.admin)?.name };
}
