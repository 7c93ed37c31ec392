/**
 * Short texts from an audit, shared by the editor and the CLI: the row summary ("admin · no MFA"),
 * whether a profile has problems, and the `--json` shape.
 */
import { maskKeyId } from '../keys';
import type { ProfileAudit, ProfileAuditJson } from './types';

/** The findings of an audit, worst first, as short labels. */
export function findingLabels(audit: ProfileAudit): string[] {
  const labels: string[] = [];
  if (audit.admin) labels.push('admin');
  if (audit.mfaEnabled === false) labels.push('no MFA');
  if (audit.escalation.length > 0) labels.push('can escalate');
  const unusedKeys = audit.keys.filter((k) => k.unused).length;
  if (unusedKeys > 0) labels.push(unusedKeys === 1 ? 'unused key' : `${unusedKeys} unused keys`);
  if (audit.services && audit.services.unused.length > 0) labels.push(`${audit.services.unused.length}/${audit.services.granted.length} services unused`);
  if (audit.problems.some((p) => p.step === 'roles' && !p.failed)) labels.push('use SSO/role');
  return labels;
}

/** The worst two findings for a profile row ("admin · no MFA"), or undefined when there are none. */
export function auditSummary(audit: ProfileAudit): string | undefined {
  const labels = findingLabels(audit);
  return labels.length > 0 ? labels.slice(0, 2).join(' · ') : undefined;
}

/** True when the audit found something to fix (not merely a fact it could not read). */
export function hasFindings(audit: ProfileAudit): boolean {
  return audit.problems.some((p) => !p.failed);
}

/** The `--json` object of one profile: exactly profile, kind, admin, mfaEnabled, keys, unusedServices, problems. */
export function auditJson(audit: ProfileAudit): ProfileAuditJson {
  return {
    profile: audit.profile,
    kind: audit.kind,
    admin: audit.admin,
    mfaEnabled: audit.mfaEnabled,
    keys: audit.keys.map((k) => ({ accessKeyId: maskKeyId(k.accessKeyId), status: k.status, ageDays: k.ageDays, lastUsedDays: k.lastUsedDays })),
    unusedServices: audit.services ? [...audit.services.unused] : null,
    problems: audit.problems.map((p) => ({ step: p.step, message: p.message })),
  };
}
