/**
 * Partner money (a decimal number in MAJOR units) → hydrant money (an integer in MINOR units).
 *
 * Exact: the number's shortest round-trip decimal text (`String(4.35)` is "4.35", what the partner
 * wrote in its JSON) is shifted by the currency's ISO 4217 exponent as text, never multiplied as a
 * float (`4.35 * 100` is 434.99999999999994). Exponent notation (`1e-7`, `1e+21`) is handled the
 * same way.
 *
 * Rounding, when the partner sends more decimals than the currency has (`0.1 + 0.2` computed in
 * floats arrives as 0.30000000000000004; 1.005 JPY): half to even ("banker's rounding", IEEE 754's
 * default and ISO 80000-1's), so float noise disappears and ties do not drift upward over many
 * lines. An amount whose minor units leave the exact integer range (> 2^53 − 1) is rejected.
 */
import { currencyExponent } from './currency-exponents';
import { PartnerMappingError } from './errors';

export interface Money {
  /** Integer minor units of `currencyCode` (1499 with USD is $14.99, 1499 with JPY is ¥1,499). */
  readonly amount: number;
  /** ISO 4217. */
  readonly currencyCode: string;
}

/** The partner's `Money` shape (and `product.price` + `product.currencyCode`). */
export interface PartnerMoney {
  readonly amount: number | null;
  readonly currencyCode: string | null;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/** Converts one partner amount; `path` names the field in errors. */
export function toMinorUnits(amount: number, currencyCode: string, path: string): number {
  const exponent = currencyExponent(currencyCode);
  if (exponent === undefined) {
    throw new PartnerMappingError(path, `unknown ISO 4217 currency code ${JSON.stringify(currencyCode)}`);
  }
  if (typeof amount !== 'number' || !Number.isFinite(amount)) {
    throw new PartnerMappingError(path, `amount must be a finite number (got ${JSON.stringify(amount)})`);
  }
  const match = DECIMAL.exec(String(amount));
  if (!match) throw new PartnerMappingError(path, `cannot read ${String(amount)} as a decimal`);
  const [, sign, whole, fraction = '', power = '0'] = match;
  const digits = whole + fraction;
  // Where the decimal point sits in `digits` once the value is multiplied by 10^exponent.
  const point = whole.length + Number(power) + exponent;
  const integerDigits = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0');
  const rest = point <= 0 ? '0'.repeat(-point) + digits : digits.slice(point);
  let minor = BigInt(integerDigits);
  if (roundsUp(rest, minor)) minor += 1n;
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new PartnerMappingError(
      path,
      `${String(amount)} ${currencyCode} is beyond the exact integer range in minor units`,
    );
  }
  const result = Number(minor);
  return sign === '-' && result !== 0 ? -result : result;
}

/** Half to even on the magnitude: the digits after the cut decide, a tie goes to the even neighbour. */
function roundsUp(rest: string, kept: bigint): boolean {
  if (rest === '' || /^0*$/.test(rest)) return false;
  const first = rest[0];
  if (first > '5') return true;
  if (first < '5') return false;
  if (/[1-9]/.test(rest.slice(1))) return true;
  return kept % 2n === 1n;
}

/**
 * A partner `Money` → hydrant `Money`; `null` when the partner left the amount out (partial data).
 * An amount without a currency cannot be interpreted and is rejected.
 */
export function toMoney(value: PartnerMoney | null | undefined, path: string): Money | null {
  if (value === null || value === undefined || value.amount === null || value.amount === undefined)
    return null;
  if (typeof value.currencyCode !== 'string') {
    throw new PartnerMappingError(`${path}.currencyCode`, 'an amount needs its currency code');
  }
  const currencyCode = value.currencyCode.toUpperCase();
  return { amount: toMinorUnits(value.amount, currencyCode, `${path}.amount`), currencyCode };
}
