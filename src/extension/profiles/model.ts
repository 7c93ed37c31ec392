/**
 * The Profiles view's state: the profiles read from disk and each one's load status, kept apart
 * from the tree so the status bar, the commands and the other features read the same data.
 * Results of an outdated load (the files changed, or a refresh started) are dropped by generation.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { awsHomeDirectory, CredentialsFileError } from '../../core/credentials';
import type { StaticCredentials } from '../../core/aws/clients';
import { type LocalProfile, ProfileFactsLoader, type ProfileReport, type ProfileStatus } from '../../core/profiles';
import type { Log } from '../log';

/** What the view shows at a given moment. */
export interface ProfilesState {
  /** False before the first read and when neither shared file exists (the welcome view shows). */
  readonly hasFiles: boolean;
  readonly profiles: readonly LocalProfile[];
  /** A status per profile name; absent while it loads. */
  readonly statuses: ReadonlyMap<string, ProfileStatus>;
  /** Set when a file exists but cannot be read (shown as a node). */
  readonly fileError?: string;
  /** Paths the SDK uses, for the watcher. */
  readonly credentialsFile: string;
  readonly configFile: string;
}

export class ProfilesModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  readonly loader: ProfileFactsLoader;
  private generation = 0;
  private pending = 0;
  private current: ProfilesState;

  constructor(
    private readonly log: Log,
    env: NodeJS.ProcessEnv = process.env,
    sessionCredentials?: (profileName: string) => StaticCredentials | undefined,
  ) {
    this.loader = new ProfileFactsLoader({ env, homedir: awsHomeDirectory(env, os.homedir()), sessionCredentials });
    this.current = { hasFiles: false, profiles: [], statuses: new Map(), ...this.loader.paths };
  }

  get state(): ProfilesState {
    return this.current;
  }

  /** True while a load is running. */
  get loading(): boolean {
    return this.pending > 0;
  }

  /** Reads the files now (offline facts only). */
  readLocal(): LocalProfile[] {
    return this.loader.readLocal().profiles;
  }

  /** The report of a profile, when it is known. */
  report(name: string): ProfileReport | undefined {
    const profile = this.current.profiles.find((p) => p.name === name);
    return profile && { profile, status: this.current.statuses.get(name) ?? { state: 'skipped', reason: 'loading' } };
  }

  /**
   * Re-reads the files and (re)loads facts. `dropCache` forces new AWS calls for every profile
   * (the refresh button); otherwise only profiles whose settings changed are fetched again.
   */
  reload(options: { dropCache?: boolean; only?: string } = {}): Promise<void> {
    if (options.dropCache) this.loader.invalidate();
    if (options.only) this.loader.invalidate(options.only);
    const generation = ++this.generation;
    const statuses = new Map<string, ProfileStatus>();
    let local;
    try {
      local = this.loader.readLocal();
    } catch (error) {
      const message = error instanceof CredentialsFileError ? error.message : String(error);
      this.log.error('Could not read the AWS shared files', error);
      this.current = { ...this.current, hasFiles: true, profiles: [], statuses, fileError: message };
      this.changed.fire();
      return Promise.resolve();
    }
    // Keep what is already known for unchanged profiles so the tree does not flash "loading".
    for (const profile of local.profiles) {
      const previous = this.current.profiles.find((p) => p.name === profile.name);
      const known = this.current.statuses.get(profile.name);
      if (!options.dropCache && options.only !== profile.name && previous?.fingerprint === profile.fingerprint && known) statuses.set(profile.name, known);
    }
    this.current = { ...this.current, hasFiles: local.credentials.exists || local.config.exists, profiles: local.profiles, statuses, fileError: undefined };
    this.changed.fire();
    this.pending++;
    return this.loader
      .load({
        local,
        onReport: (report) => {
          if (generation !== this.generation) return;
          statuses.set(report.profile.name, report.status);
          if (report.status.state === 'failed') this.log.warn(`Profile "${report.profile.name}" (${report.profile.maskedKeyId ?? 'no key'}): ${report.status.problem.code} (${report.status.problem.cause ?? ''})`);
          this.changed.fire();
        },
      })
      .then(
        () => undefined,
        (error: unknown) => this.log.error('Loading profile facts failed', error),
      )
      .finally(() => {
        this.pending--;
        if (generation === this.generation) this.changed.fire();
      });
  }

  /** Tells listeners something they derive from the model changed (a key status we recorded). */
  notify(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.generation++;
    this.changed.dispose();
  }
}
