// Bundles the extension and the CLI with esbuild. `vscode` stays external (the editor provides it);
// the AWS SDK is bundled but only required on first use (see src/core/aws), so activation stays cheap.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

// The CLI is a small dispatcher plus one bundle per command, required on first use: `scan` in a
// pre-commit hook must not compile the AWS SDK that `rotate` and `profiles` carry (measured: ~60 ms),
// nor a second copy of the detector for the redaction of an unexpected error (~6 ms).
const cliCommands = ['scan', 'awsCommands', 'installHook', 'redaction'];

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // Large documents are scanned on a worker thread so the extension host never stalls.
  esbuild.build({ ...common, entryPoints: ['src/core/detect/worker.ts'], outfile: 'dist/detectWorker.js' }),
  esbuild.build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    external: cliCommands.map((c) => `./${c}`),
  }),
  ...cliCommands.map((c) => esbuild.build({ ...common, entryPoints: [`src/cli/${c}.ts`], outfile: `dist/${c}.js` })),
]);
