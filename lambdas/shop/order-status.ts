/**
 * Derives an order's status from its timeline. Pure and order-independent: entries are
 * de-duplicated by event id and reasoned about by when they happened, never by when they arrived,
 * so a `Delivered` that lands before `DeliveryStarted`, or a payment before the order, gives the
 * same answer as the tidy sequence.
 *
 * Rules, strongest first:
 *   1. a full refund                 → `refunded`
 *   2. the latest fulfilment fact    → `delivered` | `shipped` | `delivery_failed` | `canceled`
 *      (shipped / delivered / delivery_failed / canceled compete by `occurredAt`; a delivery
 *      re-attempted after a failure or a cancellation wins because it is later)
 *   3. any successful payment        → `paid` (a failed attempt before or after does not undo it)
 *   4. a failed payment              → `payment_failed`
 *   5. anything at all               → `placed` (an order exists even if `placed` arrives last)
 *   6. no entries                    → `unknown`
 * A partial refund never changes the status; it is reported in `partiallyRefunded`.
 */
import type { TimelineFact, TimelineKind } from './timeline';

export type OrderStatus =
  | 'unknown'
  | 'placed'
  | 'payment_failed'
  | 'paid'
  | 'shipped'
  | 'delivery_failed'
  | 'delivered'
  | 'canceled'
  | 'refunded';

export interface OrderStatusResult {
  readonly status: OrderStatus;
  /** `occurredAt` of the entry that decided the status; absent for `unknown`. */
  readonly since?: string;
  /** Event id of the entry that decided the status; absent for `unknown`. */
  readonly decidedBy?: string;
  readonly partiallyRefunded: boolean;
  /** Distinct events considered (duplicates counted once). */
  readonly eventCount: number;
}

const FULFILMENT: ReadonlySet<TimelineKind> = new Set([
  'shipped',
  'delivery_failed',
  'delivered',
  'canceled',
]);

/** Ties on `occurredAt` between fulfilment facts: the one further along wins. */
const TIE_RANK: Readonly<Partial<Record<TimelineKind, number>>> = {
  shipped: 1,
  delivery_failed: 2,
  canceled: 3,
  delivered: 4,
};

export function deriveOrderStatus(timeline: readonly TimelineFact[]): OrderStatusResult {
  const entries = dedupe(timeline);
  const base = {
    partiallyRefunded: entries.some((e) => e.kind === 'partially_refunded'),
    eventCount: entries.length,
  };
  if (entries.length === 0) return { status: 'unknown', ...base };

  const decide = (status: OrderStatus, entry: TimelineFact): OrderStatusResult => ({
    status,
    since: entry.occurredAt,
    decidedBy: entry.eventId,
    ...base,
  });

  const refund = earliest(entries.filter((e) => e.kind === 'refunded'));
  if (refund) return decide('refunded', refund);

  const fulfilment = latest(entries.filter((e) => FULFILMENT.has(e.kind)));
  if (fulfilment) return decide(fulfilment.kind as OrderStatus, fulfilment);

  const paid = earliest(entries.filter((e) => e.kind === 'paid'));
  if (paid) return decide('paid', paid);

  const failed = latest(entries.filter((e) => e.kind === 'payment_failed'));
  if (failed) return decide('payment_failed', failed);

  const placed = earliest(entries.filter((e) => e.kind === 'placed')) ?? earliest(entries);
  return decide('placed', placed as TimelineFact);
}

function dedupe(timeline: readonly TimelineFact[]): TimelineFact[] {
  const byEvent = new Map<string, TimelineFact>();
  for (const entry of timeline) {
    const key = `${entry.eventId}\u0000${entry.kind}`;
    if (!byEvent.has(key)) byEvent.set(key, entry);
  }
  return [...byEvent.values()];
}

/** Chronological, with ties broken by fulfilment rank then event id, so the result is stable. */
function compare(a: TimelineFact, b: TimelineFact): number {
  const time = Date.parse(a.occurredAt) - Date.parse(b.occurredAt);
  if (time !== 0 && !Number.isNaN(time)) return time;
  const rank = (TIE_RANK[a.kind] ?? 0) - (TIE_RANK[b.kind] ?? 0);
  if (rank !== 0) return rank;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

function earliest(entries: readonly TimelineFact[]): TimelineFact | undefined {
  return [...entries].sort(compare)[0];
}

function latest(entries: readonly TimelineFact[]): TimelineFact | undefined {
  return [...entries].sort(compare).at(-1);
}
