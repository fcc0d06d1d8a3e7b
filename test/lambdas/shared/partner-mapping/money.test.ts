import { describe, expect, it } from 'vitest';
import {
  currencyExponent,
  PartnerMappingError,
  toMinorUnits,
  toMoney,
} from '../../../../lambdas/shared/partner-mapping';

describe('partner money → minor units', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['CLF', 4],
  ])('knows the ISO 4217 exponent of %s (%i)', (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });

  it.each([
    // amount, currency, minor units
    [25, 'USD', 2500],
    [4.8, 'USD', 480],
    [11.24, 'USD', 1124],
    [4.35, 'USD', 435], // 4.35 * 100 is 434.99999999999994 in floats
    [1.15, 'USD', 115], // 1.15 * 100 is 114.99999999999999
    [0.07, 'USD', 7], // 0.07 * 100 is 7.000000000000001
    [19.99, 'EUR', 1999],
    [1499, 'JPY', 1499],
    [1.234, 'KWD', 1234],
    [0.005, 'KWD', 5],
    [0, 'USD', 0],
    [-2.5, 'USD', -250],
    [1e-7, 'USD', 0], // String(1e-7) is "1e-7"
    [1.5e3, 'USD', 150000],
    [90071992547409.9, 'USD', 9007199254740990], // near Number.MAX_SAFE_INTEGER cents
  ])('%s %s is %i exactly', (amount, currency, minor) => {
    expect(toMinorUnits(amount, currency, 'x')).toBe(minor);
  });

  it.each([
    // float noise from a partner that added in floats, and more decimals than the currency has:
    // half to even
    [0.1 + 0.2, 'USD', 30], // 0.30000000000000004
    [1.005, 'USD', 100], // tie → even (0)
    [1.015, 'USD', 102], // tie → even (2)
    [1.0051, 'USD', 101], // above the tie
    [2.5, 'JPY', 2],
    [3.5, 'JPY', 4],
    [-2.5, 'JPY', -2],
    [0.0005, 'KWD', 0],
    [0.0015, 'KWD', 2],
  ])('rounds %s %s half to even: %i', (amount, currency, minor) => {
    expect(toMinorUnits(amount, currency, 'x')).toBe(minor);
  });

  it.each([
    [1e21, 'USD', /beyond the exact integer range/], // String(1e21) is "1e+21"
    [90071992547410, 'USD', /beyond the exact integer range/],
    [Number.NaN, 'USD', /finite number/],
    [Number.POSITIVE_INFINITY, 'USD', /finite number/],
    [1, 'XYZ', /unknown ISO 4217 currency code "XYZ"/],
    [1, 'usd', /unknown ISO 4217/],
  ])('rejects %s %s', (amount, currency, message) => {
    expect(() => toMinorUnits(amount, currency, 'order.summary.totalPrice.amount')).toThrow(
      PartnerMappingError,
    );
    expect(() => toMinorUnits(amount, currency, 'order.summary.totalPrice.amount')).toThrow(message);
  });

  it('names the field in its errors', () => {
    expect(() => toMinorUnits(1, 'XYZ', 'order.payments[0].amount.amount')).toThrow(
      /^order\.payments\[0\]\.amount\.amount: /,
    );
  });

  it('reads Money: null stays null, a lower-case code is normalized, an amount needs its currency', () => {
    expect(toMoney(null, 'm')).toBeNull();
    expect(toMoney({ amount: null, currencyCode: 'USD' }, 'm')).toBeNull();
    expect(toMoney({ amount: 4.35, currencyCode: 'usd' }, 'm')).toEqual({ amount: 435, currencyCode: 'USD' });
    expect(() => toMoney({ amount: 4.35, currencyCode: null }, 'm')).toThrow(/m\.currencyCode/);
  });
});
