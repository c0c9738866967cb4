'use strict';
/** Three projects: unit (pure logic, next to the code), integration (real PostgreSQL), e2e (HTTP). */
const common = {
  testEnvironment: 'node',
  transform: { '\\.[cm]?[jt]s$': '<rootDir>/libs/testing/src/jest-transform.js' },
  transformIgnorePatterns: [],
  moduleNameMapper: {
    '^@enlace/migrations$': '<rootDir>/migrations',
    '^@enlace/([a-z-]+)$': '<rootDir>/libs/$1/src',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  rootDir: __dirname,
};

module.exports = {
  // A global option (jest ignores it per project): a ceiling for a hung test, not a speed target. PGlite
  // start-up (every migration, per engine database) and argon2 are slow on 2 cores under load.
  testTimeout: 90_000,
  // Test files run one after the other in a worker process that is replaced once it holds more than
  // this after a file (jest then uses a worker even with one core to spare). Run in the main process,
  // the suite's heap grew past Node's 4 GB limit after ~120 files: each file's api modules are not all
  // collected (a leak to find), and the whole suite no longer fit.
  workerIdleMemoryLimit: '1536MB',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,migrations}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
  ],
};
