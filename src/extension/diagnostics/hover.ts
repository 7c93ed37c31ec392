import * as vscode from 'vscode';
import { ruleById } from '../../core/detect';
import { Commands } from '../commands/ids';
import type { ProfilesFeature } from '../profiles/api';
import type { LeakScanner } from './leakScanner';
import { keyStatusText } from './presentation';

function commandLink(title: string, id: string, arg: unknown): string {
  return `[${title}](command:${id}?${encodeURIComponent(JSON.stringify([arg]))})`;
}

/**
 * Explains a leak on hover: what it is, masked, its account, how sure we are, and, when the key is
 * the live key of a local profile, which one and how old, with links to act on it.
 */
export class LeakHoverProvider implements vscode.HoverProvider {
  constructor(private readonly scanner: LeakScanner, private readonly profiles: ProfilesFeature) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const diagnostic = this.scanner.diagnosticsFor(document.uri).find((d) => d.range.contains(position));
    if (!diagnostic) return undefined;
    const { finding } = diagnostic;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [Commands.rotateKey.id, Commands.deactivateKey.id, Commands.activateKey.id, Commands.openInCredentialsFile.id, Commands.respondToLeak.id, Commands.showRuleDocs.id] };
    md.appendMarkdown(`**AWS Key Guard: ${ruleById(finding.ruleId).title}**\n\n`);
    md.appendMarkdown(`- Value: \`${finding.masked}\`\n`);
    if (finding.accountId) md.appendMarkdown(`- AWS account: \`${finding.accountId}\` (decoded offline from the key id)\n`);
    md.appendMarkdown(`- Confidence: ${finding.confidence}\n`);
    const status = diagnostic.keyStatus;
    if (status && status !== 'Active') md.appendMarkdown(`- Status: ${status === 'Deleted' ? 'deleted' : 'inactive'} — ${keyStatusText(status)}\n`);
    else if (finding.pairedWith) md.appendMarkdown(`- Found together with its pair: usable as is\n`);
    else if (finding.kind === 'aws-access-key-id') md.appendMarkdown(`- Found without its secret: a key id alone is not usable, but it names the key\n`);
    if (finding.kind === 'aws-access-key-id') {
      const keyId = document.getText(diagnostic.range);
      const live = await this.profiles.profilesWithKey(keyId);
      for (const profile of live) {
        const age = profile.ageDays === undefined ? '' : `, ${profile.ageDays} days old`;
        const links =
          status === 'Deleted'
            ? [commandLink('Open the profile', Commands.openInCredentialsFile.id, { profileName: profile.name })]
            : status === 'Inactive'
              ? [
                  commandLink('Rotate this key…', Commands.rotateKey.id, { profileName: profile.name }),
                  commandLink('Activate it…', Commands.activateKey.id, { profileName: profile.name }),
                  commandLink('Open the profile', Commands.openInCredentialsFile.id, { profileName: profile.name }),
                ]
              : [
                  commandLink('Rotate this key…', Commands.rotateKey.id, { profileName: profile.name }),
                  commandLink('Deactivate it…', Commands.deactivateKey.id, { profileName: profile.name }),
                  commandLink('Open the profile', Commands.openInCredentialsFile.id, { profileName: profile.name }),
                ];
        const which = status === 'Deleted' ? 'the deleted key' : status === 'Inactive' ? 'the inactive key' : 'the live key';
        md.appendMarkdown(`\nThis is ${which} of profile \`${profile.name}\` (${displayPath(profile.file)})${age}.\n\n`);
        md.appendMarkdown(links.join(' · ') + '\n');
      }
      if (live.length === 0 && status !== 'Deleted') md.appendMarkdown(`\n${commandLink('Respond to this leaked key…', Commands.respondToLeak.id, { accessKeyId: keyId })}\n`);
    }
    md.appendMarkdown(`\n${commandLink(`About rule \`${finding.ruleId}\``, Commands.showRuleDocs.id, finding.ruleId)}`);
    return new vscode.Hover(md, diagnostic.range);
  }
}

/** ~/.aws/credentials rather than the full home path: shorter, and no user name on screen. */
export function displayPath(file: string): string {
  const home = process.env.HOME;
  return home && file.startsWith(home + '/') ? `~${file.slice(home.length)}` : file;
}
