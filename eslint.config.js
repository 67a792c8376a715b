// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Layers: imports point inward only (STYLE.md). */
const layer = (files, forbidden) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message: 'Imports point inward only (see docs/architecture.md).' })) }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'web/dist/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', URL: 'readonly', window: 'readonly', document: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  layer(['src/domain/**'], ['**/phone/**', '**/crm/**', '**/cti/**', '**/telephony/**', '**/db/**', '**/server/**', '**/cli/**']),
  layer(['src/phone/**'], ['**/crm/**', '**/cti/**', '**/telephony/**', '**/db/**', '**/server/**', '**/cli/**']),
  layer(['src/cti/**'], ['**/telephony/sim/**', '**/telephony/sip/**', '**/telephony/asterisk/**', '**/server/**', '**/cli/**']),
  layer(['src/crm/**'], ['**/cti/**', '**/telephony/**', '**/server/**', '**/cli/**']),
  layer(['src/telephony/**'], ['**/crm/**', '**/db/**', '**/server/**', '**/cli/**']),
  layer(['src/db/**'], ['**/cti/**', '**/telephony/**', '**/server/**', '**/cli/**']),
);
