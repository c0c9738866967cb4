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
  // No workerIdleMemoryLimit: with one core to spare jest runs the files in band, in its own process,
  // and each closed file's modules are collected. Two things had kept every file's (~40 MB each, the
  // heap past Node's 4 GB after ~120 files): the global setup's TypeORM store, copied into each
  // file's realm (libs/testing/src/global-setup.ts), and socket.io-adapter's expiry interval
  // (apps/api/src/live/live-memory.adapter.ts). A global, timer or listener that outlives a file
  // keeps that file's whole module registry: close what you open.
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
