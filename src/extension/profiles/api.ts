import type * as vscode from 'vscode';
import type { KeyStatus } from './keyStatus';

export type { KeyStatus } from './keyStatus';

/**
 * What the profiles feature offers the other editor features (rotation commands, the leak hover),
 * so that they depend on this small contract and not on the tree's internals.
 */
export interface LocalKeyProfile {
  /** Profile name as written in the file (`prod`, `default`). */
  readonly name: string;
  /** The file that holds its static key, and the 0-based line of its section header. */
  readonly file: string;
  readonly line: number;
  readonly accessKeyId: string;
  /** Age in whole days, when known from IAM (undefined offline or before facts load). */
  readonly ageDays?: number;
  /** Last use as IAM reports it ("2026-11-30 · s3 · us-east-1", "never"), when known. */
  readonly lastUse?: string;
  /** Why loading its facts failed, when it did (`invalid-key`, `inactive-key`, `mfa-required`…). */
  readonly problem?: string;
}

/** A deactivated key that no local profile holds: what Delete Deactivated Key removes. */
export interface DeactivatedKey {
  /** A profile of the key's user that can delete it (its own key works). */
  readonly profileName: string;
  readonly accessKeyId: string;
  readonly ageDays: number;
  readonly lastUse: string;
}

export interface ProfilesFeature {
  /** Fires when the profiles changed: a file changed on disk, or facts (ages) loaded. */
  readonly onDidChange: vscode.Event<void>;
  /** Re-reads the files and reloads facts from AWS (drops the cache). */
  refresh(): void;
  /** Local profiles whose static key is `accessKeyId` (read from disk; facts if already cached). */
  profilesWithKey(accessKeyId: string): Promise<LocalKeyProfile[]>;
  /** Every local profile holding a long-term key, oldest key first (for quick picks). */
  keyProfiles(): Promise<LocalKeyProfile[]>;
  /** IAM's status of a key, when a loaded profile listed it or this window changed it. */
  keyStatus(accessKeyId: string): KeyStatus | undefined;
  /** Remembers what this window did to a key (shown in warnings until IAM says otherwise). */
  recordKeyStatus(accessKeyId: string, status: KeyStatus): void;
  /** Deactivated keys of the loaded profiles' users that no local profile holds, one entry per key. */
  deactivatedKeys(): DeactivatedKey[];
  /** Other local profiles whose working key belongs to the same IAM user as `accessKeyId` (their listing shows it). */
  sameUserProfiles(accessKeyId: string): string[];
}

/** A tree node or any argument that names a profile: what menu commands receive. */
export interface ProfileArgument {
  readonly profileName?: string;
}
