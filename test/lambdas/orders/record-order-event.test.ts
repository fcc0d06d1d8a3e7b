import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordOrderEvent } from '../../../lambdas/orders/record-order-event';
import { InvalidShopEventError } from '../../../lambdas/shop/errors';
import { deriveOrderStatus } from '../../../lambdas/shop/order-status';
import { parseTimelineKey } from '../../../lambdas/shop/timeline';
import {
  deliveryEvent,
  fakeBucket,
  hydratedObject,
  orderHydrated,
  sampleOrder,
  samplePartnerOrder,
  silentLogger,
  stripeEvent,
  type FakeBucket,
} from '../shop/factories';

const NOW = () => new Date('2026-11-22T00:00:00.000Z');

describe('orders service', () => {
  let bucket: FakeBucket;
  const record = (event: Parameters<typeof recordOrderEvent>[0]) =>
    recordOrderEvent(event, { store: bucket.store, logger: silentLogger, now: NOW });
  const timelineKeys = () => [...bucket.objects.keys()].filter((k) => k.startsWith('orders/')).sort();

  beforeEach(() => {
    bucket = fakeBucket();
  });
  afterEach(() => bucket.s3.restore());

  it('records a placed order under orders/<orderId>/timeline/<occurredAt>_<kind>_<eventId>.json', async () => {
    const result = await record(
      orderHydrated({ eventType: 'ORDER_PLACED', eventId: 'p-1', eventTime: '2026-11-20T14:02:11Z' }),
    );

    const key = 'orders/ord-4Q8ZT2MX7K/timeline/2026-11-20T14:02:11.000Z_placed_p-1.json';
    expect(result).toEqual({ outcome: 'recorded', key });
    expect(bucket.json(key)).toMatchObject({
      orderId: 'ord-4Q8ZT2MX7K',
      kind: 'placed',
      eventId: 'p-1',
      source: 'shop.hydration',
      recordedAt: '2026-11-22T00:00:00.000Z',
    });
  });

  it('writes nothing about the buyer or the recipient', async () => {
    await record(orderHydrated({ eventType: 'ORDER_UPDATED' }));
    const body = [...bucket.objects.values()].map((o) => o.body).join();
    expect(body).not.toMatch(/Ada|Lovelace|example\.com|Terry|555/);
  });

  it('keeps the first copy of a redelivered event and reports the duplicate', async () => {
    const event = orderHydrated({ eventId: 'dup-1' });
    const first = await record(event);
    const again = await record({ ...event, id: 'another-bus-id' });

    expect(again).toEqual({ outcome: 'duplicate', key: (first as { key: string }).key });
    expect(timelineKeys()).toHaveLength(1);
    expect(bucket.s3.commandCalls(PutObjectCommand)[1].args[0].input.IfNoneMatch).toBe('*');
  });

  it('correlates Stripe payments by data.object.metadata.orderId, using the event creation time', async () => {
    await record(
      stripeEvent(
        'payment_intent.succeeded',
        { id: 'pi_1', amount: 5668, currency: 'usd', metadata: { orderId: 'ord-4Q8ZT2MX7K' } },
        { id: 'evt_paid', created: 1_795_458_600 },
      ),
    );
    const key = 'orders/ord-4Q8ZT2MX7K/timeline/2026-11-23T18:30:00.000Z_paid_evt_paid.json';
    expect(bucket.json(key)).toMatchObject({
      kind: 'paid',
      source: 'stripe',
      details: { stripeObject: 'pi_1', amount: 5668, currency: 'USD' },
    });
  });

  it('logs and skips a Stripe event that names no order', async () => {
    const warnings: unknown[] = [];
    const result = await recordOrderEvent(
      stripeEvent('payment_intent.payment_failed', { id: 'pi_2', metadata: {} }, { id: 'evt_orphan' }),
      { store: bucket.store, logger: { ...silentLogger, warn: (...args) => warnings.push(args) }, now: NOW },
    );
    expect(result).toEqual({
      outcome: 'skipped',
      reason: expect.stringMatching(/evt_orphan.*metadata\.orderId/),
    });
    expect(warnings).toHaveLength(1);
    expect(bucket.objects.size).toBe(0);
  });

  it.each([
    [true, 'refunded'],
    [false, 'partially_refunded'],
  ])('records a Stripe charge.refunded with refunded=%s as %s', async (refunded, kind) => {
    await record(
      stripeEvent('charge.refunded', {
        id: 'ch_1',
        amount: 5668,
        amount_refunded: refunded ? 5668 : 1619,
        refunded,
        currency: 'usd',
        metadata: { orderId: 'ord-9' },
      }),
    );
    expect(parseTimelineKey(timelineKeys()[0]).kind).toBe(kind);
  });

  it.each([
    ['DeliveryStarted', 'shipped'],
    ['Delivered', 'delivered'],
    ['DeliveryCanceled', 'canceled'],
    ['DeliveryFailed', 'delivery_failed'],
  ] as const)('records delivery %s as %s at the provider time', async (detailType, kind) => {
    await record(deliveryEvent(detailType, { eventId: 'dlv-x', occurredAt: '2026-11-21T16:05:00Z' }));
    expect(timelineKeys()).toEqual([
      `orders/ord-4Q8ZT2MX7K/timeline/2026-11-21T16:05:00.000Z_${kind}_dlv-x.json`,
    ]);
  });

  it('reads a truncated order from its hydrated S3 object, deriving the status from the partner answer', async () => {
    // The partner order with every shipment cancelled and nothing refunded: CANCELLED once mapped.
    const partner = samplePartnerOrder();
    const lineItems = (partner.lineItems as Record<string, unknown>[]).map((line) => ({
      ...line,
      shipments: [
        { id: 's', state: 'CANCELLED', fulfiller: 'AMAZON', estimatedDeliveryAt: null, trackingDetail: null },
      ],
    }));
    const cancelled = { ...partner, lineItems, refundPayments: [] };
    const event = orderHydrated({ eventType: 'ORDER_UPDATED', order: sampleOrder(), truncated: true });
    const { key } = (event.detail as { object: { key: string } }).object;
    bucket.objects.set(key, { body: hydratedObject('order', cancelled), etag: '"e1"' });

    await record(event);

    expect(parseTimelineKey(timelineKeys()[0]).kind).toBe('canceled');
  });

  it('tells a full partner refund from a partial one by the order totals', async () => {
    const partial = sampleOrder();
    const full = {
      ...partial,
      totals: { ...(partial.totals as object), refunded: { amount: 7097, currencyCode: 'USD' } },
    };
    await record(orderHydrated({ eventType: 'REFUND_SUCCESS', order: partial, eventId: 'r-1' }));
    await record(orderHydrated({ eventType: 'REFUND_SUCCESS', order: full, eventId: 'r-2' }));
    expect(timelineKeys().map((k) => parseTimelineKey(k).kind)).toEqual(['partially_refunded', 'refunded']);
  });

  it('rejects a malformed verified event with a reason, so it reaches the DLQ', async () => {
    await expect(record(deliveryEvent('Delivered', { orderId: undefined }))).rejects.toThrow(
      InvalidShopEventError,
    );
    await expect(record(deliveryEvent('Delivered', { occurredAt: 'yesterday' }))).rejects.toThrow(
      /occurredAt/,
    );
  });

  it('ends with the right status whatever order the events arrive in', async () => {
    const events = [
      deliveryEvent('Delivered', { occurredAt: '2026-11-21T16:05:00Z' }),
      deliveryEvent('DeliveryStarted', { occurredAt: '2026-11-20T18:30:00Z' }),
      stripeEvent('payment_intent.succeeded', { id: 'pi_1', metadata: { orderId: 'ord-4Q8ZT2MX7K' } }),
      orderHydrated({ eventType: 'ORDER_PLACED', eventTime: '2026-11-20T14:02:11Z' }),
    ];
    for (const event of events) await record(event);
    await record(events[0]);

    expect(deriveOrderStatus(timelineKeys().map(parseTimelineKey)).status).toBe('delivered');
  });
});
