// Lint rules for every TypeScript and JavaScript file of the project.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/*.ohm-bundle.*', 'node_modules/**', '.vscode-test/**', 'test/vscode/.tools/**', 'test/vscode/out/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    // The layers the VS Code client bundles (the protocol module and, for secret masking, the detector
    // with the parser and catalogue under it) import nothing from the layers above them.
    files: ['client/src/**/*.ts', 'server/src/protocol.ts', 'server/src/{parser,catalogue,analysis}/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/features/*', '**/workspace/*', '**/config/*', '**/cli/*', './server', '../server'], message: 'A lower layer, or one the client bundles: it may not import features, workspace, config, cli or the server.' }] }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'scripts/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
