import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES, ruleDocsAnchor } from '../../src/core/detect';
import { ALL_COMMANDS, COMMAND_CATEGORY } from '../../src/extension/commands/ids';
import { EXTENSION_ID } from '../../src/extension/diagnostics/constants';

interface Manifest {
  name: string;
  publisher: string;
  engines: { vscode: string };
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
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

  it('addresses rule links to this extension', () => {
    assert.equal(EXTENSION_ID, `${manifest.publisher}.${manifest.name}`);
  });

  it('documents every rule at the README anchor rule links open', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const rule of RULES) assert.ok(readme.includes(`<a id="${ruleDocsAnchor(rule.id)}"></a>\`${rule.id}\``), rule.id);
  });

  it('targets a VS Code no newer than 1.139', () => {
    const match = /^\^?(\d+)\.(\d+)/.exec(manifest.engines.vscode);
    assert.ok(match, manifest.engines.vscode);
    assert.ok(Number(match[1]) === 1 && Number(match[2]) <= 139, manifest.engines.vscode);
  });
});

/** Every file under `folders` (relative to the repo) whose name ends in one of `extensions`, as text. */
function sources(folders: string[], extensions: string[]): string {
  return folders
    .flatMap((folder) => (fs.readdirSync(path.join(root, folder), { recursive: true }) as string[]).map((f) => path.join(root, folder, f)))
    .filter((f) => extensions.some((e) => f.endsWith(e)) && fs.statSync(f).isFile())
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
}

const imports = (text: string, pkg: string): boolean => text.includes(`'${pkg}'`) || text.includes(`'${pkg}/`) || text.includes(`"${pkg}"`);

describe('package.json dependencies', () => {
  it('every runtime dependency is imported by the shipped code (src/)', () => {
    const shipped = sources(['src'], ['.ts']);
    for (const pkg of Object.keys(manifest.dependencies)) assert.ok(imports(shipped, pkg), `${pkg} is a dependency but nothing in src/ imports it`);
  });

  it('every dev dependency is used by tests, tools, scripts, config or an npm script', () => {
    const dev = sources(['test', 'tools', 'bench', 'scripts'], ['.ts', '.mjs', '.cjs']) + fs.readFileSync(path.join(root, 'eslint.config.mjs'), 'utf8');
    const scripts = Object.values(manifest.scripts).join('\n');
    // Type packages and command-line tools are used by name, not imported.
    const usedByName: Record<string, boolean> = {
      '@types/mocha': fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8').includes('"mocha"'),
      '@types/node': fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8').includes('"node"'),
      '@types/vscode': imports(sources(['src/extension'], ['.ts']), 'vscode'),
      '@vscode/vsce': /\bvsce\b/.test(scripts),
      typescript: /\btsc\b/.test(scripts),
      eslint: /\beslint\b/.test(scripts),
      mocha: /\bmocha\b/.test(scripts),
    };
    for (const pkg of Object.keys(manifest.devDependencies)) {
      const used = usedByName[pkg] ?? (imports(dev, pkg) || dev.includes(`node_modules/.bin/${pkg}'`));
      assert.ok(used, `${pkg} is a dev dependency but nothing uses it`);
    }
  });
});
