/**
 * Responding to a leaked access key: contain, investigate, eradicate, harden. Plain Node, no
 * editor API; the CLI's `respond` and the editor's Respond to Leaked Key share it.
 */
export * from './types';
export { respondToLeakedKey } from './respond';
export { REVOKE_POLICY_NAME, revokeOlderSessionsPolicy } from './steps';
export { consoleUrlOf, EVENT_HISTORY_DAYS, SUSPICIOUS_EVENT_NAMES } from './investigation';
export type { Count, InvestigatedEvent, Investigation } from './investigation';
export { renderMarkdownReport, renderTextReport, reportJson } from './render';
