import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveOrderStatus, type OrderStatus } from '../../../lambdas/shop/order-status';
import { TIMELINE_KINDS, type TimelineFact, type TimelineKind } from '../../../lambdas/shop/timeline';

let seq = 0;
/** `fact('paid', 3)`: a `paid` fact three minutes after a fixed start. */
function fact(kind: TimelineKind, minute: number, eventId = `evt-${++seq}`): TimelineFact {
  const occurredAt = new Date(Date.UTC(2026, 10, 1, 12, minute)).toISOString();
  return { orderId: 'order-1', kind, occurredAt, eventId };
}

describe('deriveOrderStatus', () => {
  const cases: [string, TimelineFact[], OrderStatus][] = [
    ['no entries', [], 'unknown'],
    ['just placed', [fact('placed', 0)], 'placed'],
    ['placed and updated', [fact('placed', 0), fact('updated', 1)], 'placed'],
    ['paid', [fact('placed', 0), fact('paid', 1)], 'paid'],
    ['payment failed', [fact('placed', 0), fact('payment_failed', 1)], 'payment_failed'],
    [
      'payment failed, then retried successfully',
      [fact('placed', 0), fact('payment_failed', 1), fact('paid', 2)],
      'paid',
    ],
    [
      'a stray failed attempt after payment',
      [fact('placed', 0), fact('paid', 1), fact('payment_failed', 2)],
      'paid',
    ],
    ['shipped', [fact('placed', 0), fact('paid', 1), fact('shipped', 2)], 'shipped'],
    [
      'delivered',
      [fact('placed', 0), fact('paid', 1), fact('shipped', 2), fact('delivered', 3)],
      'delivered',
    ],
    [
      'delivered arriving before shipped',
      [fact('delivered', 3), fact('shipped', 2), fact('paid', 1)],
      'delivered',
    ],
    ['payment arriving before the order', [fact('paid', 1)], 'paid'],
    ['only an update seen so far', [fact('updated', 4)], 'placed'],
    ['delivery failed', [fact('paid', 1), fact('shipped', 2), fact('delivery_failed', 3)], 'delivery_failed'],
    [
      're-shipped after a failed delivery',
      [fact('shipped', 2), fact('delivery_failed', 3), fact('shipped', 4)],
      'shipped',
    ],
    ['delivery canceled', [fact('paid', 1), fact('shipped', 2), fact('canceled', 3)], 'canceled'],
    ['delivered after an earlier cancellation', [fact('canceled', 2), fact('delivered', 5)], 'delivered'],
    ['canceled before payment', [fact('placed', 0), fact('canceled', 1)], 'canceled'],
    [
      'fully refunded after delivery',
      [fact('paid', 1), fact('delivered', 3), fact('refunded', 9)],
      'refunded',
    ],
    [
      'refund arriving before everything else',
      [fact('refunded', 9), fact('delivered', 3), fact('paid', 1)],
      'refunded',
    ],
    [
      'partially refunded keeps its status',
      [fact('paid', 1), fact('delivered', 3), fact('partially_refunded', 9)],
      'delivered',
    ],
  ];

  it.each(cases)('%s', (_name, timeline, expected) => {
    expect(deriveOrderStatus(timeline).status).toBe(expected);
  });

  it('says which event decided the status and when', () => {
    const delivered = fact('delivered', 3, 'evt_delivered');
    const result = deriveOrderStatus([fact('placed', 0), delivered, fact('partially_refunded', 5)]);
    expect(result).toEqual({
      status: 'delivered',
      since: delivered.occurredAt,
      decidedBy: 'evt_delivered',
      partiallyRefunded: true,
      eventCount: 3,
    });
  });

  it('counts a duplicated event once', () => {
    const paid = fact('paid', 1);
    expect(deriveOrderStatus([fact('placed', 0), paid, { ...paid }]).eventCount).toBe(2);
  });

  it('breaks a same-instant tie between fulfilment facts towards the further one', () => {
    expect(deriveOrderStatus([fact('delivered', 3), fact('shipped', 3)]).status).toBe('delivered');
  });

  it('gives the same answer for any arrival order, with any duplicates', () => {
    const arbitraryFact = fc
      .record({
        kind: fc.constantFrom(...TIMELINE_KINDS),
        minute: fc.integer({ min: 0, max: 59 }),
        id: fc.nat(30),
      })
      .map(({ kind, minute, id }) => fact(kind, minute, `evt-${id}-${kind}-${minute}`));
    fc.assert(
      fc.property(
        fc.array(arbitraryFact, { maxLength: 12 }),
        fc.infiniteStream(fc.nat()),
        (timeline, randoms) => {
          const shuffled = [...timeline, ...timeline.slice(0, 3)]
            .map((entry) => ({ entry, order: randoms.next().value as number }))
            .sort((a, b) => a.order - b.order)
            .map(({ entry }) => entry);
          expect(deriveOrderStatus(shuffled)).toEqual(deriveOrderStatus(timeline));
        },
      ),
    );
  });
});
