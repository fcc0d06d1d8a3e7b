import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order vitest runs test files in (vitest.config.ts). The end-to-end suites and the AWS CLI
 * smoke run first: they are the longest files and mostly wait (Lambda retry delays, a secret
 * re-read interval, the CLI's Python start-up). On a fresh checkout vitest has no timings and
 * orders files by size, which put them last, where they made the run's tail.
 */
export class WaitingSuitesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // TEST_SHUFFLE_SEED=N runs the files in a seeded random order: it finds order dependence.
    const seed = process.env.TEST_SHUFFLE_SEED;
    if (seed) return shuffled(files, Number(seed));
    const sorted = await super.sort(files);
    const first = (f: TestSpecification) => /\/test\/e2e\/|awscli-smoke/.test(f.moduleId);
    return [...sorted.filter(first), ...sorted.filter((f) => !first(f))];
  }
}

/** A seeded Fisher-Yates shuffle (mulberry32), so a failing order can be run again. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
