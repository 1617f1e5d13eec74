// Unit tests need no Docker (`npm run test:unit`, under a minute). Left to itself, Vitest 4 runs test files on
// max(cores - 1, 1) workers: one on this project's 2-core machine, where the unit files then ran one after
// another (measured: never two workers at once, 63.6 s). They mostly wait on child processes and the disk, so
// the unit project runs one worker per core: two here, 31.6 s. Integration, e2e and fault tests share one
// Docker engine (and fixed container names), so they run one file at a time on any machine.
// The setup file gives every test file a private HALAB_HOME and removes its temp folders when the file ends.
// scripts/test.mjs runs the projects in two passes: all but 'faults', then 'faults' alone.
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['test/setup/mockElectron.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], maxWorkers: availableParallelism() } },
      // Seeded fuzzers (test/fuzz): ~10 s each by default, HALAB_FUZZ_SECONDS for longer runs.
      { extends: true, test: { name: 'fuzz', include: ['test/fuzz/**/*.test.ts'], fileParallelism: false, testTimeout: 300_000 } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 240_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      // Stops the machine's Docker engine: scripts/test.mjs runs it alone, after everything else.
      {
        extends: true,
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
