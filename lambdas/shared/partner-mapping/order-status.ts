/**
 * One status for a partner order, derived from what the partner reports (it has no status field):
 * refunds, then shipments, then payments, then `orderState`. Strongest first:
 *   1. succeeded refunds covering the total          → REFUNDED
 *   2. any succeeded refund                          → PARTIALLY_REFUNDED
 *   3. every shipment cancelled                      → CANCELLED
 *   4. every line delivered                          → DELIVERED
 *   5. any shipment on its way or delivered          → SHIPPED
 *   6. a succeeded payment                           → PAID
 *   7. payments, all failed                          → PAYMENT_FAILED
 *   8. `orderState.placedAt` set                     → PLACED
 *   9. otherwise                                     → PENDING
 */
import type { NormalizedPayment } from './payment';

export const ORDER_STATUSES = [
  'PENDING',
  'PLACED',
  'PAYMENT_FAILED',
  'PAID',
  'SHIPPED',
  'DELIVERED',
  'CANCELLED',
  'PARTIALLY_REFUNDED',
  'REFUNDED',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface StatusFacts {
  readonly placed: boolean;
  /** Shipment states per line item (empty list: the line has no shipment yet). */
  readonly shipmentStates: readonly (readonly (string | null)[])[];
  readonly payments: readonly NormalizedPayment[];
  /** Minor units; `undefined` when the total is unknown (partial data). */
  readonly refunded: number;
  readonly total?: number;
}

const CANCELLED = /CANCEL/;
const DELIVERED = /^DELIVERED$/;
const MOVING = /SHIPPED|IN_TRANSIT|OUT_FOR_DELIVERY|DELIVERED/;

export function deriveOrderStatus(facts: StatusFacts): OrderStatus {
  if (facts.refunded > 0) {
    return facts.total !== undefined && facts.refunded >= facts.total ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  }
  const states = facts.shipmentStates.flat().map((s) => (s ?? '').toUpperCase());
  if (states.length > 0 && states.every((s) => CANCELLED.test(s))) return 'CANCELLED';
  const lineDelivered = (line: readonly (string | null)[]) => {
    const live = line.map((s) => (s ?? '').toUpperCase()).filter((s) => !CANCELLED.test(s));
    return live.length > 0 && live.every((s) => DELIVERED.test(s));
  };
  if (facts.shipmentStates.length > 0 && facts.shipmentStates.every(lineDelivered)) return 'DELIVERED';
  if (states.some((s) => MOVING.test(s))) return 'SHIPPED';
  if (facts.payments.some((p) => p.outcome === 'succeeded')) return 'PAID';
  if (facts.payments.length > 0 && facts.payments.every((p) => p.outcome === 'failed'))
    return 'PAYMENT_FAILED';
  return facts.placed ? 'PLACED' : 'PENDING';
}
