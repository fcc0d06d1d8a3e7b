/**
 * The orders service: appends one immutable timeline object per event. The write is conditional
 * on the object not existing (`If-None-Match: *`), so a redelivered event leaves the first copy
 * untouched, and concurrent events never race because each has its own key.
 */
import { PreconditionFailedError } from '../shared/errors';
import type { ObjectStore } from '../shared/ports';
import type { BusEnvelope, ShopLogger } from '../shop/bus-event';
import { timelineKey } from '../shop/timeline';
import { interpret } from './timeline-entry';

export interface OrdersDeps {
  readonly store: ObjectStore;
  readonly logger: ShopLogger;
  readonly now?: () => Date;
}

export type OrderEventOutcome =
  | { readonly outcome: 'recorded' | 'duplicate'; readonly key: string }
  | { readonly outcome: 'skipped'; readonly reason: string };

export async function recordOrderEvent(event: BusEnvelope, deps: OrdersDeps): Promise<OrderEventOutcome> {
  const interpretation = await interpret(event, deps.store, deps.now?.() ?? new Date());
  if ('skipped' in interpretation) {
    deps.logger.warn('Event skipped', { eventId: event.id, reason: interpretation.skipped });
    return { outcome: 'skipped', reason: interpretation.skipped };
  }
  const { entry } = interpretation;
  const key = timelineKey(entry);
  try {
    await deps.store.put(key, JSON.stringify(entry, null, 2), {
      ifNoneMatch: '*',
      metadata: { 'event-id': entry.eventId },
    });
  } catch (error) {
    if (!(error instanceof PreconditionFailedError)) throw error;
    deps.logger.info('Duplicate event: timeline entry already recorded', { key });
    return { outcome: 'duplicate', key };
  }
  deps.logger.info('Timeline entry recorded', { key, kind: entry.kind, orderId: entry.orderId });
  return { outcome: 'recorded', key };
}
