import * as vscode from 'vscode';
import type { Log } from '../log';
import type { ProfilesFeature } from '../profiles/api';

/** Registers leak diagnostics, hovers, quick fixes and the workspace scan. */
export function registerLeakWarnings(_context: vscode.ExtensionContext, _log: Log, _profiles: ProfilesFeature): string[] {
  return [];
}
