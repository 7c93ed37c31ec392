/**
 * The one registry of command ids. package.json contributes exactly these (a unit test checks both
 * ways), and every feature registers its handlers under these names.
 */
export interface CommandInfo {
  readonly id: string;
  readonly title: string;
  /** False for commands that only make sense on a tree item or a diagnostic (hidden from the palette). */
  readonly palette: boolean;
  readonly icon?: string;
}

function command(id: string, title: string, palette = true, icon?: string): CommandInfo {
  return { id: `awsKeyGuard.${id}`, title, palette, icon };
}

export const Commands = {
  scanWorkspace: command('scanWorkspace', 'Scan Workspace for Secrets'),
  refreshProfiles: command('refreshProfiles', 'Refresh Profiles', true, '$(refresh)'),
  rotateKey: command('rotateKey', 'Rotate Access Key…'),
  deactivateKey: command('deactivateKey', 'Deactivate Access Key'),
  deleteKey: command('deleteKey', 'Delete Access Key'),
  activateKey: command('activateKey', 'Activate Access Key…'),
  deleteDeactivatedKey: command('deleteDeactivatedKey', 'Delete Deactivated Key'),
  respondToLeak: command('respondToLeak', 'Respond to Leaked Key…'),
  finishInterruptedRotation: command('finishInterruptedRotation', 'Finish Interrupted Rotation'),
  createProfile: command('createProfile', 'Create a Profile…'),
  showLog: command('showLog', 'Show Log'),
  copyKeyId: command('copyKeyId', 'Copy Key Id', false),
  openInCredentialsFile: command('openInCredentialsFile', 'Open in Credentials File', false),
  retryProfile: command('retryProfile', 'Retry', false, '$(refresh)'),
  showRequiredPermissions: command('showRequiredPermissions', 'Show Required Permissions', true, '$(lock)'),
  enterMfaCode: command('enterMfaCode', 'Enter MFA Code…', true, '$(shield)'),
  addToIgnoreFile: command('addToIgnoreFile', 'Add Finding to Ignore File', false),
  moveToProfile: command('moveToProfile', 'Move Key Pair to a New Profile', false),
  showRuleDocs: command('showRuleDocs', 'Show Rule Documentation', false),
  deleteUnusedKey: command('deleteUnusedKey', 'Delete Unused Key', false),
  copyLeastPrivilegePolicy: command('copyLeastPrivilegePolicy', 'Copy Least-Privilege Policy', false),
  openInIamConsole: command('openInIamConsole', 'Open in IAM Console', false),
} as const satisfies Record<string, CommandInfo>;

export type CommandName = keyof typeof Commands;

export const ALL_COMMANDS: readonly CommandInfo[] = Object.values(Commands);

/** The category shown before each title in the command palette. */
export const COMMAND_CATEGORY = 'AWS Key Guard';
