import * as vscode from 'vscode';
import { environmentLookupFix, environmentVariableFor, inlineIgnoreComment } from '../../core/editing/fixes';
import { Commands } from '../commands/ids';
import type { ProfilesFeature } from '../profiles/api';
import { DIAGNOSTIC_SOURCE } from './constants';
import type { LeakDiagnostic } from './presentation';

/**
 * Quick fixes for our own diagnostics only. The preferred fix (what Auto Fix and a second Ctrl+.
 * apply without a menu) is only ever a harmless edit, the environment lookup: actions that change
 * AWS (rotate, deactivate, respond) or a credentials file are offered, never preferred, and each
 * asks the user first.
 */
export class LeakCodeActionProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly profiles: ProfilesFeature) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d): d is LeakDiagnostic => d.source === DIAGNOSTIC_SOURCE && 'finding' in d);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      actions.push(...(await this.actionsFor(document, diagnostic)));
    }
    return actions;
  }

  private async actionsFor(document: vscode.TextDocument, diagnostic: LeakDiagnostic): Promise<vscode.CodeAction[]> {
    const { finding } = diagnostic;
    const actions: vscode.CodeAction[] = [];
    const action = (title: string, preferred = false) => {
      const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      a.diagnostics = [diagnostic];
      a.isPreferred = preferred;
      actions.push(a);
      return a;
    };

    if (finding.kind === 'aws-access-key-id') {
      const accessKeyId = document.getText(diagnostic.range);
      const local = await this.profiles.profilesWithKey(accessKeyId);
      const status = this.profiles.keyStatus(accessKeyId);
      for (const profile of local) {
        if (status !== 'Deleted') action(`Rotate this key now (profile ${profile.name})…`).command = { command: Commands.rotateKey.id, title: 'Rotate', arguments: [{ profileName: profile.name }] };
        if (status !== 'Deleted' && status !== 'Inactive') action(`Deactivate this key now (profile ${profile.name})…`).command = { command: Commands.deactivateKey.id, title: 'Deactivate', arguments: [{ profileName: profile.name }] };
      }
      // Someone else's key (or one no local profile holds): find its owner and deactivate it.
      if (local.length === 0 && !accessKeyId.startsWith('ASIA') && status !== 'Deleted') {
        action('Respond to this leaked key (contain, investigate, report)…').command = { command: Commands.respondToLeak.id, title: 'Respond', arguments: [{ accessKeyId }] };
      }
    }

    const line = document.lineAt(diagnostic.range.start.line);
    // A documentation example needs no fix beyond "ignore".
    const lookup =
      diagnostic.range.isSingleLine && finding.kind !== 'example'
        ? environmentLookupFix(document.languageId, line.text, line.lineNumber, diagnostic.range.start.character, diagnostic.range.end.character, environmentVariableFor(finding.kind), () => documentLines(document))
        : undefined;
    if (lookup) {
      const fix = action(`Replace with an environment lookup (${environmentVariableFor(finding.kind)})`, true);
      fix.edit = new vscode.WorkspaceEdit();
      fix.edit.replace(document.uri, new vscode.Range(line.lineNumber, lookup.replacement.start, line.lineNumber, lookup.replacement.end), lookup.replacement.text);
      if (lookup.insertion) fix.edit.insert(document.uri, new vscode.Position(lookup.insertion.line, lookup.insertion.column), lookup.insertion.text);
    }

    if (finding.pairedWith && finding.kind === 'aws-access-key-id' && document.uri.scheme !== 'untitled') {
      action('Move this key pair into ~/.aws/credentials as a new profile…').command = {
        command: Commands.moveToProfile.id,
        title: 'Move to profile',
        arguments: [{ uri: document.uri.toString(), keyIdRange: finding.range, secretRange: finding.pairedWith.range }],
      };
    }

    const comment = inlineIgnoreComment(document.languageId);
    if (comment) {
      const suppress = action('Ignore this finding on this line');
      suppress.edit = new vscode.WorkspaceEdit();
      suppress.edit.insert(document.uri, line.range.end, comment);
    }
    action('Add this finding to the project ignore file').command = {
      command: Commands.addToIgnoreFile.id,
      title: 'Ignore',
      arguments: [{ uri: document.uri.toString(), fingerprint: finding.fingerprint, ruleId: finding.ruleId, masked: finding.masked }],
    };
    return actions;
  }
}

/** The document's lines (the import a lookup needs depends on the whole file). */
export function documentLines(document: vscode.TextDocument): string[] {
  const lines: string[] = [];
  for (let i = 0; i < document.lineCount; i++) lines.push(document.lineAt(i).text);
  return lines;
}
