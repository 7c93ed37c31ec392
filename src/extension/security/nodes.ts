/**
 * The "Security" group under each IAM-user profile and its facts. contextValues drive the menus:
 * `securityGroup` (Open in IAM Console), `securityKey.unused` (Delete Unused Key),
 * `securityServices` (Copy Least-Privilege Policy). None contains "Profile", so the profile menus
 * stay off these items.
 */
import * as vscode from 'vscode';
import { type AuditProblem, auditSummary, type ProfileAudit } from '../../core/audit';
import { formatLastUseWithNote } from '../../core/profiles';
import { maskKeyId } from '../../core/keys';
import type { AuditState } from './model';

/** A fact of the Security group. */
export class SecurityFactNode extends vscode.TreeItem {
  constructor(
    readonly profileName: string,
    id: string,
    label: string,
    init: { description: string; icon: string; color?: string; tooltip?: string; contextValue?: string; accessKeyId?: string },
  ) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.id = `security:${profileName}:${id}`;
    this.description = init.description;
    this.iconPath = new vscode.ThemeIcon(init.icon, init.color ? new vscode.ThemeColor(init.color) : undefined);
    this.tooltip = init.tooltip ?? `${label}: ${init.description}`;
    this.contextValue = init.contextValue ?? 'securityFact';
    this.accessKeyId = init.accessKeyId;
  }

  /** The key a Delete Unused Key acts on. */
  readonly accessKeyId?: string;
}

/** The group: collapsed, with the summary as description; children built with it. */
export class SecurityGroupNode extends vscode.TreeItem {
  constructor(
    readonly profileName: string,
    readonly children: SecurityFactNode[],
    description: string,
    problems: boolean,
  ) {
    super('Security', vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `security:${profileName}`;
    this.description = description;
    this.iconPath = new vscode.ThemeIcon('shield', problems ? new vscode.ThemeColor('list.warningForeground') : new vscode.ThemeColor('testing.iconPassed'));
    this.contextValue = 'securityGroup';
    this.tooltip = 'Least privilege and key hygiene, read with this profile\'s credentials. Our own checks are never counted as a key\'s use.';
  }
}

const WARN = 'list.warningForeground';
const OK = 'testing.iconPassed';

function failure(problems: readonly AuditProblem[], step: AuditProblem['step']): string | undefined {
  return problems.find((p) => p.failed && p.step === step)?.message;
}

/** The group for a profile's audit state. */
export function securityGroup(profileName: string, state: AuditState): SecurityGroupNode {
  if (state.state === 'loading') {
    return new SecurityGroupNode(profileName, [new SecurityFactNode(profileName, 'loading', 'loading…', { description: '', icon: 'loading~spin' })], 'loading…', false);
  }
  const audit = state.audit;
  const facts: SecurityFactNode[] = [];
  const fact = (id: string, label: string, init: ConstructorParameters<typeof SecurityFactNode>[3]) => facts.push(new SecurityFactNode(profileName, id, label, init));
  const identityFailure = failure(audit.problems, 'identity');
  if (identityFailure) fact('identity', 'Not audited', { description: identityFailure, icon: 'warning', color: WARN });
  else {
    const mfaFailure = failure(audit.problems, 'mfa');
    fact('mfa', 'MFA', mfaFailure ? { description: 'unknown', tooltip: mfaFailure, icon: 'question' } : audit.mfaEnabled ? { description: 'enabled', icon: 'pass', color: OK } : { description: 'no MFA device', icon: 'warning', color: WARN });
    permissionFacts(audit, fact);
    keyFacts(audit, fact);
    serviceFacts(audit, fact);
    for (const [index, problem] of audit.problems.filter((p) => p.step === 'roles' && !p.failed).entries()) {
      fact(`roles${index}`, 'Use SSO or a role', { description: problem.message, icon: 'lightbulb', color: WARN });
    }
  }
  const findings = audit.problems.some((p) => !p.failed);
  return new SecurityGroupNode(profileName, facts, auditSummary(audit) ?? (identityFailure ? 'not audited' : 'no findings'), findings);
}

type AddFact = (id: string, label: string, init: ConstructorParameters<typeof SecurityFactNode>[3]) => void;

function permissionFacts(audit: ProfileAudit, fact: AddFact): void {
  const failed = failure(audit.problems, 'permissions');
  const sources = audit.policies.map((p) => `${p.name} (${p.source})`).join(', ') || 'no policies';
  if (failed) fact('permissions', 'Permissions', { description: 'unknown', tooltip: failed, icon: 'question' });
  else if (audit.admin) fact('permissions', 'Permissions', { description: `admin · ${sources}`, icon: 'warning', color: WARN });
  else fact('permissions', 'Permissions', { description: sources, icon: 'pass', color: OK });
  if (audit.escalation.length > 0) fact('escalation', 'Privilege escalation', { description: `${audit.escalation.join(', ')} on *`, icon: 'warning', color: WARN });
}

function keyFacts(audit: ProfileAudit, fact: AddFact): void {
  for (const key of audit.keys) {
    const masked = maskKeyId(key.accessKeyId);
    const used = key.lastUsedDays === null ? 'never used' : `last used ${key.lastUsedDays} days ago`;
    const holders = key.localProfiles.length > 0 ? `profile ${key.localProfiles.join(', ')}` : 'no local profile';
    fact(`key:${key.accessKeyId.slice(-4)}`, key.unused ? 'Unused key — delete?' : 'Key', {
      description: `${masked.replace(/\*+/, '…')} · ${key.status} · ${key.ageDays} days · ${used}`,
      tooltip: `${masked} (${holders}): ${key.status}, ${key.ageDays} days old, last used ${formatLastUseWithNote(key.lastUse)}`,
      icon: key.unused ? 'trash' : 'key',
      color: key.unused ? WARN : undefined,
      contextValue: key.unused ? 'securityKey.unused' : 'securityKey',
      accessKeyId: key.accessKeyId,
    });
  }
}

function serviceFacts(audit: ProfileAudit, fact: AddFact): void {
  const failed = failure(audit.problems, 'least-privilege');
  if (failed) {
    fact('services', 'Least privilege', { description: 'unknown', tooltip: failed, icon: 'question' });
    return;
  }
  const services = audit.services;
  if (!services) return;
  const unused = services.unused.length;
  fact('services', 'Least privilege', {
    description: unused > 0 ? `${unused} of ${services.granted.length} granted services unused` : `all ${services.granted.length} granted services used`,
    tooltip: `Used: ${services.used.join(', ') || 'none'}\n\nUnused: ${services.unused.join(', ') || 'none'}`,
    icon: unused > 0 ? 'warning' : 'pass',
    color: unused > 0 ? WARN : OK,
    contextValue: 'securityServices',
  });
}
