import * as vscode from 'vscode';
import { redactSecrets } from '../core/redact';

/**
 * The extension's one log. Everything goes through `redactSecrets` first, so a key id is only ever
 * written masked and a secret-shaped value never reaches the Output panel, even when it hides in an
 * SDK error message.
 */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
  debug(message: string): void;
  show(): void;
}

export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

export function createLog(channel: vscode.LogOutputChannel): Log {
  return {
    info: (m) => channel.info(redactSecrets(m)),
    warn: (m) => channel.warn(redactSecrets(m)),
    debug: (m) => channel.debug(redactSecrets(m)),
    error: (m, err) => channel.error(redactSecrets(err === undefined ? m : `${m}: ${describeError(err)}`)),
    show: () => channel.show(true),
  };
}
