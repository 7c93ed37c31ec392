/**
 * `npm run bench`: runs every `*.bench.js` module beside this file, in name order. Each module
 * exports `run(): Promise<void>` and prints its own figures, as ratios against a peer measured in
 * the same run where one exists. Speed is only measured here, never asserted in unit tests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

async function main(): Promise<void> {
  const only = process.argv[2];
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js') && (!only || f.startsWith(only)))
    .sort();
  for (const file of files) {
    console.log(`\n## ${file.replace(/\.bench\.js$/, '')}`);
    const mod = (await import(path.join(__dirname, file))) as { run: () => Promise<void> };
    await mod.run();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
