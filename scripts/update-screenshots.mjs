// Copies the README's pictures from the last UI test run (.test-artifacts/ui) into docs/images, so
// the README always shows the current product as a real VS Code rendered it. Run after `npm test`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './vscode-host.mjs';

const CHOSEN = ['profiles-tree', 'leak-warnings', 'hover', 'quick-fix-menu', 'rotate-confirmation', 'rotation-done', 'mfa-row', 'respond-confirmation'];
const from = path.join(repoRoot, '.test-artifacts', 'ui');
const to = path.join(repoRoot, 'docs', 'images');
fs.mkdirSync(to, { recursive: true });
const shots = fs.existsSync(from) ? fs.readdirSync(from) : [];
let missing = 0;
for (const name of CHOSEN) {
  const shot = shots.find((f) => f.replace(/^\d+-/, '') === `${name}.png`);
  if (!shot) {
    console.error(`no screenshot "${name}" in ${from}: run the UI tests first`);
    missing++;
    continue;
  }
  fs.copyFileSync(path.join(from, shot), path.join(to, `${name}.png`));
  console.log(`docs/images/${name}.png <- .test-artifacts/ui/${shot}`);
}
process.exit(missing ? 1 : 0);
