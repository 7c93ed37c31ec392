/**
 * The access key lifecycle: rotate a profile's key, retire (deactivate/delete) keys, recover an
 * interrupted rotation from its journal, and respond to a leaked key. Plain Node, no editor API.
 */
export * from './types';
export { rotateProfileKey } from './rotate';
export type { RotationDeps, RotationRequest, RotationResult } from './rotate';
export { RotationJournal, JournalError, defaultJournalPath } from './journal';
export type { JournalEntry, JournalStep } from './journal';
export { inspectJournal, finishInterruptedRotation } from './recovery';
export type { InterruptedRotation, RecoveryAction } from './recovery';
export { retireOldKey, retireProfileKey, deleteDeactivatedKeys } from './retire';
export { leakCandidates, deactivateLeakedKey } from './leak';
export type { LeakCandidates, LeakedKeyFacts } from './leak';
export { localKeyHolders, readProfileKey } from './local';
export { lowerCaseKeyNames, upperCaseKeyWarning } from './key-names';
export type { ProfileSection } from './key-names';
export type { LocalKeyHolder } from './local';
export { awsErrorCode, describeAwsError } from './aws-errors';
export { rotateInactiveKey } from './inactive';
export { activateKey } from './activate';
