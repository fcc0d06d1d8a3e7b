import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyError } from '../../../lambdas/shop/errors';
import { add, applyBasisPoints, readMoney, sum } from '../../../lambdas/shop/money';

const usd = (amount: number) => ({ amount, currencyCode: 'USD' });

describe('money', () => {
  it.each([
    [5248, 825, 433], // 432.96
    [100, 50, 1], // 0.5 rounds half up
    [100, 49, 0], // 0.49
    [-100, 50, -1], // half away from zero
    [0, 2000, 0],
  ])('%i × %i bp = %i', (amount, bp, expected) => {
    expect(applyBasisPoints(usd(amount), bp)).toEqual(usd(expected));
  });

  it('stays exact where floating point would not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.integer({ min: 0, max: 10_000 }),
        (amount, bp) => {
          const exact = (BigInt(amount) * BigInt(bp) * 2n + 10_000n) / 20_000n;
          expect(applyBasisPoints(usd(amount), bp).amount).toBe(Number(exact));
        },
      ),
    );
  });

  it('refuses to mix currencies or accept fractional minor units', () => {
    expect(() => add(usd(1), { amount: 1, currencyCode: 'EUR' })).toThrow(/Cannot combine USD and EUR/);
    expect(() => readMoney({ amount: 14.99, currencyCode: 'USD' }, 'price')).toThrow(
      /price.amount must be a whole/,
    );
    expect(() => readMoney({ amount: 1, currencyCode: 'usd' }, 'price')).toThrow(MoneyError);
    expect(sum([usd(1), usd(2)], 'USD')).toEqual(usd(3));
  });
});
