import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_WRITE_ATTEMPTS, updateInventory } from '../../../lambdas/inventory/update-inventory';
import { ConcurrentUpdateError, InvalidShopEventError } from '../../../lambdas/shop/errors';
import {
  fakeBucket,
  hydratedObject,
  itemHydrated,
  sampleItem,
  silentLogger,
  type FakeBucket,
} from '../shop/factories';

const KEY = 'inventory/item-7J3KQ2.json';

/** The sample item as the partner reported it at `updatedAt`, with `quantityAvailable` units. */
function itemAt(updatedAt: string, quantityAvailable: number) {
  const item = sampleItem();
  return { ...item, updatedAt, availability: { ...(item.availability as object), quantityAvailable } };
}

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
      price: { amount: 1499, currencyCode: 'USD' },
      availability: { status: 'IN_STOCK', quantityAvailable: 42, quantityReserved: 3 },
      buyability: { status: 'BUYABLE', reasons: [] },
      version: {
        updatedAt: '2026-11-21T08:00:00.000Z',
        eventTime: '2026-11-21T08:00:00.000Z',
        sourceEventId: 'e1',
      },
    });
  });

  it('replaces older state with newer state, conditional on the ETag it read', async () => {
    await update(itemHydrated({ item: itemAt('2026-11-21T08:00:00Z', 42) }));
    const etag = bucket.objects.get(KEY)?.etag;

    await update(itemHydrated({ item: itemAt('2026-11-21T09:00:00Z', 7) }));

    expect(putInputs()[1].IfMatch).toBe(etag);
    expect(stored().availability.quantityAvailable).toBe(7);
  });

  it('never lets an older event overwrite newer state', async () => {
    await update(itemHydrated({ item: itemAt('2026-11-21T09:00:00Z', 7) }));
    const result = await update(itemHydrated({ item: itemAt('2026-11-21T08:00:00Z', 42) }));

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

  it('orders same-instant partner states by event time', async () => {
    const item = itemAt('2026-11-21T09:00:00Z', 5);
    await update(itemHydrated({ item: { ...item }, eventTime: '2026-11-21T09:00:02Z', eventId: 'b' }));
    const result = await update(
      itemHydrated({
        item: itemAt('2026-11-21T09:00:00Z', 9),
        eventTime: '2026-11-21T09:00:01Z',
        eventId: 'a',
      }),
    );
    expect(result.outcome).toBe('stale');
    expect(stored().availability.quantityAvailable).toBe(5);
  });

  it('on 412 re-reads and does not overwrite the newer state a concurrent writer stored', async () => {
    bucket.beforePut = (key) => {
      bucket.beforePut = undefined;
      const newer = {
        version: {
          updatedAt: '2026-11-21T10:00:00.000Z',
          eventTime: '2026-11-21T10:00:00.000Z',
          sourceEventId: 'x',
        },
        availability: { quantityAvailable: 1 },
      };
      bucket.objects.set(key, { body: JSON.stringify(newer), etag: '"concurrent"' });
    };

    const result = await update(itemHydrated({ item: itemAt('2026-11-21T09:00:00Z', 7) }));

    expect(result).toEqual({ outcome: 'stale', key: KEY });
    expect(putInputs()).toHaveLength(1);
    expect(stored().availability.quantityAvailable).toBe(1);
  });

  it('on 412 re-reads and writes over an older concurrent state with the new ETag', async () => {
    await update(itemHydrated({ item: itemAt('2026-11-21T07:00:00Z', 50) }));
    bucket.beforePut = (key) => {
      bucket.beforePut = undefined;
      const older = {
        version: {
          updatedAt: '2026-11-21T08:00:00.000Z',
          eventTime: '2026-11-21T08:00:00.000Z',
          sourceEventId: 'o',
        },
      };
      bucket.objects.set(key, { body: JSON.stringify(older), etag: '"concurrent"' });
    };

    const result = await update(itemHydrated({ item: itemAt('2026-11-21T09:00:00Z', 7) }));

    expect(result).toEqual({ outcome: 'written', key: KEY, attempts: 2 });
    expect(putInputs().at(-1)?.IfMatch).toBe('"concurrent"');
    expect(stored().availability.quantityAvailable).toBe(7);
  });

  it('gives up after a bounded number of lost races so EventBridge retries the event', async () => {
    let writer = 0;
    bucket.beforePut = (key) => {
      const older = {
        version: {
          updatedAt: '2026-11-01T00:00:00.000Z',
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
    const event = itemHydrated({ truncated: true, item: itemAt('2026-11-21T09:00:00Z', 3) });
    const { key } = (event.detail as { object: { key: string } }).object;
    bucket.objects.set(key, { body: hydratedObject('item', itemAt('2026-11-21T09:00:00Z', 3)), etag: '"h"' });

    await update(event);

    expect(stored().availability.quantityAvailable).toBe(3);
  });

  it('rejects an item without availability, naming the field', async () => {
    const item = { ...sampleItem(), availability: null };
    await expect(update(itemHydrated({ item }))).rejects.toThrow(InvalidShopEventError);
    await expect(update(itemHydrated({ item }))).rejects.toThrow(/item\.availability must be an object/);
  });
});
