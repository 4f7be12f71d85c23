import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    // Files that do not run Lighthouse give way to those that do (nice 10; see the file).
    setupFiles: ['tests/helpers/cpu-priority.ts'],
    // PGlite peaks near 1.1 GB per instance and Astro builds are CPU-bound: two workers on two cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
