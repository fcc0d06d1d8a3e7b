/**
 * An item's latest availability and buyability as kept at `inventory/<itemId>.json`, and the order
 * in which two states are compared: the partner's `updatedAt`, then the partner event time, then
 * the event id (a total order, so concurrent writers converge on the same winner).
 */
import { InvalidShopEventError } from '../shop/errors';
import { instant, integer, list, optionalText, record, text } from '../shop/fields';
import { readMoney, type Money } from '../shop/money';

export interface StateVersion {
  /** The partner's `item.updatedAt`. */
  readonly updatedAt: string;
  /** When the buyability event happened. */
  readonly eventTime: string;
  readonly sourceEventId: string;
}

export interface ItemState {
  readonly itemId: string;
  readonly sku: string;
  readonly title: string;
  readonly price: Money;
  readonly availability: {
    readonly status: string;
    readonly quantityAvailable: number;
    readonly quantityReserved: number;
    readonly fulfillmentNetwork: string;
    readonly restockDate: string | null;
  };
  readonly buyability: {
    readonly status: string;
    readonly reasons: readonly string[];
    readonly updatedAt: string;
  };
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
    throw new InvalidShopEventError('The hydrated item is missing (data.item is null); nothing to record');
  }
  const item = record(data, 'item');
  const availability = record(item.availability, 'item.availability');
  const buyability = record(item.buyability, 'item.buyability');
  return {
    itemId: text(item.id, 'item.id'),
    sku: text(item.sku, 'item.sku'),
    title: text(item.title, 'item.title'),
    price: readMoney(item.price, 'item.price'),
    availability: {
      status: text(availability.status, 'item.availability.status'),
      quantityAvailable: integer(availability.quantityAvailable, 'item.availability.quantityAvailable'),
      quantityReserved: integer(availability.quantityReserved, 'item.availability.quantityReserved'),
      fulfillmentNetwork: text(availability.fulfillmentNetwork, 'item.availability.fulfillmentNetwork'),
      restockDate: optionalText(availability.restockDate, 'item.availability.restockDate') ?? null,
    },
    buyability: {
      status: text(buyability.status, 'item.buyability.status'),
      reasons: list(buyability.reasons ?? [], 'item.buyability.reasons').map((r, i) =>
        text(r, `item.buyability.reasons[${i}]`),
      ),
      updatedAt: instant(buyability.updatedAt, 'item.buyability.updatedAt'),
    },
    version: {
      updatedAt: instant(item.updatedAt, 'item.updatedAt'),
      eventTime: source.eventTime,
      sourceEventId: source.sourceEventId,
    },
    hydratedObject: source.hydratedObject,
  };
}

/** Negative when `a` is older than `b`, 0 for the same event, positive when newer. */
export function compareVersions(a: StateVersion, b: StateVersion): number {
  return (
    Date.parse(a.updatedAt) - Date.parse(b.updatedAt) ||
    Date.parse(a.eventTime) - Date.parse(b.eventTime) ||
    (a.sourceEventId < b.sourceEventId ? -1 : a.sourceEventId > b.sourceEventId ? 1 : 0)
  );
}

/** The version of a stored state, or `undefined` when the object is not one (it is then replaced). */
export function storedVersion(body: string): StateVersion | undefined {
  try {
    const version = record(record(JSON.parse(body), 'state').version, 'state.version');
    return {
      updatedAt: instant(version.updatedAt, 'version.updatedAt'),
      eventTime: instant(version.eventTime, 'version.eventTime'),
      sourceEventId: text(version.sourceEventId, 'version.sourceEventId'),
    };
  } catch {
    return undefined;
  }
}
