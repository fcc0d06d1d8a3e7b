import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The end-to-end suites and the AWS CLI smoke run first. They are the longest files and mostly
 * wait (Lambda retry delays, a secret re-read interval, the CLI's Python start-up). On a fresh
 * checkout vitest has no timings and orders files by size, which put them last, where they made
 * the run's tail.
 */
class LongestKnownFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const first = (f: TestSpecification) => /\/test\/e2e\/|awscli-smoke/.test(f.moduleId);
    return [...sorted.filter(first), ...sorted.filter((f) => !first(f))];
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: run test files in two forks so emulator-backed suites do not starve each other.
    pool: 'forks',
    maxWorkers: 2,
    sequence: { sequencer: LongestKnownFirst },
    // The AWS SDK warns on every client that Node.js 20 support ends in 2027; the project targets
    // Node 20 on purpose (the machines it runs on), so keep test output readable.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
