/**
 * The mock partner's data: every well-formed id is a known order, item or inventory item shaped
 * like the templates (order-fixture.ts, item-fixture.ts), except ids starting with `missing-`,
 * which the partner never knows (not-found). Items whose id starts with `unbuyable-` are
 * UNBUYABLE with no stock. A partial answer fails one dependency with an AppSync-style error
 * (the order's `payments`, the item's `inventoryItem`), the rest still resolves.
 */
import { GraphQLError } from 'graphql';
import { BUYABILITY_TEMPLATE, INVENTORY_TEMPLATE, ITEM_TEMPLATE } from './item-fixture';
import { ORDER_TEMPLATE } from './order-fixture';

export const MISSING_PREFIX = 'missing-';
export const UNBUYABLE_PREFIX = 'unbuyable-';

type Fixture = Record<string, unknown>;

/** What AppSync answers when a resolver's mapping template found nothing. */
export function notFoundError(): GraphQLError {
  return new GraphQLError('Template transformation yielded an empty response.', {
    extensions: { errorType: 'MappingTemplate' },
  });
}

/** A dependency of the partner timed out; the field is null and the rest of the answer stands. */
function dependencyError(what: string): () => never {
  return () => {
    throw new GraphQLError(`${what} are temporarily unavailable; retry later.`, {
      extensions: { errorType: 'DependencyTimeout' },
    });
  };
}

export function orderFixture(orderId: string, partial: boolean): Fixture | undefined {
  if (orderId.startsWith(MISSING_PREFIX)) return undefined;
  const order: Fixture = { ...structuredClone(ORDER_TEMPLATE), id: orderId };
  if (partial) order.payments = dependencyError('Payment details');
  return order;
}

export function itemFixture(itemId: string): Fixture | undefined {
  if (itemId.startsWith(MISSING_PREFIX)) return undefined;
  return { ...structuredClone(ITEM_TEMPLATE), id: itemId };
}

export function buyabilityFixture(itemId: string): Fixture | undefined {
  if (itemId.startsWith(MISSING_PREFIX)) return undefined;
  return itemId.startsWith(UNBUYABLE_PREFIX) ? { status: 'UNBUYABLE' } : { ...BUYABILITY_TEMPLATE };
}

export function inventoryFixture(inventoryItemId: string, partial: boolean): Fixture | undefined {
  if (inventoryItemId.startsWith(MISSING_PREFIX)) return undefined;
  if (partial) return { inventoryItemId, buyableQuantity: dependencyError('Inventory details') };
  const item: Fixture = { ...structuredClone(INVENTORY_TEMPLATE), inventoryItemId };
  if (inventoryItemId.startsWith(UNBUYABLE_PREFIX)) item.buyableQuantity = { amount: 0, unit: 'ONE' };
  return item;
}
