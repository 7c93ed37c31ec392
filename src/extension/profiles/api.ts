import type * as vscode from 'vscode';

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
}

/** A tree node or any argument that names a profile: what menu commands receive. */
export interface ProfileArgument {
  readonly profileName?: string;
}
