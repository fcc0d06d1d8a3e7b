import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: run test files in two forks so emulator-backed suites do not starve each other.
    pool: 'forks',
    maxWorkers: 2,
  },
});
