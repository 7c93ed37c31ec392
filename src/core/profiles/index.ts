/**
 * Profile facts for the Profiles view, the CLI and the rotation quick pick: offline facts from the
 * shared files and online facts (key age, last use, status) from IAM/STS, cached and loaded in
 * parallel.
 */
export * from './model';
export { ageBand, ageInDays, formatDays, sanitizeThresholds } from './age';
export { activeProfileName, localProfilesOf, readLocalProfiles, shortMaskKeyId } from './local';
export type { LocalProfiles } from './local';
export { classifyProblem, deniedActionOf } from './problems';
export { fetchFactsThrough, fetchOnlineFacts, ProbeDeniedError, ProfileLoadError } from './online';
export type { FetchOptions } from './online';
export { defaultKeyUsePath, KeyUseRecord, OWN_CALL_WINDOW_MS } from './key-use';
export type { OwnCallRecorder } from './key-use';
export type { SharedFilePaths } from './online';
export { ProfileFactsLoader, skipReason } from './loader';
export type { ProfileFactsOptions, ProfilesSnapshot } from './loader';
export { mapWithConcurrency } from './pool';
export { formatDate, formatLastUse, formatLastUseWithNote, keyBandOf, lastUseNote, statusLabel } from './format';
export { getMfaSession, isWrongMfaCode, mfaDeviceOf } from './mfa';
export type { MfaDevice, MfaSession } from './mfa';
