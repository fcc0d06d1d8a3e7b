import { describe, expect, it } from 'vitest';
import type { SingleOrderQuery } from '../../../../lambdas/hydration/operations.generated';
import { ORDER_TEMPLATE } from '../../../../lambdas/mock-partner-graphql/order-fixture';
import { deriveOrderStatus, mapOrder, PartnerMappingError } from '../../../../lambdas/shared/partner-mapping';
import orderFound from '../../../../query_response/order_found.json';

type PartnerOrder = NonNullable<SingleOrderQuery['order']>;
const found = orderFound.data.order as PartnerOrder;
const order = (patch: Partial<Record<keyof PartnerOrder, unknown>>): PartnerOrder =>
  ({ ...structuredClone(found), ...patch }) as PartnerOrder;

describe('partner order → normalized order', () => {
  it('converts money to minor units, times to ISO 8601 and derives the status', () => {
    const mapped = mapOrder(found);

    expect(mapped).toMatchObject({
      id: 'ord-4Q8ZT2MX7K',
      status: 'PARTIALLY_REFUNDED',
      createdAt: '2026-11-20T14:02:11.000Z',
      placedAt: '2026-11-20T14:02:13.000Z',
      buyer: { id: 'cust-6TRV2H', email: 'ada@example.com' },
      delivery: { option: 'FREE Prime Two-Day', address: { locality: 'Seattle', countryCode: 'US' } },
      totals: {
        subtotal: { amount: 6803, currencyCode: 'USD' },
        discount: { amount: 250, currencyCode: 'USD' },
        shipping: { amount: 0, currencyCode: 'USD' },
        tax: { amount: 544, currencyCode: 'USD' },
        total: { amount: 7097, currencyCode: 'USD' },
        refunded: { amount: 1619, currencyCode: 'USD' },
      },
      payments: [{ outcome: 'succeeded', amount: { amount: 7097 }, confirmedAt: '2026-11-20T18:30:00.000Z' }],
      refunds: [{ id: 'refund-1795254117000', outcome: 'succeeded', amount: { amount: 1619 } }],
    });
    expect(
      mapped.lineItems.map((l) => [l.itemId, l.asin, l.quantity, l.unitPrice?.amount, l.lineTotal?.amount]),
    ).toEqual([
      ['item-7J3KQ2', 'B0HYDMUG01', 2, 1499, 2998],
      ['item-9Z4WX8', 'B0HYDTEE02', 1, 2500, 2500],
      ['item-3S8TKR', 'B0HYDSTK03', 3, 435, 1305],
    ]);
    expect(mapped.shipments.map((s) => [s.lineItemId, s.state, s.trackingNumber])).toEqual([
      ['li-1', 'DELIVERED', 'TBA318220571000'],
      ['li-2', 'DELIVERED', 'TBA318220571000'],
      ['li-3', 'SHIPPED', 'TBA318220571001'],
    ]);
  });

  it('reconciles: subtotal − discount + shipping + tax is the partner total', () => {
    const { totals } = mapOrder(found);
    expect(
      totals!.subtotal.amount - totals!.discount.amount + totals!.shipping.amount + totals!.tax.amount,
    ).toBe(totals!.total.amount);
  });

  it('keeps every optional block the partner left out as null or empty, never invented', () => {
    const mapped = mapOrder({
      id: 'ord-BARE',
      orderState: null,
      customer: null,
      deliveryOptions: null,
      lineItems: null,
      payments: null,
      refundPayments: null,
      summary: null,
    });
    expect(mapped).toEqual({
      id: 'ord-BARE',
      status: 'PENDING',
      createdAt: null,
      placedAt: null,
      buyer: null,
      delivery: null,
      lineItems: [],
      shipments: [],
      payments: [],
      refunds: [],
      totals: null,
    });
  });

  it('reads a line with a null product, price or tax as nulls, and a missing quantity as one', () => {
    const [line] = mapOrder(
      order({
        lineItems: [
          { id: 'li-x', createdAt: null, quantity: null, product: null, shipments: null, salesTax: null },
        ],
      }),
    ).lineItems;
    expect(line).toEqual({
      id: 'li-x',
      itemId: null,
      asin: null,
      sku: null,
      title: null,
      quantity: 1,
      unitPrice: null,
      lineTotal: null,
      tax: null,
      createdAt: null,
    });
  });

  it('derives subtotal, shipping and tax from lines and delivery options when rollups are absent', () => {
    const mapped = mapOrder(
      order({ summary: { totalPrice: { amount: 73.47, currencyCode: 'USD' }, rollupCharges: null } }),
    );
    expect(mapped.totals).toMatchObject({
      subtotal: { amount: 6803 },
      shipping: { amount: 0 },
      tax: { amount: 544 },
      discount: { amount: 0 },
      total: { amount: 7347 },
    });
  });

  it('leaves totals null when the partner could not resolve summary.totalPrice', () => {
    expect(mapOrder(order({ summary: { totalPrice: null, rollupCharges: [] } })).totals).toBeNull();
  });

  it('rejects a rollup charge in another currency than the total', () => {
    const summary = {
      totalPrice: { amount: 10, currencyCode: 'USD' },
      rollupCharges: [{ rollupChargeType: 'TAX', value: { amount: 1, currencyCode: 'EUR' } }],
    };
    expect(() => mapOrder(order({ summary }))).toThrow(PartnerMappingError);
    expect(() => mapOrder(order({ summary }))).toThrow(/rollupCharges\[0\]\.value: is in EUR/);
  });

  it('converts a JPY order with exponent 0 and a KWD order with exponent 3', () => {
    const line = (price: number, currencyCode: string) => [
      {
        ...found.lineItems![0],
        product: { ...found.lineItems![0].product!, price, currencyCode },
        salesTax: null,
      },
    ];
    const jpy = mapOrder(
      order({
        lineItems: line(1499, 'JPY'),
        deliveryOptions: null,
        refundPayments: null,
        summary: { totalPrice: { amount: 2998, currencyCode: 'JPY' }, rollupCharges: [] },
      }),
    );
    expect(jpy.lineItems[0].unitPrice).toEqual({ amount: 1499, currencyCode: 'JPY' });
    const kwd = mapOrder(
      order({
        lineItems: line(1.235, 'KWD'),
        deliveryOptions: null,
        refundPayments: null,
        summary: { totalPrice: { amount: 2.47, currencyCode: 'KWD' }, rollupCharges: [] },
      }),
    );
    expect(kwd.lineItems[0].lineTotal).toEqual({ amount: 2470, currencyCode: 'KWD' });
    expect(kwd.totals?.total).toEqual({ amount: 2470, currencyCode: 'KWD' });
  });

  it('gives refunds stable ids from their creation time', () => {
    const refund = found.refundPayments![0];
    const mapped = mapOrder(order({ refundPayments: [refund, refund, { ...refund, createdAt: null }] }));
    expect(mapped.refunds.map((r) => r.id)).toEqual([
      'refund-1795254117000',
      'refund-1795254117000-2',
      'refund-3',
    ]);
  });

  it('is what the mock partner serves (its template is the sample)', () => {
    expect(mapOrder(ORDER_TEMPLATE as unknown as PartnerOrder).totals?.total.amount).toBe(7097);
  });
});

