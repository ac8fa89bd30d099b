import { defineConfig } from 'vitest/config';

/** Tests that need no Neo4j: pure code, Cypher text, HTTP routes over stubs. `npm run test:unit`. */
const UNIT = 'test/**/*.unit.test.ts';

export default defineConfig({
  // Node (and so production) loads graphql's CommonJS build; Vite would pick its ES build for our
  // sources, and two graphql instances fail each other's instanceof checks (e.g. on the schema).
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    // Integration files share one Neo4j with a single user database, so files run one after another
    // (and each sets up the data it needs). `npm run test:unit` turns file parallelism back on; it
    // only selects the unit project, whose files share nothing.
    fileParallelism: false,
    projects: [
      { extends: true, test: { name: 'unit', include: [UNIT] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [UNIT],
          // One real Neo4j for the whole run (test/globalSetup.ts), started only when a selected
          // file needs it; after the unit files, which are done in seconds.
          globalSetup: ['test/globalSetup.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
