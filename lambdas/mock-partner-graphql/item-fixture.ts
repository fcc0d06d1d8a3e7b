/**
 * The mock partner's catalog item, buyability and inventory item, in the Buy with Prime API's
 * shapes (`item … on BwPProduct`; `options`, `description` and friends null as in the samples).
 */
export const ITEM_TEMPLATE = {
  __typename: 'BwPProduct',
  id: 'item-7J3KQ2',
  catalogId: 'cat-hydrant-1',
  sku: 'HB-MUG-350',
  status: 'PUBLISHED',
  title: 'Hydrant enamel mug, 350 ml',
  description: null,
  url: null,
  isPrimeIntended: true,
  options: null,
  relationships: [
    {
      __typename: 'VariantRelationship',
      relationshipType: 'VARIANT',
      targetId: 'item-7J3KQ3',
      attributeDiscriminators: [{ variantAttributeId: 'color', variantAttributeValue: 'red' }],
    },
  ],
  media: [
    {
      altText: null,
      displayReadyUrl: 'https://shop.example.com/img/hb-mug-350.jpg',
      label: 'front',
      position: 0,
      type: 'IMAGE',
    },
  ],
  price: { currentPrice: { amount: 14.99, currencyCode: 'USD' } },
};

export const BUYABILITY_TEMPLATE = { status: 'BUYABLE' };

export const INVENTORY_TEMPLATE = {
  inventoryItemId: 'item-7J3KQ2',
  buyableQuantity: { amount: 42, unit: 'ONE' },
  mappingProduct: { externalId: { value: 'HB-MUG-350' } },
};
