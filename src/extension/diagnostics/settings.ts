import * as vscode from 'vscode';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** Mirrors the `awsKeyGuard.*` leak-warning settings of package.json. */
export interface LeakSettings {
  enable: boolean;
  severity: { keyPair: SeverityName; liveKey: SeverityName; credential: SeverityName; token: SeverityName; example: SeverityName };
  showDocumentationExamples: boolean;
  excludeGlobs: string[];
  maxFileSizeKB: number;
}

/** Upper bounds of the cost settings: a workspace's settings file must not make a scan unbounded. */
export const MAX_FILE_SIZE_KB = 65536; // 64 MiB, the CLI's --max-file-size default
/** A 5 MiB minified bundle and the like are scanned by default (files over 256 KB on a worker thread). */
export const DEFAULT_FILE_SIZE_KB = 16384;
export const MAX_EXCLUDE_GLOBS = 200;

function clampFileSizeKB(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(MAX_FILE_SIZE_KB, Math.max(1, Math.floor(value))) : DEFAULT_FILE_SIZE_KB;
}

function boundedGlobs(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string' && g.length <= 1024).slice(0, MAX_EXCLUDE_GLOBS) : [];
}

export function readLeakSettings(scope?: vscode.ConfigurationScope): LeakSettings {
  const c = vscode.workspace.getConfiguration('awsKeyGuard', scope);
  return {
    enable: c.get('diagnostics.enable', true),
    severity: {
      keyPair: c.get('severity.keyPair', 'error'),
      liveKey: c.get('severity.liveKey', 'error'),
      credential: c.get('severity.credential', 'warning'),
      token: c.get('severity.token', 'warning'),
      example: c.get('severity.example', 'information'),
    },
    showDocumentationExamples: c.get('showDocumentationExamples', true),
    excludeGlobs: boundedGlobs(c.get('scan.excludeGlobs', [])),
    maxFileSizeKB: clampFileSizeKB(c.get('scan.maxFileSizeKB', DEFAULT_FILE_SIZE_KB)),
  };
}

export function toSeverity(name: SeverityName): vscode.DiagnosticSeverity | undefined {
  switch (name) {
    case 'error': return vscode.DiagnosticSeverity.Error;
    case 'warning': return vscode.DiagnosticSeverity.Warning;
    case 'information': return vscode.DiagnosticSeverity.Information;
    case 'hint': return vscode.DiagnosticSeverity.Hint;
    default: return undefined;
  }
}
