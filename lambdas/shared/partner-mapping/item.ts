/**
 * The partner's item answer (graphql/itemByID.graphql: `item … on BwPProduct`, `buyability`,
 * `inventoryItem`) → hydrant's normalized item, the `data` of `Item Hydrated`. A block the partner
 * could not resolve (null, with an error) stays null.
 */
import type { ItemByIDQuery } from '../../hydration/operations.generated';
import { PartnerMappingError } from './errors';
import { toMoney, type Money } from './money';

export interface NormalizedItem {
  readonly id: string;
  readonly catalogId: string | null;
  readonly sku: string | null;
  readonly title: string | null;
  /** The product's publication status, e.g. PUBLISHED. */
  readonly status: string | null;
  readonly primeIntended: boolean | null;
  readonly price: Money | null;
  /** `buyability.status` (BUYABLE / UNBUYABLE); null when unresolved. */
  readonly buyability: { readonly status: string | null } | null;
  /** `inventoryItem.buyableQuantity`; null when unresolved. */
  readonly availability: {
    readonly inventoryItemId: string | null;
    readonly quantityAvailable: number;
    readonly unit: string | null;
  } | null;
}

export function mapItem(data: ItemByIDQuery): NormalizedItem {
  const item = data.item;
  if (!item) throw new PartnerMappingError('item', 'the partner answered no item');
  if (item.__typename !== 'BwPProduct') {
    throw new PartnerMappingError('item', `is a ${String(item.__typename)}, not a BwPProduct`);
  }
  const quantity = data.inventoryItem?.buyableQuantity?.amount;
  if (quantity !== null && quantity !== undefined && (!Number.isSafeInteger(quantity) || quantity < 0)) {
    throw new PartnerMappingError(
      'inventoryItem.buyableQuantity.amount',
      `must be a whole number (got ${quantity})`,
    );
  }
  return {
    id: item.id,
    catalogId: item.catalogId,
    sku: item.sku,
    title: item.title,
    status: item.status,
    primeIntended: item.isPrimeIntended,
    price: toMoney(item.price?.currentPrice, 'item.price.currentPrice'),
    buyability: data.buyability && { status: data.buyability.status },
    availability:
      data.inventoryItem && quantity !== null && quantity !== undefined
        ? {
            inventoryItemId: data.inventoryItem.inventoryItemId,
            quantityAvailable: quantity,
            unit: data.inventoryItem.buyableQuantity?.unit ?? null,
          }
        : null,
  };
}
