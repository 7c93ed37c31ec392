/**
 * The least-privilege and key-hygiene audit of every local profile: MFA, permissions (admin,
 * privilege escalation), keys (unused ones), Access Advisor's unused services, and roles or SSO
 * instead of long-term keys. Read-only: nothing is ever written to AWS or the files.
 */
export * from './types';
export { auditKindOf, DEFAULT_UNUSED_DAYS, ProfileAuditor } from './auditor';
export type { AuditOptions } from './auditor';
export { FactError } from './facts';
export type { AdvisorPolling } from './facts';
export { ADMINISTRATOR_ACCESS_ARN, ESCALATION_ACTIONS, escalationGrants, grantsEverything, leastPrivilegePolicy, parseStatements, wildcardMatch } from './policies';
export { keylessAccessOf, keylessSuggestion } from './alternatives';
export { auditJson, auditSummary, findingLabels, hasFindings } from './summary';
export { DeleteKeyError, deleteUnusedKey } from './delete-key';
export type { DeleteUnusedKeyInput } from './delete-key';
