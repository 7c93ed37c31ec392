/**
 * Delete Unused Key: deletes a key the audit found unused, after refusing one that a local profile
 * still holds, and checks afterwards that IAM no longer lists it (a success is only reported once
 * checked). The caller asks the user first.
 */
import { type ClientOptions, createIamClient } from '../aws/clients';
import { maskKeyId } from '../keys';
import { classifyProblem, type LocalProfile, type OwnCallRecorder, type SharedFilePaths } from '../profiles';

/** What to delete and with which profile's credentials. */
export interface DeleteUnusedKeyInput {
  /** The profile that signs the calls (the audited profile, or the profile its facts were read through). */
  readonly signer: LocalProfile;
  readonly userName: string;
  readonly accessKeyId: string;
  readonly files: SharedFilePaths;
  /** Reads the local profiles fresh: a key a profile holds now is refused. */
  readonly localProfiles: () => readonly LocalProfile[];
  readonly keyUse?: OwnCallRecorder;
  readonly client?: ClientOptions;
}

/** Deletion refused or failed; the message says why and that nothing changed where that is so. */
export class DeleteKeyError extends Error {
  override readonly name = 'DeleteKeyError';
}

/** Deletes the key and checks it is gone; throws {@link DeleteKeyError} otherwise. */
export async function deleteUnusedKey(input: DeleteUnusedKeyInput): Promise<void> {
  const masked = maskKeyId(input.accessKeyId);
  const holders = input.localProfiles().filter((p) => p.accessKeyId === input.accessKeyId).map((p) => p.name);
  if (holders.length > 0) throw new DeleteKeyError(`Key ${masked} is used by local profile ${holders.map((h) => `"${h}"`).join(', ')}: not deleted. Rotate that profile instead.`);
  const { DeleteAccessKeyCommand, ListAccessKeysCommand } = require('@aws-sdk/client-iam') as typeof import('@aws-sdk/client-iam');
  const iam = createIamClient({ profile: input.signer.name, credentialsFile: input.files.credentialsFile, configFile: input.files.configFile }, input.client);
  const signed = () => input.signer.accessKeyId && input.signer.longTermKey && input.keyUse?.ownCall(input.signer.accessKeyId, 'iam');
  try {
    try {
      signed();
      await iam.send(new DeleteAccessKeyCommand({ UserName: input.userName, AccessKeyId: input.accessKeyId }));
    } catch (error) {
      throw new DeleteKeyError(`Deleting key ${masked} failed; it was not deleted: ${classifyProblem(error, 'iam:DeleteAccessKey').message}`);
    }
    let listed;
    try {
      signed();
      listed = await iam.send(new ListAccessKeysCommand({ UserName: input.userName }));
    } catch (error) {
      throw new DeleteKeyError(`Key ${masked} was deleted, but IAM could not be asked to confirm it: ${classifyProblem(error, 'iam:ListAccessKeys').message}`);
    }
    if ((listed.AccessKeyMetadata ?? []).some((k) => k.AccessKeyId === input.accessKeyId)) throw new DeleteKeyError(`IAM still lists key ${masked} after deleting it; check the IAM console.`);
  } finally {
    iam.destroy();
  }
}
