import { describe, expect, it } from 'vitest';
import type { ItemByIDQuery } from '../../../../lambdas/hydration/operations.generated';
import { mapItem, PartnerMappingError } from '../../../../lambdas/shared/partner-mapping';
import itemFound from '../../../../query_response/item_found.json';
import itemPartial from '../../../../query_response/item_partial.json';

const found = itemFound.data as ItemByIDQuery;

describe('partner item → normalized item', () => {
  it('reads the BwPProduct, its buyability and its stock, money in minor units', () => {
    expect(mapItem(found)).toEqual({
      id: 'item-7J3KQ2',
      catalogId: 'cat-hydrant-1',
      sku: 'HB-MUG-350',
      title: 'Hydrant enamel mug, 350 ml',
      status: 'PUBLISHED',
      primeIntended: true,
      price: { amount: 1499, currencyCode: 'USD' },
      buyability: { status: 'BUYABLE' },
      availability: { inventoryItemId: 'item-7J3KQ2', quantityAvailable: 42, unit: 'ONE' },
    });
  });

  it('keeps unresolved blocks null (stock the partner could not answer, no price, no buyability)', () => {
    expect(mapItem(itemPartial.data as ItemByIDQuery).availability).toBeNull();
    const bare = mapItem({
      item: { ...found.item!, price: null, sku: null },
      buyability: null,
      inventoryItem: null,
    });
    expect(bare).toMatchObject({ price: null, sku: null, buyability: null, availability: null });
  });

  it('rejects an answer without an item and a negative stock', () => {
    expect(() => mapItem({ ...found, item: null })).toThrow(PartnerMappingError);
    expect(() =>
      mapItem({
        ...found,
        inventoryItem: { inventoryItemId: 'i', buyableQuantity: { amount: -1, unit: 'ONE' } },
      }),
    ).toThrow(/buyableQuantity\.amount/);
  });
});
