import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueDocuments } from '../../../lambdas/invoices/issue-documents';
import { MoneyError, InvalidShopEventError } from '../../../lambdas/shop/errors';
import {
  deliveryEvent,
  fakeBucket,
  hydratedObject,
  orderHydrated,
  sampleOrder,
  silentLogger,
  type FakeBucket,
} from '../shop/factories';

describe('invoices service', () => {
  let bucket: FakeBucket;
  const issue = (event: Parameters<typeof issueDocuments>[0], taxRateBasisPoints = 0) =>
    issueDocuments(event, { store: bucket.store, logger: silentLogger, taxRateBasisPoints });

  beforeEach(() => {
    bucket = fakeBucket();
  });
  afterEach(() => bucket.s3.restore());

  it('invoices a placed order in integer minor units, with the partner tax and total', async () => {
    await issue(orderHydrated({ eventType: 'ORDER_PLACED', eventId: 'evt-placed' }));

    expect(bucket.json('invoices/ord-4Q8ZT2MX7K.json')).toEqual({
      documentType: 'invoice',
      invoiceNumber: 'INV-ord-4Q8ZT2MX7K',
      orderId: 'ord-4Q8ZT2MX7K',
      issuedAt: '2026-11-20T14:02:11.000Z',
      currency: 'USD',
      lines: [
        {
          lineItemId: 'li-1',
          itemId: 'item-7J3KQ2',
          sku: 'HB-MUG-350',
          title: 'Hydrant enamel mug, 350 ml',
          quantity: 2,
          unitPrice: 1499,
          discount: 0,
          lineTotal: 2998,
        },
        {
          lineItemId: 'li-2',
          itemId: 'item-9Z4WX8',
          sku: 'HB-TEE-M-BLK',
          title: 'Hydrant T-shirt, black, M',
          quantity: 1,
          unitPrice: 2500,
          discount: 250,
          lineTotal: 2250,
        },
      ],
      subtotal: 5248,
      shipping: 0,
      tax: 420,
      total: 5668,
      taxBasis: 'partner-totals',
      provisional: false,
      sourceEventId: 'evt-placed',
      hydratedObject: expect.stringMatching(/^hydrated\/orders\/ord-4Q8ZT2MX7K\//),
    });
  });

  it('rewrites identical bytes when the event is repeated', async () => {
    const event = orderHydrated({ eventType: 'ORDER_PLACED' });
    await issue(event);
    const first = bucket.objects.get('invoices/ord-4Q8ZT2MX7K.json')?.body;
    await issue(event);

    expect(bucket.s3.commandCalls(PutObjectCommand)).toHaveLength(2);
    expect(bucket.objects.get('invoices/ord-4Q8ZT2MX7K.json')?.body).toBe(first);
    expect(bucket.objects.size).toBe(1);
  });

  it('applies the configured rate, rounded half up, when the partner totals are unresolved', async () => {
    const order = { ...sampleOrder(), totals: null };
    await issue(orderHydrated({ eventType: 'ORDER_PLACED', order, complete: false }), 825);

    // 5248 × 8.25 % = 432.96 → 433
    expect(bucket.json('invoices/ord-4Q8ZT2MX7K.json')).toMatchObject({
      subtotal: 5248,
      shipping: 0,
      tax: 433,
      total: 5681,
      taxBasis: 'configured-rate',
      taxRateBasisPoints: 825,
      provisional: true,
    });
  });

  it('refuses an invoice that would disagree with what the partner charged', async () => {
    const order = sampleOrder();
    const totals = { ...(order.totals as object), total: { amount: 5669, currencyCode: 'USD' } };
    await expect(issue(orderHydrated({ order: { ...order, totals } }))).rejects.toThrow(
      /= 5668 USD, but the partner charged 5669/,
    );
    expect(bucket.objects.size).toBe(0);
  });

  it('refuses mixed currencies and inconsistent line totals', async () => {
    const order = sampleOrder();
    const lines = order.lineItems as Record<string, unknown>[];
    const euroLine = { ...lines[1], unitPrice: { amount: 2500, currencyCode: 'EUR' } };
    await expect(
      issue(orderHydrated({ order: { ...order, lineItems: [lines[0], euroLine] } })),
    ).rejects.toThrow(MoneyError);
    const wrongTotal = { ...lines[0], lineTotal: { amount: 2999, currencyCode: 'USD' } };
    await expect(issue(orderHydrated({ order: { ...order, lineItems: [wrongTotal] } }))).rejects.toThrow(
      /2 × 1499 − 0 = 2998, but the partner says 2999/,
    );
  });

  it('issues a credit note per succeeded refund, keyed by refund id', async () => {
    const order = sampleOrder();
    const refunds = [
      ...(order.refunds as object[]),
      {
        id: 'ref-2',
        status: 'FAILED',
        reason: 'X',
        createdAt: '2026-11-21T10:00:00Z',
        amount: { amount: 1, currencyCode: 'USD' },
        lineItems: [],
      },
    ];
    const result = await issue(
      orderHydrated({ eventType: 'REFUND_SUCCESS', order: { ...order, refunds }, eventId: 'evt-r' }),
    );

    expect(result).toEqual({ written: ['invoices/ord-4Q8ZT2MX7K/credit-ref-1.json'] });
    expect(bucket.json('invoices/ord-4Q8ZT2MX7K/credit-ref-1.json')).toEqual({
      documentType: 'credit_note',
      creditNoteNumber: 'CN-ref-1',
      orderId: 'ord-4Q8ZT2MX7K',
      invoice: 'invoices/ord-4Q8ZT2MX7K.json',
      refundId: 'ref-1',
      reason: 'DAMAGED_IN_TRANSIT',
      issuedAt: '2026-11-21T09:41:57.000Z',
      currency: 'USD',
      lines: [{ lineItemId: 'li-1', sku: 'HB-MUG-350', quantity: 1, amount: 1619 }],
      amount: 1619,
      sourceEventId: 'evt-r',
      hydratedObject: expect.any(String),
    });
  });

  it('says to replay when a refund event arrives before the partner lists the refund', async () => {
    const order = { ...sampleOrder(), refunds: [] };
    await expect(issue(orderHydrated({ eventType: 'REFUND_SUCCESS', order }))).rejects.toThrow(
      InvalidShopEventError,
    );
    await expect(issue(orderHydrated({ eventType: 'REFUND_SUCCESS', order }))).rejects.toThrow(/replay/);
  });

  it('reads a truncated order from the hydrated object', async () => {
    const event = orderHydrated({ eventType: 'ORDER_PLACED', truncated: true });
    const { key } = (event.detail as { object: { key: string } }).object;
    bucket.objects.set(key, { body: hydratedObject('order', sampleOrder()), etag: '"h"' });

    await issue(event);

    expect(bucket.json('invoices/ord-4Q8ZT2MX7K.json')).toMatchObject({ total: 5668, hydratedObject: key });
  });

  it('skips order updates and anything that is not a hydrated order', async () => {
    expect(await issue(orderHydrated({ eventType: 'ORDER_UPDATED' }))).toEqual({
      skipped: expect.any(String),
    });
    expect(await issue(deliveryEvent('Delivered'))).toEqual({ skipped: expect.any(String) });
    expect(bucket.objects.size).toBe(0);
  });
});