describe('order status from refunds, shipments, payments and orderState', () => {
  const paid = { state: 'CONFIRMED', outcome: 'succeeded' as const } as never;
  const failed = { state: 'DECLINED', outcome: 'failed' as const } as never;
  it.each([
    ['REFUNDED', { refunded: 100, total: 100 }],
    ['PARTIALLY_REFUNDED', { refunded: 40, total: 100 }],
    ['PARTIALLY_REFUNDED', { refunded: 40 }],
    ['CANCELLED', { shipmentStates: [['CANCELLED'], ['CANCELLED']] }],
    ['DELIVERED', { shipmentStates: [['DELIVERED'], ['DELIVERED', 'CANCELLED']] }],
    ['SHIPPED', { shipmentStates: [['DELIVERED'], ['FULFILLMENT_IN_PROGRESS']] }],
    ['SHIPPED', { shipmentStates: [['SHIPPED'], []] }],
    ['PAID', { shipmentStates: [['FULFILLMENT_IN_PROGRESS']], payments: [failed, paid] }],
    ['PAYMENT_FAILED', { payments: [failed] }],
    ['PLACED', { placed: true }],
    ['PENDING', {}],
  ])('%s from %j', (status, facts) => {
    expect(
      deriveOrderStatus({
        placed: false,
        shipmentStates: [],
        payments: [],
        refunded: 0,
        ...(facts as object),
      }),
    ).toBe(status);
  });
});
