/**
 * Money in integer minor units of one currency. No floating-point arithmetic: amounts are added as
 * safe integers, and a rate in basis points is applied with BigInt and rounded half up.
 */
import type { Money } from '../shared/partner-mapping/money';
import { MoneyError } from './errors';
import { integer, record, text } from './fields';

/** The normalized order's money (lambdas/shared/partner-mapping): minor units and an ISO 4217 code. */
export type { Money };

export function readMoney(value: unknown, path: string): Money {
  const money = record(value, path);
  const amount = integer(money.amount, `${path}.amount`);
  const currencyCode = text(money.currencyCode, `${path}.currencyCode`);
  if (!/^[A-Z]{3}$/.test(currencyCode)) {
    throw new MoneyError(`${path}.currencyCode must be an ISO 4217 code like USD (got "${currencyCode}")`);
  }
  return { amount, currencyCode };
}

export function zero(currencyCode: string): Money {
  return { amount: 0, currencyCode };
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { amount: checked(a.amount + b.amount), currencyCode: a.currencyCode };
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { amount: checked(a.amount - b.amount), currencyCode: a.currencyCode };
}

export function multiply(a: Money, quantity: number): Money {
  return { amount: checked(a.amount * quantity), currencyCode: a.currencyCode };
}

export function sum(amounts: readonly Money[], currencyCode: string): Money {
  return amounts.reduce(add, zero(currencyCode));
}

/** `amount × basisPoints / 10 000`, rounded half up (away from zero for negatives). */
export function applyBasisPoints(a: Money, basisPoints: number): Money {
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) {
    throw new MoneyError(`A rate must be a whole, non-negative number of basis points (got ${basisPoints})`);
  }
  const product = BigInt(a.amount) * BigInt(basisPoints);
  const sign = product < 0n ? -1n : 1n;
  const rounded = ((product * sign + 5_000n) / 10_000n) * sign;
  return { amount: checked(Number(rounded)), currencyCode: a.currencyCode };
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currencyCode !== b.currencyCode) {
    throw new MoneyError(
      `Cannot combine ${a.currencyCode} and ${b.currencyCode} amounts; an order has one currency`,
    );
  }
}

function checked(amount: number): number {
  if (!Number.isSafeInteger(amount))
    throw new MoneyError(`Amount ${amount} is outside the exact integer range`);
  return amount;
}
