import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import unicorn from 'eslint-plugin-unicorn';
import tseslint from 'typescript-eslint';

const zone = (target, from, message) => ({ target, from, message });

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'evals/cases/**',
      'evals/cassettes/**',
      'test/fixtures/**',
      'scripts/**',
      'eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX, unicorn },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'unicorn/filename-case': ['error', { case: 'kebabCase' }],
      'unicorn/prefer-node-protocol': 'error',
      'import-x/no-duplicates': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            zone(
              './src/qradar',
              './src/!(qradar|config|text)/**',
              'the QRadar client depends on nothing of ours but config and text',
            ),
            zone(
              './src/aql',
              './src/!(aql)/**',
              'the AQL module depends on nothing else in the project',
            ),
            zone(
              './src/store',
              './src/!(store|config|text)/**',
              'the store depends on nothing of ours but config and text',
            ),
            zone(
              './src/sim',
              './src/!(sim|aql|config|text)/**',
              'the simulator may use only the AQL module',
            ),
            zone(
              './src/policy',
              './src/!(policy|store|qradar|config|text)/**',
              'policy may use only store and qradar',
            ),
            zone(
              './src/actions',
              './src/!(actions|policy|store|qradar|config|text)/**',
              'actions may use only policy, store and qradar',
            ),
            zone(
              './tools',
              './src/(server|agent|sim|cli)/**',
              'tools must call the QRadar client and policy, not the server, agent or simulator',
            ),
            zone(
              './tools',
              './node_modules/undici/**',
              'tools must call the QRadar client, not undici',
            ),
            zone(
              './src/agent',
              ['./tools/**', './src/(qradar|sim|actions|server)/**'],
              'the agent is an MCP client: it never imports tools, the client or the simulator',
            ),
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/**/*.ts',
      'tools/**/*.ts',
      'resources/**/*.ts',
      'prompts/**/*.ts',
    ],
    ignores: ['src/cli/output.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
