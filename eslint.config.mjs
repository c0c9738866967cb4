import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// ---------------------------------------------------------------------------------------------------
// The house plan's "never" arrows (STYLE.md "The house", "One shape for every context").
//
// `no-restricted-imports` holds the arrows between the parts of the house (`@enlace/*` names, and
// relative paths that leave a library's or an app's `src`); `@typescript-eslint/no-restricted-imports`
// (the same rule under another name, so the two never override each other) holds the packages that
// belong to one role: GraphQL and Socket.IO to the doors, TypeORM to repositories, csv-stringify to
// core's one CSV writer. ESLint applies the last block that matches a file, so every block below
// carries a file's whole list, and the blocks go from general to particular.
// ---------------------------------------------------------------------------------------------------

/** Test code: unit and integration specs, and the fixtures integration specs share. */
const TEST_SUFFIXES = ['spec', 'int-spec', 'int-fixture'];
const DEPTHS = [0, 1, 2, 3, 4, 5];
const names = (list) => list.join('|');

/** `@enlace/<name>` for a name outside `allowed` (a library's own name included). */
const enlaceOutside = (allowed, message) => ({
  regex: allowed.length === 0 ? '^@enlace/' : `^@enlace/(?!(?:${names(allowed)})(?:/|$))`,
  message,
});
/** `@enlace/<name>` for a name in `denied`. */
const enlaceAmong = (denied, message) => ({ regex: `^@enlace/(?:${names(denied)})(?:/|$)`, message });
const DEEP = {
  regex: '^@enlace/[^/]+/.',
  message: 'Reach another part only through its index.ts (`@enlace/<name>`), never by a deep path.',
};
/** A relative path from a file `depth` folders below `src` that climbs out of that `src`. */
const leavesSrc = (depth) => ({
  regex: `^(?:\\./)?(?:\\.\\./){${depth + 1},}`,
  message:
    'This relative path leaves the library (or app): import another part through `@enlace/<name>`; ' +
    'libraries never import an app, apps never import each other.',
});

/** One block per depth below `src`, so a relative path that climbs out is caught at any depth. */
function srcBlocks(root, suffixes, patterns, paths = []) {
  return DEPTHS.map((depth) => ({
    files: suffixes.map((suffix) => `${root}/src/${'*/'.repeat(depth)}*.${suffix}`),
    rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, DEEP, leavesSrc(depth)], paths }] },
  }));
}

/**
 * The directory's trusted writers skip the visibility checks a request's actor gets (terms opened by
 * id, account people, seeded networks, the demo seeds): identity, the jobs and the apps only
 * (docs/architecture.md, "Trusted writers"). A context (channels, meetings, training...) uses the
 * actor-checked services.
 */
const TRUSTED_WRITERS = {
  name: '@enlace/directory',
  importNames: [
    'DirectoryTrustedWriter',
    'createDirectoryTrustedWriter',
    'createDirectoryDemoSeed',
    'DirectoryDemoSeedService',
  ],
  message:
    "The directory's trusted writers skip visibility checks and are for identity, the jobs and the apps only: " +
    'call the actor-checked services (MembershipService.add, PersonService.create, ...) with the request actor.',
};

const TESTS_ONLY =
  '`@enlace/testing` and `@enlace/migrations` are for tests (`*.spec.ts`, `*.int-spec.ts`, `*.int-fixture.ts`).';

/**
 * What each library may import (production code). A library not listed is a context (meetings,
 * training, action plans...): it imports core, the owner of people and networks, and notifications.
 * Notifications imports core only: the directory imports notifications, and an arrow back would be a cycle.
 */
const LIBRARIES = {
  '*': {
    allowed: ['core', 'directory', 'notifications'],
    message:
      'A context imports only @enlace/core, @enlace/directory (people and networks) and @enlace/notifications; ' +
      'only apps and libs/jobs import @enlace/identity.',
  },
  core: { allowed: [], message: 'libs/core is the kit and knows no context: it imports no other @enlace library.' },
  directory: {
    allowed: ['core', 'notifications'],
    message: 'The directory (owner of people and networks) imports only @enlace/core and @enlace/notifications.',
  },
  notifications: {
    allowed: ['core'],
    message: 'Notifications imports only @enlace/core (the directory imports notifications; no arrow back).',
  },
  identity: {
    allowed: ['core', 'directory', 'notifications'],
    message: 'Identity imports only @enlace/core, @enlace/directory and @enlace/notifications.',
  },
};

const libraryBlocks = Object.entries(LIBRARIES).flatMap(([lib, { allowed, message }]) => {
  const paths = lib === '*' ? [TRUSTED_WRITERS] : [];
  return [
    ...srcBlocks(`libs/${lib}`, ['ts'], [enlaceOutside(allowed, message)], paths),
    ...srcBlocks(
      `libs/${lib}`,
      TEST_SUFFIXES.map((s) => `${s}.ts`),
      [enlaceOutside([...allowed, 'testing', 'migrations', ...(lib === '*' ? [] : [lib])], message)],
      paths,
    ),
  ];
});

