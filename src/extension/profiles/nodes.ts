/**
 * The Profiles tree's items. Every profile node carries `profileName` (the ProfileArgument
 * contract) so context-menu commands know which profile they act on. contextValue drives the menus:
 * `keyProfile…` (a long-term key: rotate, copy, open), `otherProfile`, `profileError` (retry).
 */
import * as vscode from 'vscode';
import { type AgeBand, type AgeThresholds, formatDate, formatDays, formatLastUse, formatLastUseWithNote, keyBandOf, type AccessKeyFacts, type ProfileReport, type ProfileStatus } from '../../core/profiles';
import type { ProfileArgument } from './api';

const BAND_ICONS: Record<AgeBand, { icon: string; color: string }> = {
  fine: { icon: 'pass', color: 'testing.iconPassed' },
  due: { icon: 'warning', color: 'list.warningForeground' },
  overdue: { icon: 'error', color: 'list.errorForeground' },
};

/** The children a profile node expands to; built with the node so the tree stays a pure function of the state. */
export type ProfileChild = FactNode | ProfileErrorNode | MfaNode;

/** On a profile whose IAM policy requires MFA: get a session with a code, then the facts load. */
export class MfaNode extends vscode.TreeItem implements ProfileArgument {
  constructor(readonly profileName: string) {
    super('Enter MFA code…', vscode.TreeItemCollapsibleState.None);
    this.id = `mfa:${profileName}`;
    this.description = 'IAM requires MFA to show this key\'s facts';
    this.tooltip = 'IAM requires MFA for this user\'s key calls. Enter the current code of the MFA device: the session (one hour) stays in memory only.';
    this.contextValue = 'profileMfa';
    this.iconPath = new vscode.ThemeIcon('shield');
    this.command = { command: 'awsKeyGuard.enterMfaCode', title: 'Enter MFA Code…', arguments: [{ profileName }] };
  }
}

/** One profile. */
export class ProfileNode extends vscode.TreeItem implements ProfileArgument {
  constructor(
    readonly profileName: string,
    readonly children: ProfileChild[],
    init: { description: string; contextValue: string; icon: vscode.ThemeIcon; tooltip: vscode.MarkdownString; expanded: boolean },
  ) {
    super(profileName, children.length === 0 ? vscode.TreeItemCollapsibleState.None : init.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `profile:${profileName}`;
    this.description = init.description;
    this.contextValue = init.contextValue;
    this.iconPath = init.icon;
    this.tooltip = init.tooltip;
  }
}

/** A fact about a profile ("Created", "Last used"…), shown when the profile is expanded. */
export class FactNode extends vscode.TreeItem implements ProfileArgument {
  constructor(
    readonly profileName: string,
    label: string,
    value: string,
    index: number,
  ) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.id = `fact:${profileName}:${index}`;
    this.description = value;
    this.tooltip = `${label}: ${value}`;
    this.contextValue = 'profileFact';
  }
}

/** Why a profile's facts could not be loaded, with the inline Retry action. */
export class ProfileErrorNode extends vscode.TreeItem implements ProfileArgument {
  constructor(
    readonly profileName: string,
    message: string,
  ) {
    super(`could not load — retry`, vscode.TreeItemCollapsibleState.None);
    this.id = `error:${profileName}`;
    this.description = message;
    this.tooltip = `${message}\n\nUse Retry (or Refresh) once fixed.`;
    this.contextValue = 'profileError';
    this.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    this.command = { command: 'awsKeyGuard.retryProfile', title: 'Retry', arguments: [{ profileName }] };
  }
}

/** A profile refused for want of a permission: no Retry (it cannot help), the permissions it needs instead. */
export class PermissionsNode extends vscode.TreeItem implements ProfileArgument {
  constructor(
    readonly profileName: string,
    message: string,
  ) {
    super('not allowed — show the permissions needed', vscode.TreeItemCollapsibleState.None);
    this.id = `denied:${profileName}`;
    this.description = message;
    this.tooltip = `${message}\n\nAsk your administrator for these permissions, then Refresh.`;
    this.contextValue = 'profileDenied';
    this.iconPath = new vscode.ThemeIcon('lock', new vscode.ThemeColor('list.warningForeground'));
    this.command = { command: 'awsKeyGuard.showRequiredPermissions', title: 'Show Required Permissions' };
  }
}

/** A file-level problem (unreadable credentials file): the only node shown. */
export class FileErrorNode extends vscode.TreeItem {
  constructor(message: string) {
    super('Cannot read the AWS shared files', vscode.TreeItemCollapsibleState.None);
    this.id = 'file-error';
    this.description = message;
    this.tooltip = message;
    this.contextValue = 'filesError';
    this.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  }
}

function otherKeyText(key: AccessKeyFacts): string {
  return `${key.maskedKeyId} · ${key.status} · ${formatDays(key.ageDays)} · last used ${formatLastUse(key.lastUse)}`;
}

function problemSummary(status: Extract<ProfileStatus, { state: 'failed' }>): string {
  switch (status.problem.code) {
    case 'offline':
      return 'offline';
    case 'timeout':
      return 'no answer';
    case 'access-denied':
      return `denied: ${status.problem.missingPermission ?? 'permission missing'}`;
    case 'mfa-required':
      return 'MFA required';
    case 'invalid-key':
      return 'key not accepted';
    case 'inactive-key':
      return 'inactive key';
    case 'signature-mismatch':
      return 'wrong secret';
    case 'expired-session':
      return 'session expired';
    default:
      return 'could not load';
  }
}

