import * as path from 'node:path';

/** Environment variables as `process.env` carries them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The home directory the AWS SDK for JavaScript uses: HOME, then USERPROFILE, then
 * HOMEDRIVE+HOMEPATH, then the OS answer. Matching it matters: a different guess would make us
 * show or edit a file the SDK and the CLI never read.
 */
export function awsHomeDirectory(env: Environment, osHomedir: string): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? `C:${path.sep}`}${env.HOMEPATH}`;
  return osHomedir;
}

// The SDK expands only a leading "~/" (not "~user", not a bare "~").
function expandHome(filePath: string, homedir: string): string {
  return filePath.startsWith('~/') ? path.join(homedir, filePath.slice(2)) : filePath;
}

/** Path of the shared credentials file: AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials. */
export function credentialsFilePath(env: Environment, homedir: string): string {
  return expandHome(env.AWS_SHARED_CREDENTIALS_FILE || path.join(homedir, '.aws', 'credentials'), homedir);
}

/** Path of the shared config file: AWS_CONFIG_FILE or ~/.aws/config. */
export function configFilePath(env: Environment, homedir: string): string {
  return expandHome(env.AWS_CONFIG_FILE || path.join(homedir, '.aws', 'config'), homedir);
}

/** Both shared files, as the SDK resolves them for `env` with `homedir` as the home directory. */
export function sharedFilePaths(env: Environment, homedir: string): { credentialsFile: string; configFile: string } {
  return { credentialsFile: credentialsFilePath(env, homedir), configFile: configFilePath(env, homedir) };
}
