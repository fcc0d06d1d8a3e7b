import { defineConfig } from 'vitest/config';
import { WaitingSuitesFirst } from './test/setup/sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: run test files in two forks so emulator-backed suites do not starve each other.
    pool: 'forks',
    maxWorkers: 2,
    // Files share a worker's module cache; test/setup/file-isolation.ts puts back what a file changed.
    isolate: false,
    setupFiles: ['test/setup/file-isolation.ts'],
    sequence: { sequencer: WaitingSuitesFirst },
    // The AWS SDK warns on every client that Node.js 20 support ends in 2027; the project targets
    // Node 20 on purpose (the machines it runs on), so keep test output readable.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
