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
  samplePartnerOrder,
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

  it('invoices a placed order in integer minor units, reconciled with the partner summary', async () => {
    await issue(orderHydrated({ eventType: 'ORDER_PLACED', eventId: 'evt-placed' }));

    // The partner's decimals (14.99, 25, 4.35; total 70.97) in cents, exactly.
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
          lineTotal: 2998,
        },
        {
          lineItemId: 'li-2',
          itemId: 'item-9Z4WX8',
          sku: 'HB-TEE-M-BLK',
          title: 'Hydrant T-shirt, black, M',
          quantity: 1,
          unitPrice: 2500,
          lineTotal: 2500,
        },
        {
          lineItemId: 'li-3',
          itemId: 'item-3S8TKR',
          sku: 'HB-STICKER-3',
          title: 'Hydrant sticker set',
          quantity: 3,
          unitPrice: 435,
          lineTotal: 1305,
        },
      ],
      subtotal: 6803,
      discount: 250,
      shipping: 0,
      tax: 544,
      total: 7097,
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

    // 6803 × 8.25 % = 561.2475 → 561
    expect(bucket.json('invoices/ord-4Q8ZT2MX7K.json')).toMatchObject({
      subtotal: 6803,
      discount: 0,
      shipping: 0,
      tax: 561,
      total: 7364,
      taxBasis: 'configured-rate',
      taxRateBasisPoints: 825,
      provisional: true,
    });
  });

  it('refuses an invoice that would disagree with summary.totalPrice or the subtotal rollup', async () => {
    const order = sampleOrder();
    const totals = order.totals as Record<string, unknown>;
    await expect(
      issue(
        orderHydrated({
          order: { ...order, totals: { ...totals, total: { amount: 7098, currencyCode: 'USD' } } },
        }),
      ),
    ).rejects.toThrow(/= 7097 USD, but the partner charged 7098 \(summary.totalPrice\)/);
    await expect(
      issue(
        orderHydrated({
          order: { ...order, totals: { ...totals, subtotal: { amount: 6800, currencyCode: 'USD' } } },
        }),
      ),
    ).rejects.toThrow(/the lines add up to 6803 USD, but the partner's subtotal is 6800/);
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
      /2 × 1499 = 2998, but the hydrated order says 2999/,
    );
  });

  it('issues a credit note per succeeded refund payment, keyed by refund id', async () => {
    const order = sampleOrder();
    const refunds = [
      ...(order.refunds as object[]),
      {
        id: 'refund-1795256000000',
        state: 'FAILED',
        outcome: 'failed',
        createdAt: '2026-11-21T10:13:20.000Z',
        amount: { amount: 1, currencyCode: 'USD' },
      },
    ];
    const result = await issue(
      orderHydrated({ eventType: 'REFUND_SUCCESS', order: { ...order, refunds }, eventId: 'evt-r' }),
    );

    const key = 'invoices/ord-4Q8ZT2MX7K/credit-refund-1795254117000.json';
    expect(result).toEqual({ written: [key] });
    expect(bucket.json(key)).toEqual({
      documentType: 'credit_note',
      creditNoteNumber: 'CN-ord-4Q8ZT2MX7K-refund-1795254117000',
      orderId: 'ord-4Q8ZT2MX7K',
      invoice: 'invoices/ord-4Q8ZT2MX7K.json',
      refundId: 'refund-1795254117000',
      issuedAt: '2026-11-21T09:41:57.000Z',
      currency: 'USD',
      amount: 1619,
      sourceEventId: 'evt-r',
      hydratedObject: expect.any(String),
    });
  });

  it('refuses refunds that add up to more than was charged', async () => {
    const order = sampleOrder();
    const [refund] = order.refunds as Record<string, unknown>[];
    const big = { ...refund, id: 'refund-2', amount: { amount: 7000, currencyCode: 'USD' } };
    await expect(
      issue(orderHydrated({ eventType: 'REFUND_SUCCESS', order: { ...order, refunds: [refund, big] } })),
    ).rejects.toThrow(/refunds add up to 8619, more than the 7097 charged/);
  });

  it('says to replay when a refund event arrives before the partner lists the refund', async () => {
    const order = { ...sampleOrder(), refunds: [] };
    await expect(issue(orderHydrated({ eventType: 'REFUND_SUCCESS', order }))).rejects.toThrow(
      InvalidShopEventError,
    );
    await expect(issue(orderHydrated({ eventType: 'REFUND_SUCCESS', order }))).rejects.toThrow(/replay/);
  });

  it('reads a truncated order from the hydrated object, mapping the stored partner response', async () => {
    const event = orderHydrated({ eventType: 'ORDER_PLACED', truncated: true });
    const { key } = (event.detail as { object: { key: string } }).object;
    bucket.objects.set(key, { body: hydratedObject('order', samplePartnerOrder()), etag: '"h"' });

    await issue(event);

    expect(bucket.json('invoices/ord-4Q8ZT2MX7K.json')).toMatchObject({ total: 7097, hydratedObject: key });
  });

  it('skips order updates and anything that is not a hydrated order', async () => {
    expect(await issue(orderHydrated({ eventType: 'ORDER_UPDATED' }))).toEqual({
      skipped: expect.any(String),
    });
    expect(await issue(deliveryEvent('Delivered'))).toEqual({ skipped: expect.any(String) });
    expect(bucket.objects.size).toBe(0);
  });
});