function escape(text: string): string {
  // Only what could turn a value into markup (ARNs and dates stay readable and searchable).
  return text.replace(/[\\`*_[\]<>]/g, '\\$&');
}

/** Builds the node of one profile from its report. */
export function profileNode(report: ProfileReport, thresholds: AgeThresholds, options: { awsProfileSet?: boolean; mfaSessionUntil?: Date } = {}): ProfileNode {
  const { profile, status } = report;
  const facts: Array<[string, string]> = [];
  let errorNode: ProfileErrorNode | MfaNode | undefined;
  const tooltip = new vscode.MarkdownString('', true);
  const active = options.awsProfileSet ? ' (named by AWS_PROFILE: used when no profile is named)' : ' (used when no profile is named: AWS_PROFILE is not set)';
  tooltip.appendMarkdown(`**${escape(profile.name)}**${profile.active ? active : ''} — ${profile.kind === 'static' ? (profile.temporary ? 'temporary credentials' : 'long-term access key') : `${profile.kind} profile`}\n\n`);
  if (profile.maskedKeyId) facts.push(['Key', profile.maskedKeyId]);
  const identity = status.state === 'loaded' ? status.facts.identity : status.state === 'failed' ? status.identity : undefined;
  facts.push(['Account', identity?.accountId || profile.offlineAccountId || 'unknown']);
  if (identity?.arn) facts.push(['User', identity.arn]);

  let description: string;
  let contextValue = profile.longTermKey ? 'keyProfile' : 'otherProfile';
  let icon: vscode.ThemeIcon;
  const band = keyBandOf(report, thresholds);
  if (status.state === 'loaded' && status.facts.key) {
    const key = status.facts.key;
    description = `${profile.maskedKeyId} · ${formatDays(key.ageDays)}`;
    facts.push(['Created', `${formatDate(key.createDate)} (${formatDays(key.ageDays)} ago)`], ['Last used', formatLastUseWithNote(key.lastUse)], ['Status', key.status]);
    if (status.facts.via) facts.push(['Read through', `profile ${status.facts.via} (this key signed nothing)`]);
    for (const other of status.facts.otherKeys) facts.push(['Other key', otherKeyText(other)]);
    if (options.mfaSessionUntil) facts.push(['MFA session', `until ${options.mfaSessionUntil.toISOString().slice(11, 16)} UTC (in memory only)`]);
    const style = BAND_ICONS[band ?? 'fine'];
    icon = new vscode.ThemeIcon(style.icon, new vscode.ThemeColor(style.color));
    contextValue = `keyProfile.${band}`;
  } else if (status.state === 'failed') {
    description = `${profile.maskedKeyId ?? profile.kind} · ${problemSummary(status)}`;
    icon = new vscode.ThemeIcon(status.problem.code === 'offline' || status.problem.code === 'timeout' ? 'debug-disconnect' : 'warning', new vscode.ThemeColor('list.warningForeground'));
    const code = status.problem.code;
    contextValue = !profile.longTermKey ? 'otherProfile.error' : code === 'mfa-required' ? 'keyProfile.mfa' : code === 'inactive-key' ? 'keyProfile.inactive' : 'keyProfile.error';
    if (code === 'mfa-required') {
      facts.push(['Problem', 'IAM requires MFA for this user\'s key calls: use Enter MFA code… to see the key\'s facts']);
      errorNode = new MfaNode(profile.name);
    } else if (code === 'access-denied') {
      // Retrying cannot help: the user's policy lacks a permission. Show which ones the user needs.
      facts.push(['Problem', status.problem.message]);
      errorNode = new PermissionsNode(profile.name, status.problem.message);
    } else {
      facts.push(['Problem', status.problem.message]);
      errorNode = new ProfileErrorNode(profile.name, status.problem.message);
    }
  } else if (profile.temporary) {
    description = `${profile.maskedKeyId} · temporary`;
    icon = new vscode.ThemeIcon('clock');
  } else if (profile.longTermKey) {
    const loading = status.state === 'skipped' && status.reason === 'loading';
    description = `${profile.maskedKeyId} · ${loading ? 'loading…' : 'not checked'}`;
    icon = new vscode.ThemeIcon(loading ? 'loading~spin' : 'key');
  } else {
    description = `${profile.kind} · ${status.state === 'skipped' ? status.reason.replace(/^.*: /, '') : 'no long-term key'}`;
    icon = new vscode.ThemeIcon(profile.kind === 'sso' ? 'organization' : profile.kind === 'role' ? 'person' : profile.kind === 'process' ? 'terminal' : 'circle-outline');
  }
  if (status.state === 'loaded' && profile.temporary) {
    description = `${profile.maskedKeyId} · temporary`;
    icon = new vscode.ThemeIcon('clock');
  }
  // Which profile the SDK picks by default, said as such (a bare "active" reads like key status).
  if (profile.active) description += options.awsProfileSet ? ' · AWS_PROFILE' : ' · default profile';
  facts.push(['File', `${profile.path}:${profile.line}`]);

  for (const [label, value] of facts) tooltip.appendMarkdown(`- **${label}:** ${escape(value)}\n`);
  const children: ProfileChild[] = [...(errorNode ? [errorNode] : []), ...facts.filter(([label]) => label !== 'Problem').map(([label, value], index) => new FactNode(profile.name, label, value, index))];
  return new ProfileNode(profile.name, children, { description, contextValue, icon, tooltip, expanded: status.state === 'failed' });
}
