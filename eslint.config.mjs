// Lint: typescript-eslint's recommended rules, plus the architecture boundary: the core, the CLI
// and the test tooling must never import the editor API, so they run in plain Node.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': [
    'error',
    { paths: [{ name: 'vscode', message: 'src/core, src/cli and tools run in plain Node: keep the vscode API in src/extension.' }] },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.host/**', 'test/fixtures/**', '.test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  // TypeScript already checks names; no-undef only misfires on type-only globals.
  { files: ['**/*.ts'], rules: { 'no-undef': 'off' } },
  // Code passed to page.evaluate runs in the browser.
  { files: ['scripts/**/*.mjs', 'test/ui/**/*.mjs'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['test/ui/**/*.mjs'], languageOptions: { globals: { ...globals.mocha } } },
  { files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'tools/**/*.ts', 'test/unit/**/*.ts', 'bench/**/*.ts'], rules: noVscode },
);
