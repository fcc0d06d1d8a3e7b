import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUCKET, fakeBucket, itemHydrated, orderHydrated, sampleOrder, type FakeBucket } from './factories';

/** The deployed entry points: environment in, real S3 adapter over a mocked client. */
describe('shop Lambda entry points', () => {
  let bucket: FakeBucket;

  beforeAll(() => {
    vi.stubEnv('BUCKET_NAME', BUCKET);
    vi.stubEnv('TAX_RATE_BASIS_POINTS', '0');
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  });
  beforeEach(() => {
    bucket = fakeBucket();
  });
  afterEach(() => bucket.s3.restore());

  it('orders, invoices, inventory and forecast each write under their own prefix', async () => {
    const placed = orderHydrated({ eventType: 'ORDER_PLACED', eventTime: '2026-11-20T14:02:11Z' });
    const order = sampleOrder();
    await (await import('../../../lambdas/orders/index')).handler(placed);
    await (await import('../../../lambdas/invoices/index')).handler(placed);
    await (await import('../../../lambdas/inventory/index')).handler(itemHydrated());
    await (
      await import('../../../lambdas/forecast/index')
    ).handler({
      orderId: 'ord-4Q8ZT2MX7K',
      orderDate: order.createdAt as string,
      lineItems: order.lineItems as { itemId: string; sku: string; quantity: number }[],
    });

    expect([...bucket.objects.keys()].sort()).toEqual([
      'forecast/2026-11-20/ord-4Q8ZT2MX7K.json',
      'inventory/item-7J3KQ2.json',
      'invoices/ord-4Q8ZT2MX7K.json',
      expect.stringMatching(/^orders\/ord-4Q8ZT2MX7K\/timeline\/2026-11-20T14:02:11.000Z_placed_/),
    ]);
  });
});
