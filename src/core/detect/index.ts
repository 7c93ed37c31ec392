/**
 * Public face of the detector, for the editor layer and the CLI. Nothing here imports `vscode`.
 */
export { detectSecrets, fingerprintOf, CONTEXT_LINES } from './detector';
export { detectSecretsInLines } from './incremental';
export { isPkcs12Path, pkcs12Finding } from './pkcs12';
export { RULES, ruleById, ruleDocsAnchor, type RuleInfo } from './rules';
export { ruleHelp } from './help';
export {
  INLINE_IGNORE_MARKER,
  IGNORE_FILE_NAME,
  emptyIgnoreList,
  ignoreLineFor,
  isPathIgnored,
  isSuppressed,
  loadIgnoreFile,
  parseIgnoreFile,
  type IgnoreList,
} from './suppress';
export type { Confidence, DetectOptions, Finding, FindingKind, PairedFinding, SecretRange } from './types';
