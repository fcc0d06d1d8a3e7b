/**
 * The mock partner's order, in the Buy with Prime API's shapes: three line items (one product
 * priced 4.35, the float trap), two shipments (one delivered, one on its way), one confirmed
 * payment and one confirmed partial refund. Money is decimal MAJOR units, times epoch MILLISECONDS.
 * Arithmetic, in cents: lines 2998 + 2500 + 1305 = 6803, discount 250, tax 544, shipping 0,
 * total 7097; refund 1619 (one mug with its tax).
 */
const at = (iso: string) => Date.parse(iso);
const usd = (amount: number) => ({ amount, currencyCode: 'USD' });

const address = {
  id: 'addr-QH7K2',
  streetAddress: '410 Terry Ave N',
  extendedAddress: 'Apt 12',
  locality: 'Seattle',
  region: 'WA',
  postalCode: '98109',
  countryCode: 'US',
};

const product = (id: string, sku: string, asin: string, title: string, price: number) => ({
  id,
  catalogId: 'cat-hydrant-1',
  sku,
  mSku: sku,
  asin,
  title,
  description: null,
  slug: sku.toLowerCase(),
  url: `https://shop.example.com/p/${sku.toLowerCase()}`,
  imageUrl: `https://shop.example.com/img/${sku.toLowerCase()}.jpg`,
  images: [{ position: 0, url: `https://shop.example.com/img/${sku.toLowerCase()}.jpg` }],
  price,
  currencyCode: 'USD',
  isPrimeIntended: true,
});

const shipment = (
  id: string,
  state: string,
  tracking: Record<string, unknown> | null,
  eta: string | null,
) => ({
  id,
  state,
  fulfiller: 'AMAZON',
  estimatedDeliveryAt: eta === null ? null : at(eta),
  trackingDetail: tracking,
});

const lineItem = (
  id: string,
  quantity: number,
  p: ReturnType<typeof product>,
  tax: number,
  shipments: readonly ReturnType<typeof shipment>[],
) => ({
  id,
  createdAt: at('2026-11-20T14:02:11.000Z'),
  quantity: { amount: quantity, unit: 'ONE' },
  product: p,
  itemContext: { productDetailPageUrl: p.url },
  shipments,
  purchasedItem: {
    itemURI: `bwp://item/${p.id}`,
    title: p.title,
    imageUrl: p.imageUrl,
    altText: null,
    price: { currentPrice: usd(p.price) },
  },
  salesTax: {
    taxRate: 0.08,
    taxableAmount: usd(Number((p.price * quantity).toFixed(2))),
    collectableTaxAmount: usd(tax),
  },
});

const delivered = shipment(
  'shp-1',
  'DELIVERED',
  {
    trackingId: 'TBA318220571000',
    carrierCode: 'AMZL',
    statusCode: 'DELIVERED',
    updatedAt: at('2026-11-21T16:05:00.000Z'),
  },
  '2026-11-22T20:00:00.000Z',
);
const inTransit = shipment(
  'shp-2',
  'SHIPPED',
  {
    trackingId: 'TBA318220571001',
    carrierCode: 'AMZL',
    statusCode: 'IN_TRANSIT',
    updatedAt: at('2026-11-21T08:15:00.000Z'),
  },
  null,
);

const payment = (state: string, amount: number, created: string, confirmed: string | null) => ({
  state,
  paymentMethodType: 'CREDIT_CARD',
  createdAt: at(created),
  confirmedAt: confirmed === null ? null : at(confirmed),
  updatedAt: at(confirmed ?? created),
  amount: usd(amount),
  billingAddress: address,
});

export const ORDER_TEMPLATE = {
  id: 'ord-4Q8ZT2MX7K',
  orderState: { createdAt: at('2026-11-20T14:02:11.000Z'), placedAt: at('2026-11-20T14:02:13.000Z') },
  customer: { contact: { id: 'cust-6TRV2H', name: 'Ada Lovelace', email: 'ada@example.com' } },
  deliveryOptions: [
    {
      id: 'dlv-1',
      deliveryOptionTransfer: {
        deliveryOptionName: 'FREE Prime Two-Day',
        shippingBenefitsMessage: 'FREE delivery with Prime',
        deliveryDate: { earliest: at('2026-11-22T08:00:00.000Z'), latest: at('2026-11-22T20:00:00.000Z') },
        shipDate: { earliest: at('2026-11-20T18:00:00.000Z'), latest: at('2026-11-21T18:00:00.000Z') },
      },
      shippingAddress: address,
      shippingCharge: { money: usd(0) },
    },
  ],
  lineItems: [
    lineItem(
      'li-1',
      2,
      product('item-7J3KQ2', 'HB-MUG-350', 'B0HYDMUG01', 'Hydrant enamel mug, 350 ml', 14.99),
      2.4,
      [delivered],
    ),
    lineItem(
      'li-2',
      1,
      product('item-9Z4WX8', 'HB-TEE-M-BLK', 'B0HYDTEE02', 'Hydrant T-shirt, black, M', 25),
      1.8,
      [delivered],
    ),
    lineItem(
      'li-3',
      3,
      product('item-3S8TKR', 'HB-STICKER-3', 'B0HYDSTK03', 'Hydrant sticker set', 4.35),
      1.24,
      [inTransit],
    ),
  ],
  payments: [payment('CONFIRMED', 70.97, '2026-11-20T14:02:13.000Z', '2026-11-20T18:30:00.000Z')],
  refundPayments: [payment('CONFIRMED', 16.19, '2026-11-21T09:41:57.000Z', '2026-11-21T09:45:00.000Z')],
  summary: {
    totalPrice: usd(70.97),
    rollupCharges: [
      { rollupChargeType: 'SUBTOTAL', value: usd(68.03) },
      { rollupChargeType: 'DISCOUNT', value: usd(-2.5) },
      { rollupChargeType: 'SHIPPING', value: usd(0) },
      { rollupChargeType: 'TAX', value: usd(5.44) },
    ],
  },
};
