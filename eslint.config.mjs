import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message:
            'Read configuration through AppConfig (libs/core/src/config); process.env is read in one place only.',
        },
      ],
    },
  },
  {
    files: [
      'libs/core/src/config/**',
      'apps/*/src/main.ts',
      'apps/api/src/*.ts',
      'libs/testing/**',
      'test/**',
      'bench/**',
      '**/*.spec.ts',
      '**/*.int-spec.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['libs/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/graphql', '@nestjs/mercurius', 'mercurius', 'socket.io', '@nestjs/websockets'],
              message: 'Libraries never import GraphQL or Socket.IO (STYLE.md).',
            },
            {
              group: ['**/apps/**', '@enlace/*/src/**'],
              message: 'Libraries never import an app, nor another context by a deep path.',
            },
          ],
        },
      ],
    },
  },
);
