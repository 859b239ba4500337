// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const pureFiles = ['lambdas/domain/**/*.ts', 'lambdas/projections/*.projection.ts'];

// The system authority is made only inside the transfer process and the erasure flow (ADR 0090):
// nothing that handles a request can import its constructor.
const systemActorFlows = ['lambdas/transfers/**/*.ts', 'lambdas/application/erasure-*.ts'];
const systemActorImport = {
  group: ['**/system-actor', '**/system-actor.js'],
  message: 'Only the transfer process and the erasure flow act as the system (ADR 0090).',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', '.data/**', 'coverage/**', 'eslint.config.js'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      curly: ['error', 'all'],
      'max-lines': ['error', { max: 200, skipBlankLines: true, skipComments: true }],
      complexity: ['error', { max: 8, variant: 'modified' }],
      'max-params': ['error', 4],
    },
  },
  {
    files: pureFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@aws-sdk/*', 'node:*', 'aws-lambda'], message: 'Pure code does no I/O.' },
            systemActorImport,
            {
              group: ['../../*/**', '../*/**'],
              allowTypeImports: true,
              message: 'Pure code imports only types from other folders.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Inject a Clock.',
        },
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: 'Inject a Clock.',
        },
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: 'Inject randomness.',
        },
        { selector: "CallExpression[callee.name='randomUUID']", message: 'Inject an IdGenerator.' },
      ],
    },
  },
  {
    files: ['lambdas/**/*.ts', 'local/**/*.ts', 'bin/**/*.ts', 'lib/**/*.ts', 'bench/**/*.ts'],
    ignores: [...pureFiles, ...systemActorFlows],
    rules: { 'no-restricted-imports': ['error', { patterns: [systemActorImport] }] },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      complexity: 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  prettier,
);
