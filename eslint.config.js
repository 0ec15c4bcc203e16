import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.data/',
      '.tools/',
      'prisma/generated/',
      'web/.svelte-kit/',
      'web/build/',
      'web/src/lib/paraglide/',
      'web/src/lib/graphql-env.d.ts',
      'web/project.inlang/',
      'tests/workflows/histories/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['web/**/*.svelte', 'web/**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser },
    },
  },
  {
    // Workflow code is replayed deterministically inside Temporal's sandbox: no Node
    // built-ins, no I/O, no wall-clock time outside the SDK.
    files: [
      'workflows/src/workflows/**/*.ts',
      'workflows/src/calendar.ts',
      'workflows/src/contracts.ts',
      'workflows/src/contracts/**/*.ts',
      'workflows/src/notifications.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'Node built-ins cannot run in the workflow sandbox.' },
            {
              group: [
                'fs',
                'path',
                'os',
                'crypto',
                'http',
                'https',
                'net',
                'child_process',
                'worker_threads',
              ],
              message: 'Node built-ins cannot run in the workflow sandbox.',
            },
            {
              group: ['@prisma/*', 'pg', '../activities/*', '../activities'],
              allowTypeImports: true,
              message: 'Workflows reach the database only through activities (import them as types).',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'Take time from the workflow (new Date() is replay-safe there) or sleep().',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
