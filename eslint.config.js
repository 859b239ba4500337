// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// The system authority is made only inside the transfer process and the erasure flow (ADR 0090):
// nothing that handles a request can import its constructor.
const systemActorImport = {
  group: ['**/system-actor', '**/system-actor.js'],
  message: 'Only the transfer process and the erasure flow act as the system (ADR 0090).',
};

const pureImports = [
  { group: ['@aws-sdk/*', 'node:*', 'aws-lambda'], message: 'Pure code does no I/O.' },
  {
    group: ['../../*/**', '../*/**'],
    allowTypeImports: true,
    message: 'Pure code imports only types from other folders.',
  },
];
const pureSyntax = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Inject a Clock.' },
  {
    selector: "MemberExpression[object.name='Date'][property.name='now']",
    message: 'Inject a Clock.',
  },
  {
    selector: "MemberExpression[object.name='Math'][property.name='random']",
    message: 'Inject randomness.',
  },
  { selector: "CallExpression[callee.name='randomUUID']", message: 'Inject an IdGenerator.' },
];

// Layers (docs/adr/0130): every folder of lambdas/ imports only the layers below it, so no import
// runs back up. From the top: handlers/ and the composition roots (dependencies.ts and its core-,
// read-, erasure- and stream- parts); http/;
// transfers/ (the process manager) and integration/ (the integration event publisher), which
// use the application; application/; the ports and adapters side by side
// (event-store/, crypto/, projections/, identity/, which may use application/ports.ts and no
// other file of application/); domain/, which imports nothing outside itself. The shared root
// files (config and its checks, observability, log scope and line, trace context, the DynamoDB
// client) serve
// every layer but domain/ and import none of them. lib/ is infrastructure and never imports
// lambdas/; lambdas/ reads only lib/'s plain data (table and function specs, metric names).
const compositionRoots = '(?:core-|read-|erasure-|stream-)?dependencies';
const layersAbove = {
  http: ['handlers', compositionRoots],
  transfers: ['handlers', compositionRoots, 'http'],
  application: [
    'handlers',
    compositionRoots,
    'http',
    'transfers',
    'integration',
    'projections',
    'identity',
  ],
  adapters: ['handlers', compositionRoots, 'http', 'transfers', 'integration'],
  shared: [
    'handlers',
    'crypto',
    compositionRoots,
    'http',
    'transfers',
    'integration',
    'application',
    'event-store',
    'projections',
    'identity',
  ],
};
const layerMessage = 'Imports point down the layers only (docs/adr/0130).';
const noneOf = (prefix, names) => ({
  regex: `^${prefix}(${names.join('|')})(/|\\.js$)`,
  message: layerMessage,
});
const below = (names) => noneOf('(\\.\\./)+', names);
const adapterPorts = {
  regex: '^\\.\\./application/(?!ports\\.js$)',
  message: 'Adapters implement ports (application/ports.ts); they never call the application.',
};
const outsideDomain = (prefix) => ({
  regex: `^${prefix}`,
  message: 'The domain imports nothing outside domain/ (docs/adr/0130).',
});
const lambdasReadOnlyLibData = {
  group: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', '**/lib/constructs/**', '**/local/**'],
  message: 'Lambda code reads only the plain data of lib/, never the stack or the local runtime.',
};

// Every file of lambdas/ falls in exactly one zone (ESLint keeps the last matching rule setting).
// `system`: the zone may import the system authority (ADR 0090); `pure`: no I/O, no clock.
const zones = [
  // A folder no zone below names still keeps the system-actor ban and the lib/ boundary.
  { files: ['lambdas/**/*.ts'], patterns: [] },
  {
    files: ['lambdas/*.ts'],
    ignores: ['lambdas/*dependencies.ts'],
    patterns: [noneOf('\\./', layersAbove.shared)],
  },
  { files: ['lambdas/*dependencies.ts', 'lambdas/handlers/**/*.ts'], patterns: [] },
  { files: ['lambdas/http/**/*.ts'], patterns: [below(layersAbove.http)] },
  { files: ['lambdas/transfers/**/*.ts'], patterns: [below(layersAbove.transfers)], system: true },
  { files: ['lambdas/integration/**/*.ts'], patterns: [below(layersAbove.transfers)] },
  {
    files: ['lambdas/application/**/*.ts'],
    ignores: ['lambdas/application/erasure-*.ts'],
    patterns: [below(layersAbove.application)],
  },
  {
    files: ['lambdas/application/erasure-*.ts'],
    patterns: [below(layersAbove.application)],
    system: true,
  },
  {
    files: ['lambdas/{event-store,crypto,projections,identity}/**/*.ts'],
    ignores: ['lambdas/projections/*.projection.ts'],
    patterns: [below(layersAbove.adapters), adapterPorts],
  },
  {
    files: ['lambdas/projections/*.projection.ts'],
    patterns: [
      ...pureImports,
      {
        regex: '^\\.\\./',
        allowTypeImports: true,
        message: 'Pure code imports only types from outside.',
      },
      below(layersAbove.adapters),
      adapterPorts,
    ],
    pure: true,
  },
  {
    files: ['lambdas/domain/*.ts'],
    patterns: [...pureImports, outsideDomain('\\.\\./')],
    pure: true,
  },
  {
    files: ['lambdas/domain/*/**/*.ts'],
    patterns: [...pureImports, outsideDomain('\\.\\./\\.\\./')],
    pure: true,
  },
];
const zoneConfigs = zones.map(
  ({ files, ignores = [], patterns, system = false, pure = false }) => ({
    files,
    ignores,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...patterns, lambdasReadOnlyLibData, ...(system ? [] : [systemActorImport])],
        },
      ],
      ...(pure ? { 'no-restricted-syntax': ['error', ...pureSyntax] } : {}),
    },
  }),
);

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
  ...zoneConfigs,
  {
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            systemActorImport,
            {
              regex: '^(\\.\\./)+(lambdas|local|bin)/',
              message: 'lib/ is infrastructure: it never imports lambdas/ (docs/adr/0130).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['local/**/*.ts', 'bin/**/*.ts', 'bench/**/*.ts'],
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
  {
    // Generated by openapi-typescript (npm run openapi); checked current by a test.
    files: ['console/src/api-types.ts'],
    rules: { 'max-lines': 'off' },
  },
  prettier,
);
