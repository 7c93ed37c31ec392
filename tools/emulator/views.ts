/**
 * Read-only views of the emulator's account for assertions and the demo: everything but
 * secrets, so a state dump can be logged or printed safely.
 */
import { FaultSpec } from './faults';
import { AccessKeyRecord, AccessKeyStatus, LastUse, UserPolicy } from './model';
import { IamState } from './state';

/** An access key without its secret. */
export interface AccessKeyView {
  accessKeyId: string;
  userName: string;
  status: AccessKeyStatus;
  createDate: Date;
  lastUsed?: LastUse;
  /** Until when authentication with the key still fails (eventual consistency), if that is in the future. */
  usableFrom?: Date;
}

/** A user with its keys and MFA devices (serials only). */
export interface UserView {
  userName: string;
  userId: string;
  arn: string;
  path: string;
  createDate: Date;
  policy: UserPolicy;
  mfaDevices: { serialNumber: string; enableDate: Date }[];
  accessKeys: AccessKeyView[];
}

/** A live or expired STS session, without secret or token. */
export interface SessionView {
  accessKeyId: string;
  userName: string;
  expiration: Date;
  mfaAuthenticated: boolean;
}

/** The whole account as `GET /_emulator/state` returns it (dates as ISO strings there). */
export interface EmulatorSnapshot {
  accountId: string;
  now: Date;
  consistencyDelayMs: number;
  users: UserView[];
  sessions: SessionView[];
  faults: FaultSpec[];
}

/** The view of one access key. */
export function accessKeyView(key: AccessKeyRecord, nowMs: number): AccessKeyView {
  return {
    accessKeyId: key.accessKeyId,
    userName: key.userName,
    status: key.status,
    createDate: key.createDate,
    lastUsed: key.lastUsed && { ...key.lastUsed },
    usableFrom: key.usableFromMs > nowMs ? new Date(key.usableFromMs) : undefined,
  };
}

/** The views of every user, in creation order. */
export function userViews(state: IamState): UserView[] {
  const nowMs = state.clock.nowMs();
  return [...state.users.values()].map((user) => ({
    userName: user.userName,
    userId: user.userId,
    arn: user.arn,
    path: user.path,
    createDate: user.createDate,
    policy: { ...user.policy, denyActions: [...user.policy.denyActions] },
    mfaDevices: user.mfaDevices.map((d) => ({ serialNumber: d.serialNumber, enableDate: d.enableDate })),
    accessKeys: state.keysOf(user.userName).map((key) => accessKeyView(key, nowMs)),
  }));
}

/** The views of every session. */
export function sessionViews(state: IamState): SessionView[] {
  return [...state.sessions.values()].map((s) => ({
    accessKeyId: s.accessKeyId,
    userName: s.userName,
    expiration: s.expiration,
    mfaAuthenticated: s.mfaAuthenticated,
  }));
}
