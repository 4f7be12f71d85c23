import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    // The files that run Lighthouse: their performance bar; every other file gives way to them (nice 10).
    setupFiles: ['tests/helpers/lighthouse-files.ts'],
    // PGlite peaks near 1.1 GB per instance and Astro builds are CPU-bound: two workers on two cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