const boundaries = [
  ...libraryBlocks,
  // The jobs import any context (identity included): each job is a schedule plus one service call.
  ...srcBlocks('libs/jobs', ['ts'], [enlaceAmong(['testing', 'migrations', 'jobs'], TESTS_ONLY)]),
  ...srcBlocks(
    'libs/jobs',
    TEST_SUFFIXES.map((s) => `${s}.ts`),
    [],
  ),
  // The test kit reaches into libraries by relative paths on purpose (jest's global setup runs
  // without the path mapper), but never into an app.
  {
    files: ['libs/testing/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(?:^|/)apps(?:/|$)', message: 'Libraries never import an app.' }] },
      ],
    },
  },
  // Apps compose the libraries; they never import each other nor the test kit.
  ...srcBlocks('apps/*', ['ts'], [enlaceAmong(['testing'], TESTS_ONLY)]),
  ...srcBlocks(
    'apps/*',
    TEST_SUFFIXES.map((s) => `${s}.ts`),
    [],
  ),
  // A migration is self-contained: TypeORM and its own files (frozen reference data), nothing else.
  {
    files: ['migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!typeorm$|\\./)',
              message:
                'A migration imports only typeorm and its own files (reference data frozen in migrations/reference): ' +
                'never live code, another library or an installed package (STYLE.md rule 9).',
            },
          ],
        },
      ],
    },
  },
  {
    files: TEST_SUFFIXES.map((s) => `migrations/**/*.${s}.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(?:^|/)apps(?:/|$)', message: 'Migrations never import an app.' }] },
      ],
    },
  },
];

const DOORS_ONLY = {
  group: ['@nestjs/graphql', '@nestjs/mercurius', 'mercurius', 'socket.io', '@nestjs/websockets'],
  message: 'Libraries never import GraphQL or Socket.IO (STYLE.md): those are the doors in apps/api.',
};
const TYPEORM = {
  group: ['typeorm', 'typeorm/*', '@nestjs/typeorm'],
  message:
    'Only repositories (*.repository.ts) and libs/core/src/database touch TypeORM (STYLE.md rule 3); ' +
    'a service opens transactions with TransactionRunner and passes tx down.',
};
const CSV_WRITER = {
  group: ['csv-stringify', 'csv-stringify/*'],
  message: 'One CSV writer: use csvWriter from @enlace/core (libs/core/src/csv), which neutralises formula cells.',
};
const COUNTRY_NAMES = {
  regex: '^i18n-iso-countries$',
  message:
    "Import { countries } from @enlace/core (libs/core/src/i18n/countries.ts): the package's main entry loads ~100 languages' names.",
};
/** Production code: these patterns, and the four-language country names. */
const packagesRule = (patterns, paths = []) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...patterns, COUNTRY_NAMES], paths }],
});
/** Test code: only these patterns. */
const testPackagesRule = (patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns, paths: [] }],
});
/** Test code and the test kit may open a data source, write CSV, seed rows. */
const TEST_FILES = ['libs/testing/**', ...TEST_SUFFIXES.map((s) => `libs/**/*.${s}.ts`)];

const packages = [
  { files: ['libs/**/*.ts'], rules: packagesRule([DOORS_ONLY, TYPEORM, CSV_WRITER]) },
  { files: ['apps/**/*.ts'], rules: packagesRule([TYPEORM, CSV_WRITER]) },
  // Wiring outside Nest (`*.factory.ts`, the demo seed) receives a DataSource to hand to repositories.
  {
    files: ['libs/**/*.factory.ts'],
    rules: packagesRule([DOORS_ONLY, CSV_WRITER, { ...TYPEORM, allowTypeImports: true }]),
  },
  // Modules register their entities with TypeOrmModule (`@nestjs/typeorm`), and query nothing.
  {
    files: ['libs/**/*.module.ts'],
    rules: packagesRule([DOORS_ONLY, CSV_WRITER, { regex: '^typeorm(?:/|$)', message: TYPEORM.message }]),
  },
  // The places TypeORM belongs: repositories and core's database kit.
  {
    files: ['libs/**/*.repository.ts', 'libs/core/src/database/**/*.ts'],
    rules: packagesRule([DOORS_ONLY, CSV_WRITER]),
  },
  // Entity classes map a table with TypeORM's decorators; they never query.
  {
    files: ['libs/**/*.entity.ts'],
    rules: packagesRule(
      [DOORS_ONLY, CSV_WRITER],
      [
        {
          name: 'typeorm',
          importNames: ['DataSource', 'EntityManager', 'QueryRunner', 'Repository', 'SelectQueryBuilder'],
          message: 'An entity file declares a mapping; queries belong in its repository.',
        },
      ],
    ),
  },
  // Process entries hand Nest's DataSource to core's migration runner.
  { files: ['apps/api/src/bootstrap.ts', 'apps/*/src/main.ts'], rules: packagesRule([CSV_WRITER]) },
  { files: ['libs/core/src/csv/**/*.ts'], rules: packagesRule([DOORS_ONLY, TYPEORM]) },
  { files: TEST_FILES, rules: testPackagesRule([DOORS_ONLY]) },
  { files: TEST_SUFFIXES.map((s) => `apps/**/*.${s}.ts`), rules: testPackagesRule([]) },
];

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
  ...boundaries,
  ...packages,
);
