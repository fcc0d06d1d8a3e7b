import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backoffSeconds,
  DEFAULT_MAX_ATTEMPTS,
  retryBudgetSeconds,
  SQS_MAX_VISIBILITY_SECONDS,
} from '../../../lambdas/hydration/backoff';
import { bounded } from '../../../lambdas/hydration/bounded';

describe('backoffSeconds', () => {
  it('doubles per attempt between half and all of the exponential delay', () => {
    expect([1, 2, 3, 4].map((a) => backoffSeconds(a, { random: () => 0 }))).toEqual([1, 2, 4, 8]);
    expect([1, 2, 3, 4].map((a) => backoffSeconds(a, { random: () => 0.999 }))).toEqual([2, 4, 8, 16]);
  });

  it('stays within [1, max] for any attempt and random draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 0.9999, noNaN: true }),
        (attempt, r) => {
          const seconds = backoffSeconds(attempt, { baseSeconds: 2, maxSeconds: 900, random: () => r });
          return Number.isInteger(seconds) && seconds >= 1 && seconds <= 900;
        },
      ),
    );
  });
});

describe('bounded', () => {
  it('never runs more than the limit at once and runs everything', async () => {
    const limit = bounded(3);
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        limit(async () => {
          active += 1;
          peak = Math.max(peak, active);
          await new Promise((resolve) => setImmediate(resolve));
          active -= 1;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('retry budget', () => {
  it('rides out a partner outage of at least an hour with the defaults, within SQS limits', () => {
    const budget = retryBudgetSeconds(DEFAULT_MAX_ATTEMPTS, { baseSeconds: 2, maxSeconds: 900 });
    expect(budget.min).toBeGreaterThanOrEqual(3600);
    expect(budget.max).toBeLessThan(4 * 24 * 3600); // SQS's default message retention
    for (let attempt = 1; attempt <= 100; attempt++) {
      expect(backoffSeconds(attempt, { maxSeconds: 10 ** 6, random: () => 0.999 })).toBeLessThanOrEqual(
        SQS_MAX_VISIBILITY_SECONDS,
      );
    }
  });

  it('adds the shortest and longest delays between the first and the last attempt', () => {
    expect(retryBudgetSeconds(4, { baseSeconds: 2, maxSeconds: 900 })).toEqual({ min: 7, max: 14 });
    expect(retryBudgetSeconds(1)).toEqual({ min: 0, max: 0 });
  });
});
