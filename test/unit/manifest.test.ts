import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_COMMANDS, COMMAND_CATEGORY } from '../../src/extension/commands/ids';

interface Manifest {
  engines: { vscode: string };
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { scope?: string; description?: string }> };
    views: Record<string, { id: string }[]>;
  };
}

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;

describe('package.json manifest', () => {
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();
  const registered = ALL_COMMANDS.map((c) => c.id).sort();

  it('contributes exactly the commands of the typed registry', () => {
    assert.deepEqual(contributed, registered);
  });

  it('uses the registry titles and category', () => {
    for (const info of ALL_COMMANDS) {
      const entry = manifest.contributes.commands.find((c) => c.command === info.id);
      assert.equal(entry?.title, info.title, info.id);
      assert.equal(entry?.category, COMMAND_CATEGORY, info.id);
    }
  });

  it('hides item-only commands from the palette and nothing else', () => {
    const hidden = (manifest.contributes.menus.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command).sort();
    assert.deepEqual(hidden, ALL_COMMANDS.filter((c) => !c.palette).map((c) => c.id).sort());
  });

  it('only menus commands that exist', () => {
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) assert.ok(registered.includes(entry.command), `${menu}: ${entry.command}`);
    }
  });

  it('declares a scope and a description for every setting', () => {
    const properties = Object.entries(manifest.contributes.configuration.properties);
    assert.ok(properties.length > 0);
    for (const [name, schema] of properties) {
      assert.ok(schema.scope, `${name} has no scope`);
      assert.ok(schema.description, `${name} has no description`);
    }
  });

  it('targets a VS Code no newer than 1.139', () => {
    const match = /^\^?(\d+)\.(\d+)/.exec(manifest.engines.vscode);
    assert.ok(match, manifest.engines.vscode);
    assert.ok(Number(match[1]) === 1 && Number(match[2]) <= 139, manifest.engines.vscode);
  });
});
