// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Folder boundaries from STYLE.md: cli -> app -> (workbook, report, lint, workspace, io)
// -> (validate, aggregate, outline, text, issues). The pure stages also run in the browser
// (`bctd page`), so they may not import Node built-ins, the I/O layer or anything above them.
const nodeBuiltins = [
  'fs',
  'fs/*',
  'node:*',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'crypto',
  'stream',
  'zlib',
  'process',
];
const upper = ['**/cli/**', '**/app/**', '**/io/**', '**/workspace/**'];

/** @param {string[]} groups @param {string} why */
const restrict = (groups, why) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message: why }] }],
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'demo-out/**',
      'bench-out/**',
      'test-artifacts/**',
      'page/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        structuredClone: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    // The loader of the bundle (bin/load-cached.cjs) is CommonJS: it is required from
    // dist/bundle/validate-worker.cjs as well as from bin/bctd.js.
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Only reporters print; only the CLI touches the terminal.
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: { 'no-console': 'error' },
  },
  {
    files: [
      'src/validate/**/*.ts',
      'src/aggregate/**/*.ts',
      'src/outline/**/*.ts',
      'src/text/**/*.ts',
      'src/issues/**/*.ts',
      'src/period/**/*.ts',
      'src/workbook/**/*.ts',
      'src/lint/**/*.ts',
      'src/report/**/*.ts',
    ],
    ignores: ['src/**/*.test.ts'],
    rules: {
      ...restrict(
        [...nodeBuiltins, ...upper],
        'Pure stage: take bytes and data as parameters; keep fs, paths, workers and the CLI at the edges (STYLE.md).',
      ),
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Pure stage: pass what you need as a parameter.' },
        {
          name: 'Buffer',
          message: 'Pure stage: use Uint8Array so the code also runs in the browser.',
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pure stage: the date comes in as a parameter.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Pure stage: the date comes in as a parameter.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Pure stage: no randomness.',
        },
      ],
    },
  },
  {
    // The lowest layer may not reach up into report/lint/workbook either.
    files: [
      'src/validate/**/*.ts',
      'src/aggregate/**/*.ts',
      'src/outline/**/*.ts',
      'src/text/**/*.ts',
      'src/issues/**/*.ts',
      'src/period/**/*.ts',
    ],
    ignores: ['src/**/*.test.ts'],
    rules: restrict(
      [...nodeBuiltins, ...upper, '**/report/**', '**/lint/**', 'docx', 'exceljs'],
      'Pure stage: no I/O, no document libraries (STYLE.md import direction).',
    ),
  },
  {
    files: ['src/app/**/*.ts'],
    rules: restrict(['**/cli/**'], 'app returns results; only the CLI prints (STYLE.md).'),
  },
);
