import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test files that replace a module with vi.mock need a module registry of their own: in a shared
 * one the real module is already loaded by an earlier file, and the mock never takes.
 */
const OWN_MODULES = ['test/reconcile/scale.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's own default is cores - 1: one worker on a 2-core machine, where two finish in half the time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: OWN_MODULES,
          // One module registry per worker: the analyser (compromise, the rulebook) loads once per
          // worker instead of once per file, which was most of the suite's time. Tests may not
          // leave state behind; every file passes in any order (checked with --sequence.shuffle).
          isolate: false,
        },
      },
      { extends: true, test: { name: 'own-modules', include: OWN_MODULES } },
    ],
  },
});
