import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_WRITE_ATTEMPTS, updateInventory } from '../../../lambdas/inventory/update-inventory';
import { ConcurrentUpdateError, InvalidShopEventError } from '../../../lambdas/shop/errors';
import {
  fakeBucket,
  hydratedObject,
  itemHydrated,
  sampleItem,
  samplePartnerItemData,
  silentLogger,
  type FakeBucket,
} from '../shop/factories';

const KEY = 'inventory/item-7J3KQ2.json';

/** The normalized sample item with `quantityAvailable` units in stock. */
function itemWith(quantityAvailable: number) {
  const item = sampleItem();
  return { ...item, availability: { ...(item.availability as object), quantityAvailable } };
}

/** A buyability change at `eventTime` that found `quantityAvailable` units. */
const changeAt = (eventTime: string, quantityAvailable: number, eventId?: string) =>
  itemHydrated({ item: itemWith(quantityAvailable), eventTime, eventId });

describe('inventory service', () => {
  let bucket: FakeBucket;
  const update = (event: Parameters<typeof updateInventory>[0]) =>
    updateInventory(event, { store: bucket.store, logger: silentLogger });
  const putInputs = () => bucket.s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
  const stored = () => bucket.json(KEY) as { availability: { quantityAvailable: number }; version: unknown };

  beforeEach(() => {
    bucket = fakeBucket();
  });
  afterEach(() => bucket.s3.restore());

  it('creates the first state with If-None-Match: *', async () => {
    const result = await update(itemHydrated({ eventId: 'e1', eventTime: '2026-11-21T08:00:00Z' }));

    expect(result).toEqual({ outcome: 'written', key: KEY, attempts: 1 });
    expect(putInputs()[0]).toMatchObject({ IfNoneMatch: '*', IfMatch: undefined });
    expect(bucket.json(KEY)).toMatchObject({
      itemId: 'item-7J3KQ2',
      sku: 'HB-MUG-350',
      status: 'PUBLISHED',
      price: { amount: 1499, currencyCode: 'USD' },
      availability: { quantityAvailable: 42, unit: 'ONE' },
      buyability: 'BUYABLE',
      version: { eventTime: '2026-11-21T08:00:00.000Z', sourceEventId: 'e1' },
    });
  });

  it('replaces older state with newer state, conditional on the ETag it read', async () => {
    await update(changeAt('2026-11-21T08:00:00Z', 42));
    const etag = bucket.objects.get(KEY)?.etag;

    await update(changeAt('2026-11-21T09:00:00Z', 7));

    expect(putInputs()[1].IfMatch).toBe(etag);
    expect(stored().availability.quantityAvailable).toBe(7);
  });

  it('never lets an older event overwrite newer state', async () => {
    await update(changeAt('2026-11-21T09:00:00Z', 7));
    const result = await update(changeAt('2026-11-21T08:00:00Z', 42));

    expect(result).toEqual({ outcome: 'stale', key: KEY });
    expect(putInputs()).toHaveLength(1);
    expect(stored().availability.quantityAvailable).toBe(7);
  });

  it('ignores a redelivered event', async () => {
    const event = itemHydrated({ eventId: 'same' });
    await update(event);
    expect(await update(event)).toEqual({ outcome: 'duplicate', key: KEY });
    expect(putInputs()).toHaveLength(1);
  });

  it('orders same-instant events by event id, so concurrent writers converge', async () => {
    await update(changeAt('2026-11-21T09:00:00Z', 5, 'b'));
    const result = await update(changeAt('2026-11-21T09:00:00Z', 9, 'a'));
    expect(result.outcome).toBe('stale');
    expect(stored().availability.quantityAvailable).toBe(5);
  });

  it('on 412 re-reads and does not overwrite the newer state a concurrent writer stored', async () => {
    bucket.beforePut = (key) => {
      bucket.beforePut = undefined;
      const newer = {
        version: {
          eventTime: '2026-11-21T10:00:00.000Z',
          sourceEventId: 'x',
        },
        availability: { quantityAvailable: 1 },
      };
      bucket.objects.set(key, { body: JSON.stringify(newer), etag: '"concurrent"' });
    };

    const result = await update(changeAt('2026-11-21T09:00:00Z', 7));

    expect(result).toEqual({ outcome: 'stale', key: KEY });
    expect(putInputs()).toHaveLength(1);
    expect(stored().availability.quantityAvailable).toBe(1);
  });

  it('on 412 re-reads and writes over an older concurrent state with the new ETag', async () => {
    await update(changeAt('2026-11-21T07:00:00Z', 50));
    bucket.beforePut = (key) => {
      bucket.beforePut = undefined;
      const older = {
        version: {
          eventTime: '2026-11-21T08:00:00.000Z',
          sourceEventId: 'o',
        },
      };
      bucket.objects.set(key, { body: JSON.stringify(older), etag: '"concurrent"' });
    };

    const result = await update(changeAt('2026-11-21T09:00:00Z', 7));

    expect(result).toEqual({ outcome: 'written', key: KEY, attempts: 2 });
    expect(putInputs().at(-1)?.IfMatch).toBe('"concurrent"');
    expect(stored().availability.quantityAvailable).toBe(7);
  });

  it('gives up after a bounded number of lost races so EventBridge retries the event', async () => {
    let writer = 0;
    bucket.beforePut = (key) => {
      const older = {
        version: {
          eventTime: '2026-11-01T00:00:00.000Z',
          sourceEventId: 'o',
        },
      };
      bucket.objects.set(key, { body: JSON.stringify(older), etag: `"w${++writer}"` });
    };

    await expect(update(itemHydrated())).rejects.toThrow(ConcurrentUpdateError);
    expect(putInputs()).toHaveLength(MAX_WRITE_ATTEMPTS);
  });

  it('reads a truncated item from its hydrated object', async () => {
    const event = itemHydrated({ truncated: true, item: itemWith(3) });
    const { key } = (event.detail as { object: { key: string } }).object;
    const partner = samplePartnerItemData() as { inventoryItem: Record<string, unknown> };
    const stock = { ...partner.inventoryItem, buyableQuantity: { amount: 3, unit: 'ONE' } };
    bucket.objects.set(key, {
      body: hydratedObject('item', { ...partner, inventoryItem: stock }),
      etag: '"h"',
    });

    await update(event);

    expect(stored().availability.quantityAvailable).toBe(3);
  });

  it('records an item whose stock the partner could not resolve with availability null', async () => {
    await update(itemHydrated({ item: { ...sampleItem(), availability: null } }));
    expect(stored().availability).toBeNull();
  });

  it('rejects a price that is not in integer minor units, naming the field', async () => {
    const item = { ...sampleItem(), price: { amount: 14.99, currencyCode: 'USD' } };
    await expect(update(itemHydrated({ item }))).rejects.toThrow(InvalidShopEventError);
    await expect(update(itemHydrated({ item }))).rejects.toThrow(
      /item\.price\.amount must be a whole number/,
    );
  });
});
