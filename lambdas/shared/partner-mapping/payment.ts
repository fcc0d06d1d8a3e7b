/**
 * Payments and refund payments (one shape at the partner): amounts in minor units, times in
 * ISO 8601, and an `outcome` hydrant can reason about without knowing every partner state name.
 */
import type { SingleOrderQuery } from '../../hydration/operations.generated';
import { toMoney, type Money } from './money';
import { toIsoTime } from './time';

export type PartnerPayment = NonNullable<NonNullable<SingleOrderQuery['order']>['payments']>[number];

export type PaymentOutcome = 'succeeded' | 'failed' | 'pending';

export interface NormalizedPayment {
  /** The partner's state, verbatim (e.g. CONFIRMED). */
  readonly state: string | null;
  readonly outcome: PaymentOutcome;
  readonly method: string | null;
  readonly amount: Money | null;
  readonly createdAt: string | null;
  readonly confirmedAt: string | null;
  readonly updatedAt: string | null;
}

export interface NormalizedRefund extends NormalizedPayment {
  /** Stable per order: `refund-<createdAt epoch ms>` (the partner gives refunds no id). */
  readonly id: string;
}

const FAILED = /FAIL|DECLIN|CANCEL|REJECT|VOID|ERROR|EXPIRED/;
const SUCCEEDED = /^(CONFIRMED|CAPTURED|CHARGED|COMPLETED?|SUCCEEDED|SUCCESS|SETTLED|PAID|REFUNDED)$/;

/**
 * A failure-sounding state wins; then a success-sounding state or a `confirmedAt` time (the
 * partner confirms what went through); anything else is still pending.
 */
export function paymentOutcome(state: string | null, confirmedAt: number | null): PaymentOutcome {
  const normalized = (state ?? '').toUpperCase();
  if (FAILED.test(normalized)) return 'failed';
  if (SUCCEEDED.test(normalized) || confirmedAt !== null) return 'succeeded';
  return 'pending';
}

export function toPayment(payment: PartnerPayment, path: string): NormalizedPayment {
  return {
    state: payment.state,
    outcome: paymentOutcome(payment.state, payment.confirmedAt),
    method: payment.paymentMethodType,
    amount: toMoney(payment.amount, `${path}.amount`),
    createdAt: toIsoTime(payment.createdAt, `${path}.createdAt`),
    confirmedAt: toIsoTime(payment.confirmedAt, `${path}.confirmedAt`),
    updatedAt: toIsoTime(payment.updatedAt, `${path}.updatedAt`),
  };
}

export function toRefunds(refunds: readonly PartnerPayment[]): NormalizedRefund[] {
  const seen = new Map<string, number>();
  return refunds.map((refund, i) => {
    const base = refund.createdAt === null ? `refund-${i + 1}` : `refund-${Math.trunc(refund.createdAt)}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return {
      id: count === 1 ? base : `${base}-${count}`,
      ...toPayment(refund, `order.refundPayments[${i}]`),
    };
  });
}
