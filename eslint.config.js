import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { siyuPlugin } from './scripts/eslint/module-boundaries.js';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'bench/results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // A module is reached through its port only: server/src/modules/<a>/ may import '../<b>' (its index.ts), never
    // '../<b>/<file>'; app.ts and platform/ likewise. scripts/eslint/module-boundaries.js;
    // server/test/platform/module-boundaries.test.ts proves it.
    files: ['server/src/**/*.ts'],
    plugins: { siyu: siyuPlugin },
    rules: { 'siyu/module-boundaries': 'error' },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs', '*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', performance: 'readonly' } },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', localStorage: 'readonly', fetch: 'readonly' } },
  },
);
