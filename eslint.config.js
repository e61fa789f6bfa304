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
