import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { ALL_COMMANDS } from '../../src/extension/commands/ids';
import type { AwsKeyGuardApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'aws-key-guard.aws-key-guard';

export async function activeApi(): Promise<AwsKeyGuardApi> {
  const extension = vscode.extensions.getExtension<AwsKeyGuardApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this VS Code`);
  return extension.activate();
}

describe('activation', () => {
  it('runs inside a real VS Code and activates', async () => {
    const api = await activeApi();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.equal(typeof api.log.info, 'function');
    assert.match(vscode.version, /^1\.\d+\.\d+/);
  });

  it('registers a handler for every contributed command', async () => {
    await activeApi();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = ALL_COMMANDS.map((c) => c.id).filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
  });

  it('contributes the Profiles view in the AWS Key Guard container', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { views: Record<string, { id: string; name: string }[]>; viewsContainers: { activitybar: { id: string; title: string }[] } };
    };
    const container = manifest.contributes.viewsContainers.activitybar.find((c) => c.id === 'awsKeyGuard');
    assert.equal(container?.title, 'AWS Key Guard');
    assert.deepEqual(manifest.contributes.views.awsKeyGuard.map((v) => v.name), ['Profiles']);
    // Focusing the view only succeeds when the workbench knows it.
    await vscode.commands.executeCommand('awsKeyGuard.profiles.focus');
  });
});
