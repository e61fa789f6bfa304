import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-output/**', '**/*.generated.js', '**/*.generated.ts', 'editors/vscode/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Type-aware rules, with the TypeScript project service (the tsconfig nearest each file):
  // promises that are neither awaited nor handled, promises where a plain value is expected, and
  // switches over a union that miss a member.
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  // Layers: a generated evaluator module loads runtime/ alone, so runtime/ imports nothing else
  // of the project; the CLI, the language server and the information system use the compiler
  // through its public entry only.
  {
    files: ['runtime/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/compiler/**', '**/grammar/**', '**/cli/**', '**/lsp/**', '**/server/**', '**/bench/**'], message: 'runtime/ imports nothing else of the project (generated evaluator modules load it alone).' }] }],
    },
  },
  {
    files: ['cli/**/*.ts', 'lsp/**/*.ts', 'server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/compiler/**', '!**/compiler/index.js'], message: 'Use the compiler through its public entry, compiler/index.ts (export what is needed there).' }] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // The pages' small scripts run in the browser.
    files: ['web/assets/*.js'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly', XMLHttpRequest: 'readonly', FormData: 'readonly', location: 'readonly', URLSearchParams: 'readonly', fetch: 'readonly' } },
  },
);
