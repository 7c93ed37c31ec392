import * as vscode from 'vscode';
import { ruleById, type Finding } from '../../core/detect';
import type { KeyStatus } from '../profiles/api';
import { DIAGNOSTIC_SOURCE } from './constants';
import { ruleDocsUri } from './ruleDocs';
import { toSeverity, type LeakSettings } from './settings';

const AWS_KINDS = new Set(['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token']);

/** What IAM says about the key a finding belongs to, in words for the message and the hover. */
export function keyStatusText(status: KeyStatus): string {
  return status === 'Deleted'
    ? 'this key was deleted in IAM and can never be used again; remove it from the file'
    : 'IAM lists this key as inactive: it does not work now, but it can be activated again; remove it from the file';
}

/** Plain words for what a finding is, with its masked value (never the secret). */
export function describeFinding(finding: Finding, status?: KeyStatus): string {
  // A decoded value's masked text already names the rule ("base64 of AWS secret access key: wJ…").
  const what = finding.encoded ? finding.masked.charAt(0).toUpperCase() + finding.masked.slice(1) : `${ruleById(finding.ruleId).title} ${finding.masked}`;
  const account = finding.accountId ? ` (AWS account ${finding.accountId})` : '';
  if (finding.kind === 'example') return `${what}: a documentation example, not a live key.`;
  if (status && (finding.kind === 'aws-access-key-id' || finding.kind === 'aws-secret-access-key') && status !== 'Active') return `${what}${account}: ${keyStatusText(status)}.`;
  if (finding.pairedWith) return `${what}${account} together with its pair: usable as is. Anyone who reads this file can use it.`;
  // A key id alone grants nothing; a secret alone needs its key id.
  if (finding.kind === 'aws-access-key-id') return `${what}${account}. A key id alone is not usable without its secret, but it names the key and its account.`;
  if (finding.kind === 'aws-secret-access-key') return `${what}. Anyone who also has its key id can use it.`;
  return `${what}${account}. Anyone who reads this file can use it.`;
}

/** The severity for a finding under the user's settings; undefined hides it. A key IAM no longer accepts is less severe. */
export function severityOf(finding: Finding, settings: LeakSettings, isLiveKey: boolean, status?: KeyStatus): vscode.DiagnosticSeverity | undefined {
  if (finding.kind === 'example') return settings.showDocumentationExamples ? toSeverity(settings.severity.example) : undefined;
  let severity: vscode.DiagnosticSeverity | undefined;
  if (isLiveKey) severity = toSeverity(settings.severity.liveKey);
  else if (finding.pairedWith && AWS_KINDS.has(finding.kind)) severity = toSeverity(settings.severity.keyPair);
  else severity = toSeverity(AWS_KINDS.has(finding.kind) ? settings.severity.credential : settings.severity.token);
  if (severity === undefined || status === undefined || status === 'Active') return severity;
  // Higher numbers are milder (Error 0 … Hint 3): never raise what the settings chose.
  return Math.max(severity, status === 'Deleted' ? vscode.DiagnosticSeverity.Information : vscode.DiagnosticSeverity.Warning);
}

export function rangeOf(finding: Pick<Finding, 'range'>): vscode.Range {
  const r = finding.range;
  return new vscode.Range(r.line, r.startColumn, r.endLine, r.endColumn);
}

/** Our diagnostic for a finding, carrying the finding itself for hovers and quick fixes. */
export class LeakDiagnostic extends vscode.Diagnostic {
  constructor(
    readonly finding: Finding,
    severity: vscode.DiagnosticSeverity,
    liveProfiles: readonly string[],
    /** IAM's status of the AWS key the finding belongs to, when known. */
    readonly keyStatus?: KeyStatus,
  ) {
    const live = liveProfiles.length ? ` It is the ${keyStatus && keyStatus !== 'Active' ? '' : 'live '}key of profile ${liveProfiles.map((p) => `"${p}"`).join(', ')}.` : '';
    super(rangeOf(finding), describeFinding(finding, keyStatus) + live, severity);
    this.source = DIAGNOSTIC_SOURCE;
    this.code = { value: finding.ruleId, target: ruleDocsUri(finding.ruleId) };
  }
}

/** The key id a finding belongs to: its own text, or its paired key id's for a secret. */
function keyIdOf(finding: Finding, text: (f: Pick<Finding, 'range'>) => string): string | undefined {
  if (finding.kind === 'aws-access-key-id') return text(finding);
  if (finding.kind === 'aws-secret-access-key' && finding.pairedWith?.ruleId === 'aws-access-key-id') return text(finding.pairedWith);
  return undefined;
}

export function toDiagnostics(
  findings: readonly Finding[],
  settings: LeakSettings,
  liveKeys: ReadonlyMap<string, readonly string[]>,
  text: (f: Pick<Finding, 'range'>) => string,
  keyStatus: (accessKeyId: string) => KeyStatus | undefined = () => undefined,
): LeakDiagnostic[] {
  const out: LeakDiagnostic[] = [];
  for (const finding of findings) {
    const profiles = finding.kind === 'aws-access-key-id' ? liveKeys.get(text(finding)) ?? [] : [];
    const keyId = keyIdOf(finding, text);
    const status = keyId ? keyStatus(keyId) : undefined;
    const severity = severityOf(finding, settings, profiles.length > 0, status);
    if (severity !== undefined) out.push(new LeakDiagnostic(finding, severity, profiles, status));
  }
  return out;
}
