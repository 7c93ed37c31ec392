import * as vscode from 'vscode';
import type { Log } from '../log';
import type { ProfilesFeature } from '../profiles/api';

/** Registers the key lifecycle commands (rotate, deactivate, delete, respond to a leak). */
export function registerKeyLifecycle(_context: vscode.ExtensionContext, _log: Log, _profiles: ProfilesFeature): string[] {
  // Returns the command ids it registered, so extension.ts can register placeholders for the rest.
  return [];
}
