/**
 * An item's latest price, stock and buyability as kept at `inventory/<itemId>.json`, read from
 * hydrant's normalized item (lambdas/shared/partner-mapping), and the order in which two states
 * are compared: the partner event time, then the event id (a total order, so concurrent writers
 * converge on the same winner). The partner's item carries no update time of its own.
 */
import { InvalidShopEventError } from '../shop/errors';
import { instant, integer, isRecord, optionalText, record, text } from '../shop/fields';
import { readMoney, type Money } from '../shop/money';

export interface StateVersion {
  /** When the buyability event happened. */
  readonly eventTime: string;
  readonly sourceEventId: string;
}

export interface ItemState {
  readonly itemId: string;
  readonly sku: string | null;
  readonly title: string | null;
  /** The product's publication status, e.g. PUBLISHED. */
  readonly status: string | null;
  readonly price: Money | null;
  /** Null when the partner could not say (partial data). */
  readonly availability: { readonly quantityAvailable: number; readonly unit: string | null } | null;
  /** BUYABLE / UNBUYABLE; null when the partner could not say. */
  readonly buyability: string | null;
  readonly version: StateVersion;
  readonly hydratedObject: string;
}

export function inventoryKey(itemId: string): string {
  return `inventory/${encodeURIComponent(itemId)}.json`;
}

export function readItemState(
  data: unknown,
  source: { eventTime: string; sourceEventId: string; hydratedObject: string },
): ItemState {
  if (data === null || data === undefined) {
    throw new InvalidShopEventError('The hydrated item is missing (data is null); nothing to record');
  }
  const item = record(data, 'item');
  const availability = isRecord(item.availability) ? item.availability : undefined;
  const buyability = isRecord(item.buyability) ? item.buyability : undefined;
  return {
    itemId: text(item.id, 'item.id'),
    sku: optionalText(item.sku, 'item.sku') ?? null,
    title: optionalText(item.title, 'item.title') ?? null,
    status: optionalText(item.status, 'item.status') ?? null,
    price: item.price === null || item.price === undefined ? null : readMoney(item.price, 'item.price'),
    availability: availability
      ? {
          quantityAvailable: integer(availability.quantityAvailable, 'item.availability.quantityAvailable'),
          unit: optionalText(availability.unit, 'item.availability.unit') ?? null,
        }
      : null,
    buyability: buyability ? (optionalText(buyability.status, 'item.buyability.status') ?? null) : null,
    version: { eventTime: source.eventTime, sourceEventId: source.sourceEventId },
    hydratedObject: source.hydratedObject,
  };
}

/** Negative when `a` is older than `b`, 0 for the same event, positive when newer. */
export function compareVersions(a: StateVersion, b: StateVersion): number {
  return (
    Date.parse(a.eventTime) - Date.parse(b.eventTime) ||
    (a.sourceEventId < b.sourceEventId ? -1 : a.sourceEventId > b.sourceEventId ? 1 : 0)
  );
}

/** The version of a stored state, or `undefined` when the object is not one (it is then replaced). */
export function storedVersion(body: string): StateVersion | undefined {
  try {
    const version = record(record(JSON.parse(body), 'state').version, 'state.version');
    return {
      eventTime: instant(version.eventTime, 'version.eventTime'),
      sourceEventId: text(version.sourceEventId, 'version.sourceEventId'),
    };
  } catch {
    return undefined;
  }
}
