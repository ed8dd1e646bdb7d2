// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

// Node built-ins in both spellings (`fs` and `node:fs`), for the browser-safe boundaries below.
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** The workspace packages, by folder. */
const PACKAGES = ['runtime', 'document', 'codegen', 'api', 'host', 'renderer'];
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx'];
const app = (/** @type {string[]} */ ...names) => names.flatMap((n) => [`**/${n}/**`, `@topograph/${n}*`]);

/**
 * What each package's environment may not import. `document` and `api` run in the browser as well as in Node;
 * the runtime is shipped on its own (exported projects vendor it), so it imports nothing of the app.
 * @type {Record<string, { files?: string[], message: string, groups: string[] }>}
 */
const BOUNDARIES = {
  runtime: {
    message: 'The runtime imports nothing of the app (DESIGN.md: runtime may import nothing of the app).',
    groups: [...app('document', 'codegen', 'api', 'host', 'renderer')],
  },
  document: {
    message:
      'The document package is browser-safe and the base of the app: no Node APIs, no ts-morph, no other package of the app.',
    groups: [
      ...nodeBuiltins,
      'ts-morph',
      'prettier',
      ...app('runtime', 'codegen', 'api', 'host', 'renderer'),
    ],
  },
  api: {
    message: 'The studio API contract is browser-safe: no Node APIs, and only the document of the app.',
    groups: [...nodeBuiltins, 'ts-morph', ...app('runtime', 'codegen', 'host', 'renderer')],
  },
  codegen: {
    message: 'codegen reads documents and emits code: it does not know the host or the UI.',
    groups: [...app('host', 'renderer')],
  },
  host: {
    files: ['host/src/**/*.ts'],
    message: 'host/src is shared with browser mode: no electron, no host/electron/ (the shell imports it).',
    groups: ['electron', '**/electron/**'],
  },
  renderer: {
    message: 'The renderer talks to the host only through the studio API: no host/, no Node, no codegen.',
    groups: [
      ...nodeBuiltins,
      'electron',
      '**/host/**',
      'ts-morph',
      '@topograph/codegen*',
      '@topograph/host*',
    ],
  },
};

/**
 * The document package's layers, lowest first: each imports only the layers before it (the schema knows no
 * kind, kinds know no analysis), so the document and its catalog never import each other.
 */
const DOCUMENT_LAYERS = ['schema', 'kind', 'catalog', 'io', 'analysis', 'edit', 'import', 'compat'];

/**
 * `no-restricted-imports` for a file of `pkg`: the given groups plus "no import of another package's src/".
 * @param {string} pkg @param {Array<{ group: string[], message: string }>} patterns
 */
const restrict = (pkg, patterns) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        ...patterns,
        {
          group: [...PACKAGES.filter((p) => p !== pkg).map((p) => `**/${p}/src/**`), '@topograph/*/src/**'],
          message: 'Import another package through its package name and exports, never from its src/.',
        },
      ],
    },
  ],
});

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
  // Import boundaries from DESIGN.md. Every file of a package: no reaching into another package's src/ (a
  // package is used through its exports). Tests run in Node and read fixtures, so they keep only that rule.
  ...PACKAGES.map((pkg) => ({ files: [`${pkg}/**/*.ts`, `${pkg}/**/*.tsx`], rules: restrict(pkg, []) })),
  // Then what each package's environment allows, on top of that rule.
  ...Object.entries(BOUNDARIES).map(([pkg, { files, message, groups }]) => ({
    files: files ?? [`${pkg}/**/*.ts`, `${pkg}/**/*.tsx`],
    ignores: TEST_FILES,
    rules: restrict(pkg, [{ group: groups, message }]),
  })),
  ...DOCUMENT_LAYERS.slice(0, -1).map((layer, i) => ({
    files: [`document/src/${layer}/**/*.ts`],
    ignores: TEST_FILES,
    rules: restrict('document', [
      { group: BOUNDARIES.document.groups, message: BOUNDARIES.document.message },
      {
        group: DOCUMENT_LAYERS.slice(i + 1).map((later) => `**/${later}/**`),
        message: `document/src/${layer} sits below ${DOCUMENT_LAYERS.slice(i + 1).join(', ')}: it does not import them (DESIGN.md).`,
      },
    ]),
  })),
);
