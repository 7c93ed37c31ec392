/**
 * The shared credentials and config files: exact reading (AWS SDK semantics, ambiguities
 * flagged), format-preserving edits and atomic, lost-update-safe writes.
 */
export * from './model';
export { CredentialsEditError, CredentialsFileError } from './errors';
export type { CredentialsEditErrorCode, CredentialsFileErrorCode } from './errors';
export { awsHomeDirectory, configFilePath, credentialsFilePath, sharedFilePaths } from './paths';
export type { Environment } from './paths';
export { findProfile, getProperty, hashText, parseCredentialsText, profileKind, sdkView } from './document';
export type { SdkView } from './document';
export { accessKeyIdOf, mergeProfiles } from './profiles';
export type { MergedProfile } from './profiles';
export { detectStyle } from './style';
export type { FileStyle } from './style';
export { addProfile, deleteProfile, lowerCaseKeys, removeProperties, replaceKeyEverywhere, setProperties, updateProfile, upperCaseKeyNames, withText } from './edits';
export { decodeCredentialsBytes, MAX_FILE_BYTES, readCredentialsDocument, readSharedFiles } from './read';
export { fsyncDirectory, listTempFiles, lockPathFor, removeOrphanTempFiles, resolveSymlinkTarget, withFileLock, writeCredentialsFileAtomic, writeLockedCredentialsFile } from './atomic-write';
export { currentProcessOwner, isHeld, lockHolder, lockSync, ownerIsGone, tryLock } from './lock';
export type { HeldLock, LockInfo, LockOptions, ProcessOwner } from './lock';
export type { AtomicWriteOptions } from './atomic-write';
export { editCredentialsFile } from './edit-file';
