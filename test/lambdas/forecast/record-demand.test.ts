import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InlineForecastInput } from '../../../lambdas/forecast/forecast-input';
import { recordDemand } from '../../../lambdas/forecast/record-demand';
import { InvalidShopEventError } from '../../../lambdas/shop/errors';
import {
  fakeBucket,
  hydratedObject,
  sampleOrder,
  samplePartnerOrder,
  silentLogger,
  type FakeBucket,
} from '../shop/factories';

/** What the inline rule's InputTransformer makes of the sample order. */
function transformed(): InlineForecastInput {
  const order = sampleOrder();
  return {
    orderId: order.id as string,
    orderDate: order.createdAt as string,
    lineItems: order.lineItems as InlineForecastInput['lineItems'],
  };
}

describe('forecast service', () => {
  let bucket: FakeBucket;
  const record = (input: Parameters<typeof recordDemand>[0]) =>
    recordDemand(input, { store: bucket.store, logger: silentLogger });

  beforeEach(() => {
    bucket = fakeBucket();
  });
  afterEach(() => bucket.s3.restore());

  it('writes units per item under forecast/<order date>/<orderId>.json', async () => {
    const result = await record(transformed());

    expect(result).toEqual({ key: 'forecast/2026-11-20/ord-4Q8ZT2MX7K.json' });
    expect(bucket.json(result.key)).toEqual({
      orderId: 'ord-4Q8ZT2MX7K',
      orderDate: '2026-11-20T14:02:11.000Z',
      lines: [
        { itemId: 'item-7J3KQ2', sku: 'HB-MUG-350', quantity: 2 },
        { itemId: 'item-9Z4WX8', sku: 'HB-TEE-M-BLK', quantity: 1 },
        { itemId: 'item-3S8TKR', sku: 'HB-STICKER-3', quantity: 3 },
      ],
      units: 6,
    });
  });

  it('overwrites the same record when the event is repeated', async () => {
    await record(transformed());
    await record(transformed());
    expect([...bucket.objects.keys()]).toEqual(['forecast/2026-11-20/ord-4Q8ZT2MX7K.json']);
  });

  it('reads only the forecast fields of a truncated order from its hydrated object', async () => {
    const key = 'hydrated/orders/ord-4Q8ZT2MX7K/2026-11-20T14:02:11Z_ORDER_PLACED_e1.json';
    bucket.objects.set(key, { body: hydratedObject('order', samplePartnerOrder()), etag: '"h"' });

    const result = await record({ orderId: 'ord-4Q8ZT2MX7K', truncated: true, hydratedObject: key });

    const written = bucket.objects.get(result.key)?.body ?? '';
    expect(JSON.parse(written).units).toBe(6);
    expect(written).not.toMatch(/buyer|recipient|address|email|phone|Lovelace/i);
  });

  it('refuses a pointer outside hydrated/', async () => {
    await expect(
      record({ orderId: 'o', truncated: true, hydratedObject: 'invoices/o.json' }),
    ).rejects.toThrow(/outside hydrated\//);
  });

  it('rejects an order without line items', async () => {
    await expect(record({ ...transformed(), lineItems: [] })).rejects.toThrow(/no line items/);
    expect(bucket.objects.size).toBe(0);
  });

  it('rejects a line without a quantity, naming it', async () => {
    const input = transformed();
    const lineItems = [
      { ...input.lineItems[0], quantity: undefined },
    ] as unknown as InlineForecastInput['lineItems'];
    await expect(record({ ...input, lineItems })).rejects.toThrow(InvalidShopEventError);
    await expect(record({ ...input, lineItems })).rejects.toThrow(/lineItems\[0\]\.quantity/);
  });
});
