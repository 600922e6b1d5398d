import { defineConfig } from 'vitest/config';

// Four projects: pure unit tests; database tests run twice, on the embedded PostgreSQL and on a
// PostgreSQL server started from Debian's binaries; browser journeys in real Chromium.
const dbInclude = ['src/**/*.db.test.ts', 'tests/**/*.db.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'db-embedded',
          include: dbInclude,
          globalSetup: ['tests/support/global-db.ts'],
          env: { TEST_DB_KIND: 'embedded' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'db-server',
          include: dbInclude,
          // Chromium captures run once, on the embedded database (docs/captures.md).
          exclude: ['**/*.capture.db.test.ts', '**/node_modules/**'],
          globalSetup: ['tests/support/global-db.ts'],
          env: { TEST_DB_KIND: 'server' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          globalSetup: ['tests/support/global-db.ts'],
          env: { TEST_DB_KIND: 'embedded' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
