/**
 * Fault injection: make chosen actions fail, slow down or hang, for the next N calls or until
 * cleared, so clients' retry, timeout and error paths can be tested against real HTTP.
 */
import { AwsError } from './errors';

/** One injected fault. */
export interface FaultSpec {
  /** The action it applies to ("CreateAccessKey", "GetCallerIdentity") or "*" for every action. */
  action: string;
  /** Answer with this AWS error code (Throttling, InternalFailure, ServiceUnavailable, LimitExceeded…). */
  error?: string;
  /** HTTP status for `error`; defaults to AWS's for well-known codes, else 400. */
  status?: number;
  /** Error message; defaults to AWS's for well-known codes. */
  message?: string;
  /** Delay before the answer (or the error), in milliseconds. */
  latencyMs?: number;
  /** Never answer: the client times out (the socket is closed when the emulator stops). */
  hang?: boolean;
  /** Carry the call out, then never answer: the client times out although the change was made. */
  lostAnswer?: boolean;
  /** How many matching calls it affects; absent means every call until the faults are cleared. */
  count?: number;
}

/** What the server does with a call after consulting the faults. */
export interface FaultOutcome {
  latencyMs: number;
  hang: boolean;
  lostAnswer?: boolean;
  error?: AwsError;
}

const WELL_KNOWN: Record<string, { status: number; message: string }> = {
  Throttling: { status: 400, message: 'Rate exceeded' },
  ThrottlingException: { status: 400, message: 'Rate exceeded' },
  RequestLimitExceeded: { status: 400, message: 'Request limit exceeded.' },
  InternalFailure: { status: 500, message: 'The request processing has failed because of an unknown error, exception or failure.' },
  ServiceFailure: { status: 500, message: 'The request processing has failed because of an unknown error, exception or failure.' },
  ServiceUnavailable: { status: 503, message: 'Service is unable to handle request.' },
  LimitExceeded: { status: 409, message: 'Cannot exceed quota for AccessKeysPerUser: 2' },
  EntityTemporarilyUnmodifiable: { status: 409, message: 'The entity is temporarily unmodifiable.' },
  AccessDenied: { status: 403, message: 'Access denied.' },
  InvalidClientTokenId: { status: 403, message: 'The security token included in the request is invalid.' },
  NoSuchEntity: { status: 404, message: 'The entity cannot be found.' },
};

/** Checks a fault from a seed or the control endpoint, so a typo fails loudly instead of never firing. */
export function validateFault(value: unknown): FaultSpec {
  if (typeof value !== 'object' || value === null) throw new Error('A fault must be an object.');
  const fault = value as Record<string, unknown>;
  if (typeof fault.action !== 'string' || fault.action === '') throw new Error('A fault needs an "action" (an action name or "*").');
  const known = new Set(['action', 'error', 'status', 'message', 'latencyMs', 'hang', 'lostAnswer', 'count']);
  for (const name of Object.keys(fault)) if (!known.has(name)) throw new Error(`Unknown fault field "${name}".`);
  if (fault.error !== undefined && typeof fault.error !== 'string') throw new Error('Fault "error" must be an AWS error code.');
  for (const name of ['status', 'latencyMs', 'count']) {
    const n = fault[name];
    const least = name === 'count' ? 1 : 0;
    if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n < least)) throw new Error(`Fault "${name}" must be an integer >= ${least}.`);
  }
  if (fault.error === undefined && fault.latencyMs === undefined && fault.hang !== true && fault.lostAnswer !== true) {
    throw new Error('A fault needs "error", "latencyMs" or "hang": true (or "lostAnswer": true).');
  }
  return fault as unknown as FaultSpec;
}

/** The active faults, consumed in the order they were added. */
export class FaultTable {
  private faults: FaultSpec[] = [];

  /** Adds a fault (validated). */
  add(spec: FaultSpec): void {
    this.faults.push({ ...validateFault(spec) });
  }

  /** Removes every fault. */
  clear(): void {
    this.faults = [];
  }

  /** The faults still active, with their remaining counts. */
  list(): FaultSpec[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  /** Consumes the first fault matching `action`, if any, and says what to do with the call. */
  take(action: string): FaultOutcome {
    const index = this.faults.findIndex((fault) => fault.action === '*' || fault.action === action);
    if (index < 0) return { latencyMs: 0, hang: false };
    const fault = this.faults[index];
    if (fault.count !== undefined) {
      fault.count -= 1;
      if (fault.count <= 0) this.faults.splice(index, 1);
    }
    const known = fault.error ? WELL_KNOWN[fault.error] : undefined;
    const error = fault.error
      ? new AwsError(fault.error, fault.status ?? known?.status ?? 400, fault.message ?? known?.message ?? `Injected ${fault.error}.`)
      : undefined;
    return { latencyMs: fault.latencyMs ?? 0, hang: fault.hang === true, lostAnswer: fault.lostAnswer === true, error };
  }
}
