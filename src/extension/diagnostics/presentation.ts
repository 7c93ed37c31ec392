import * as vscode from 'vscode';
import { ruleById, type Finding } from '../../core/detect';
import { DIAGNOSTIC_SOURCE } from './constants';
import { ruleDocsUri } from './ruleDocs';
import { toSeverity, type LeakSettings } from './settings';

const AWS_KINDS = new Set(['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token']);

/** Plain words for what a finding is, with its masked value (never the secret). */
export function describeFinding(finding: Finding): string {
  const what = ruleById(finding.ruleId).title;
  const account = finding.accountId ? ` (AWS account ${finding.accountId})` : '';
  if (finding.kind === 'example') return `${what} ${finding.masked}: a documentation example, not a live key.`;
  const pair = finding.pairedWith ? ' together with its pair: usable as is' : '';
  return `${what} ${finding.masked}${account}${pair}. Anyone who reads this file can use it.`;
}

/** The severity for a finding under the user's settings; undefined hides it. */
export function severityOf(finding: Finding, settings: LeakSettings, isLiveKey: boolean): vscode.DiagnosticSeverity | undefined {
  if (finding.kind === 'example') return settings.showDocumentationExamples ? toSeverity(settings.severity.example) : undefined;
  if (isLiveKey) return toSeverity(settings.severity.liveKey);
  if (finding.pairedWith && AWS_KINDS.has(finding.kind)) return toSeverity(settings.severity.keyPair);
  return toSeverity(AWS_KINDS.has(finding.kind) ? settings.severity.credential : settings.severity.token);
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
  ) {
    const live = liveProfiles.length ? ` It is the live key of profile ${liveProfiles.map((p) => `"${p}"`).join(', ')}.` : '';
    super(rangeOf(finding), describeFinding(finding) + live, severity);
    this.source = DIAGNOSTIC_SOURCE;
    this.code = { value: finding.ruleId, target: ruleDocsUri(finding.ruleId) };
  }
}

export function toDiagnostics(findings: readonly Finding[], settings: LeakSettings, liveKeys: ReadonlyMap<string, readonly string[]>, text: (f: Finding) => string): LeakDiagnostic[] {
  const out: LeakDiagnostic[] = [];
  for (const finding of findings) {
    const profiles = finding.kind === 'aws-access-key-id' ? liveKeys.get(text(finding)) ?? [] : [];
    const severity = severityOf(finding, settings, profiles.length > 0);
    if (severity !== undefined) out.push(new LeakDiagnostic(finding, severity, profiles));
  }
  return out;
}
