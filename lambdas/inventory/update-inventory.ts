/**
 * The inventory service: keeps `inventory/<itemId>.json` at the newest state seen. Optimistic
 * concurrency on the S3 ETag: read, decide, then write with `If-Match: <etag>` (or
 * `If-None-Match: *` for the first write); on 412 another writer got there first, so re-read and
 * decide again, a bounded number of times. An older or repeated event never overwrites newer state.
 * Conditional writes: https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
 */
import { PreconditionFailedError } from '../shared/errors';
import type { ObjectStore } from '../shared/ports';
import type { BusEnvelope, ShopLogger } from '../shop/bus-event';
import { ConcurrentUpdateError } from '../shop/errors';
import {
  HYDRATION_SOURCE,
  ITEM_HYDRATED,
  loadHydratedData,
  parseHydratedDetail,
  partnerEventTime,
} from '../shop/hydrated-event';
import { compareVersions, inventoryKey, readItemState, storedVersion } from './item-state';

export const MAX_WRITE_ATTEMPTS = 5;

export interface InventoryDeps {
  readonly store: ObjectStore;
  readonly logger: ShopLogger;
}

export type InventoryOutcome =
  | { readonly outcome: 'written'; readonly key: string; readonly attempts: number }
  | { readonly outcome: 'stale' | 'duplicate'; readonly key: string }
  | { readonly outcome: 'skipped'; readonly reason: string };

export async function updateInventory(event: BusEnvelope, deps: InventoryDeps): Promise<InventoryOutcome> {
  if (event.source !== HYDRATION_SOURCE || event['detail-type'] !== ITEM_HYDRATED) {
    const reason = `${event.source} "${event['detail-type']}" is not a hydrated item`;
    deps.logger.warn('Event skipped', { eventId: event.id, reason });
    return { outcome: 'skipped', reason };
  }
  const detail = parseHydratedDetail(ITEM_HYDRATED, event.detail);
  const state = readItemState(await loadHydratedData(detail, 'item', deps.store), {
    eventTime: partnerEventTime(detail, event.time),
    sourceEventId: detail.sourceEventId,
    hydratedObject: detail.object.key,
  });
  const key = inventoryKey(state.itemId);
  const body = `${JSON.stringify(state, null, 2)}\n`;

  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
    const current = await deps.store.get(key);
    const currentVersion = current && storedVersion(current.body);
    if (currentVersion) {
      const order = compareVersions(state.version, currentVersion);
      if (order <= 0) {
        const outcome = order === 0 ? 'duplicate' : 'stale';
        deps.logger.info('Inventory already newer or equal; event ignored', {
          key,
          outcome,
          version: state.version,
        });
        return { outcome, key };
      }
    } else if (current) {
      deps.logger.warn('Stored inventory object is not a state document; replacing it', { key });
    }
    try {
      await deps.store.put(key, body, {
        ...(current ? { ifMatch: current.etag } : { ifNoneMatch: '*' as const }),
        metadata: { 'event-id': detail.sourceEventId },
      });
      deps.logger.info('Inventory updated', { key, attempts: attempt, version: state.version });
      return { outcome: 'written', key, attempts: attempt };
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      deps.logger.info('Concurrent inventory update; re-reading', { key, attempt });
    }
  }
  throw new ConcurrentUpdateError(key, MAX_WRITE_ATTEMPTS);
}
