import { describe, expect, it } from 'vitest';
import { InvalidShopEventError } from '../../../lambdas/shop/errors';
import { parseTimelineKey, timelineKey, type TimelineFact } from '../../../lambdas/shop/timeline';

describe('order timeline keys', () => {
  it('lays an entry out as orders/<orderId>/timeline/<occurredAt>_<kind>_<eventId>.json', () => {
    const fact: TimelineFact = {
      orderId: 'ord-1',
      kind: 'paid',
      occurredAt: '2026-11-01T12:00:00.000Z',
      eventId: 'evt_1Abc',
    };
    expect(timelineKey(fact)).toBe('orders/ord-1/timeline/2026-11-01T12:00:00.000Z_paid_evt_1Abc.json');
  });

  it.each<TimelineFact>([
    {
      orderId: 'ord-1',
      kind: 'payment_failed',
      occurredAt: '2026-11-01T12:00:00.000Z',
      eventId: 'evt_failed_1',
    },
    {
      orderId: 'a/b c',
      kind: 'partially_refunded',
      occurredAt: '2026-11-01T12:00:00.000Z',
      eventId: 'x/../y',
    },
    {
      orderId: 'ord_2',
      kind: 'delivery_failed',
      occurredAt: '2026-11-01T12:00:00.000Z',
      eventId: 'refunded_9',
    },
  ])('reads back the fact a key encodes ($kind, $eventId)', (fact) => {
    const key = timelineKey(fact);
    expect(key.split('/')).toHaveLength(4);
    expect(parseTimelineKey(key)).toEqual(fact);
  });

  it('rejects keys that are not timeline entries, saying what one looks like', () => {
    expect(() => parseTimelineKey('orders/ord-1/timeline/2026_bogus_evt.json')).toThrow(
      InvalidShopEventError,
    );
    expect(() => parseTimelineKey('invoices/ord-1.json')).toThrow(/<occurredAt>_<kind>_<eventId>/);
  });
});
