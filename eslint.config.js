// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

// Node built-ins in both spellings (`fs` and `node:fs`), for the browser-safe boundaries below.
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** @param {string} message @param {string[]} groups */
const forbid = (message, groups) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

/** Several forbidden groups, each with its message (one rule entry per file: a later block would replace it). */
const forbidAll = (/** @type {Array<[string, string[]]>} */ ...entries) => ({
  'no-restricted-imports': ['error', { patterns: entries.map(([message, group]) => ({ group, message })) }],
});

// The host reaches other packages through their package entries (`@topograph/runtime/kafka`), never their files.
/** @type {[string, string[]]} */
const otherPackagesSources = [
  'The host imports other packages by their entries (@topograph/…), not their src/ files.',
  ['**/runtime/src/**', '**/codegen/src/**', '**/api/src/**', '**/document/src/**', '**/renderer/**'],
];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'docs/**', 'bench/results/**', '**/*.d.ts', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' },
    },
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  // Import boundaries from DESIGN.md.
  {
    files: ['runtime/**/*.ts'],
    rules: forbid(
      'The runtime imports nothing of the app (DESIGN.md: runtime may import nothing of the app).',
      [
        '**/codegen/**',
        '**/host/**',
        '**/renderer/**',
        '@topograph/codegen*',
        '@topograph/host*',
        '@topograph/renderer*',
      ],
    ),
  },
  {
    files: ['codegen/src/model/**/*.ts', 'codegen/src/catalog/**/*.ts'],
    rules: forbid('The document model and catalog are browser-safe: no Node APIs, no ts-morph.', [
      ...nodeBuiltins,
      'ts-morph',
      '**/host/**',
      '**/renderer/**',
    ]),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: forbid('The renderer talks to the host only through the studio API: no host/, no Node.', [
      ...nodeBuiltins,
      'electron',
      '**/host/**',
      '@topograph/host*',
      'ts-morph',
      '@topograph/codegen/node*',
    ]),
  },
  {
    files: ['host/**/*.ts'],
    ignores: ['host/src/**'],
    rules: forbidAll(otherPackagesSources),
  },
  {
    files: ['host/src/**/*.ts'],
    rules: forbidAll(otherPackagesSources, [
      'host/src is shared with browser mode: no electron, no host/electron/ (the shell imports it).',
      ['electron', '**/electron/**'],
    ]),
  },
);
