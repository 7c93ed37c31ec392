/**
 * The control endpoint under /_emulator/: JSON over plain HTTP, outside the AWS protocol (AWS
 * clients only ever POST to "/"), for the demo, child-process tests and other languages.
 *
 *   GET    /_emulator/state         the account without secrets (users, keys, sessions, faults)
 *   GET    /_emulator/calls         the calls answered so far
 *   GET    /_emulator/faults        active faults
 *   POST   /_emulator/faults        add a fault (a FaultSpec, or an array of them)
 *   DELETE /_emulator/faults        clear faults
 *   POST   /_emulator/consistency   {"delayMs": N}
 *   POST   /_emulator/clock         {"now": ISO} or {"advanceMs": N}
 *   POST   /_emulator/users         a seed user; answers its first key's credentials
 *   GET    /_emulator/mfa-code?serial=ARN   the device's current TOTP code
 *   POST   /_emulator/reset         back to the seed
 */
import { ServerResponse } from 'node:http';
import type { Emulator } from './emulator';
import { validateFault } from './faults';

function reply(response: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value, null, 2) + '\n';
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

function parseJson(body: string): Record<string, unknown> | unknown[] {
  const value: unknown = JSON.parse(body === '' ? '{}' : body);
  if (typeof value !== 'object' || value === null) throw new Error('Expected a JSON object.');
  return value as Record<string, unknown>;
}

/** Answers one control request; 400 with {"error"} for bad input, 404 for unknown routes. */
export function handleControlRequest(emulator: Emulator, method: string, url: URL, body: string, response: ServerResponse): void {
  const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
  try {
    switch (route) {
      case 'GET /_emulator/state':
        return reply(response, 200, emulator.snapshot());
      case 'GET /_emulator/calls':
        return reply(response, 200, emulator.calls());
      case 'GET /_emulator/faults':
        return reply(response, 200, emulator.faults.list());
      case 'POST /_emulator/faults': {
        const json = parseJson(body);
        const faults = (Array.isArray(json) ? json : [json]).map(validateFault);
        for (const fault of faults) emulator.injectFault(fault);
        return reply(response, 200, emulator.faults.list());
      }
      case 'DELETE /_emulator/faults':
        emulator.clearFaults();
        return reply(response, 200, []);
      case 'POST /_emulator/consistency': {
        const delayMs = (parseJson(body) as Record<string, unknown>).delayMs;
        if (typeof delayMs !== 'number' || delayMs < 0) throw new Error('Expected {"delayMs": N} with N >= 0.');
        emulator.setConsistencyDelay(delayMs);
        return reply(response, 200, { delayMs });
      }
      case 'POST /_emulator/clock': {
        const json = parseJson(body) as Record<string, unknown>;
        if (typeof json.now === 'string' && !Number.isNaN(Date.parse(json.now))) emulator.setNow(new Date(json.now));
        else if (typeof json.advanceMs === 'number') emulator.advanceClock(json.advanceMs);
        else throw new Error('Expected {"now": ISO date} or {"advanceMs": N}.');
        return reply(response, 200, { now: emulator.now() });
      }
      case 'POST /_emulator/users':
        return reply(response, 200, emulator.addUser(parseJson(body) as never));
      case 'GET /_emulator/mfa-code':
        return reply(response, 200, { code: emulator.mfaCode(url.searchParams.get('serial') ?? '') });
      case 'POST /_emulator/reset':
        emulator.reset();
        return reply(response, 200, { reset: true });
      default:
        return reply(response, 404, { error: `No control route ${route}.` });
    }
  } catch (error) {
    reply(response, 400, { error: (error as Error).message });
  }
}
