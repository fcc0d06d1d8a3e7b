/**
 * The partner's order (graphql/singleOrder.graphql) → hydrant's normalized order, the `data` of
 * `Order Hydrated` and the only order shape shop services read. Money in integer minor units,
 * times in ISO 8601 UTC, one derived `status`. Fields the partner left null stay null; a missing
 * `summary` leaves `totals` null (partial data), never invented.
 */
import type { SingleOrderQuery } from '../../hydration/operations.generated';
import { PartnerMappingError } from './errors';
import { toMinorUnits, toMoney, type Money } from './money';
import { deriveOrderStatus, type OrderStatus } from './order-status';
import { toPayment, toRefunds, type NormalizedPayment, type NormalizedRefund } from './payment';
import { toIsoTime } from './time';

export type PartnerOrder = NonNullable<SingleOrderQuery['order']>;
type PartnerLine = NonNullable<PartnerOrder['lineItems']>[number];

export interface NormalizedAddress {
  readonly streetAddress: string | null;
  readonly extendedAddress: string | null;
  readonly locality: string | null;
  readonly region: string | null;
  readonly postalCode: string | null;
  readonly countryCode: string | null;
}

export interface NormalizedLine {
  readonly id: string;
  /** The product id (the id the item hydrator queries), else its ASIN. */
  readonly itemId: string | null;
  readonly asin: string | null;
  readonly sku: string | null;
  readonly title: string | null;
  readonly quantity: number;
  readonly unitPrice: Money | null;
  /** quantity × unitPrice, exact in minor units. */
  readonly lineTotal: Money | null;
  /** The line's collectable sales tax. */
  readonly tax: Money | null;
  readonly createdAt: string | null;
}

export interface NormalizedShipment {
  readonly id: string | null;
  readonly lineItemId: string;
  readonly state: string | null;
  readonly fulfiller: string | null;
  readonly carrier: string | null;
  readonly trackingNumber: string | null;
  readonly trackingStatus: string | null;
  readonly estimatedDeliveryAt: string | null;
}

export interface NormalizedTotals {
  /** Σ lineTotal (or the partner's SUBTOTAL rollup charge). */
  readonly subtotal: Money;
  readonly shipping: Money;
  readonly tax: Money;
  /** Order-level discount, a non-negative amount taken off: total = subtotal − discount + shipping + tax. */
  readonly discount: Money;
  /** `summary.totalPrice`: what the buyer was charged. */
  readonly total: Money;
  /** Σ succeeded refund payments. */
  readonly refunded: Money;
}

export interface NormalizedOrder {
  readonly id: string;
  readonly status: OrderStatus;
  /** `orderState.createdAt`, else `placedAt`. */
  readonly createdAt: string | null;
  readonly placedAt: string | null;
  readonly buyer: {
    readonly id: string | null;
    readonly name: string | null;
    readonly email: string | null;
  } | null;
  readonly delivery: {
    readonly option: string | null;
    readonly address: NormalizedAddress | null;
    readonly earliestDeliveryAt: string | null;
    readonly latestDeliveryAt: string | null;
  } | null;
  readonly lineItems: readonly NormalizedLine[];
  readonly shipments: readonly NormalizedShipment[];
  readonly payments: readonly NormalizedPayment[];
  readonly refunds: readonly NormalizedRefund[];
  /** `null` when the partner did not resolve `summary.totalPrice` (partial data). */
  readonly totals: NormalizedTotals | null;
}

export function mapOrder(order: PartnerOrder): NormalizedOrder {
  const lineItems = (order.lineItems ?? []).map(mapLine);
  const payments = (order.payments ?? []).map((p, i) => toPayment(p, `order.payments[${i}]`));
  const refunds = toRefunds(order.refundPayments ?? []);
  const totals = mapTotals(order, lineItems, refunds);
  const createdAt = toIsoTime(order.orderState?.createdAt, 'order.orderState.createdAt');
  const placedAt = toIsoTime(order.orderState?.placedAt, 'order.orderState.placedAt');
  const contact = order.customer?.contact ?? null;
  const option = order.deliveryOptions?.[0] ?? null;
  const refunded = refunds
    .filter((r) => r.outcome === 'succeeded' && r.amount)
    .reduce((sum, r) => sum + (r.amount as Money).amount, 0);
  return {
    id: order.id,
    status: deriveOrderStatus({
      placed: placedAt !== null,
      shipmentStates: (order.lineItems ?? []).map((l) => (l.shipments ?? []).map((s) => s.state)),
      payments,
      refunded,
      total: totals?.total.amount,
    }),
    createdAt: createdAt ?? placedAt,
    placedAt,
    buyer: contact && { id: contact.id, name: contact.name, email: contact.email },
    delivery: option && {
      option: option.deliveryOptionTransfer?.deliveryOptionName ?? null,
      address: option.shippingAddress && { ...option.shippingAddress },
      earliestDeliveryAt: toIsoTime(
        option.deliveryOptionTransfer?.deliveryDate?.earliest,
        'order.deliveryOptions[0].deliveryOptionTransfer.deliveryDate.earliest',
      ),
      latestDeliveryAt: toIsoTime(
        option.deliveryOptionTransfer?.deliveryDate?.latest,
        'order.deliveryOptions[0].deliveryOptionTransfer.deliveryDate.latest',
      ),
    },
    lineItems,
    shipments: (order.lineItems ?? []).flatMap((line, i) =>
      (line.shipments ?? []).map((s, j) => ({
        id: s.id,
        lineItemId: line.id,
        state: s.state,
        fulfiller: s.fulfiller,
        carrier: s.trackingDetail?.carrierCode ?? null,
        trackingNumber: s.trackingDetail?.trackingId ?? null,
        trackingStatus: s.trackingDetail?.statusCode ?? null,
        estimatedDeliveryAt: toIsoTime(
          s.estimatedDeliveryAt,
          `order.lineItems[${i}].shipments[${j}].estimatedDeliveryAt`,
        ),
      })),
    ),
    payments,
    refunds,
    totals,
  };
}

function mapLine(line: PartnerLine, i: number): NormalizedLine {
  const path = `order.lineItems[${i}]`;
  const product = line.product;
  const quantity = line.quantity?.amount ?? 1;
  if (!Number.isSafeInteger(quantity) || quantity < 0) {
    throw new PartnerMappingError(`${path}.quantity.amount`, `must be a whole number (got ${quantity})`);
  }
  const currencyCode = product?.currencyCode?.toUpperCase() ?? null;
  let unitPrice: Money | null = null;
  if (product?.price !== null && product?.price !== undefined) {
    if (!currencyCode)
      throw new PartnerMappingError(`${path}.product.currencyCode`, 'a price needs its currency code');
    unitPrice = { amount: toMinorUnits(product.price, currencyCode, `${path}.product.price`), currencyCode };
  }
  return {
    id: line.id,
    itemId: product?.id ?? product?.asin ?? null,
    asin: product?.asin ?? null,
    sku: product?.sku ?? product?.mSku ?? null,
    title: product?.title ?? null,
    quantity,
    unitPrice,
    // Multiplying integers is exact; the float happened only once, in the partner's decimal.
    lineTotal: unitPrice && {
      amount: safe(unitPrice.amount * quantity, `${path}`),
      currencyCode: unitPrice.currencyCode,
    },
    tax: toMoney(line.salesTax?.collectableTaxAmount, `${path}.salesTax.collectableTaxAmount`),
    createdAt: toIsoTime(line.createdAt, `${path}.createdAt`),
  };
}

const ROLLUPS: readonly [keyof NormalizedTotals, RegExp][] = [
  ['subtotal', /SUBTOTAL/],
  ['shipping', /SHIPPING|DELIVERY/],
  ['tax', /TAX/],
  ['discount', /DISCOUNT|PROMOTION/],
];

function mapTotals(
  order: PartnerOrder,
  lines: readonly NormalizedLine[],
  refunds: readonly NormalizedRefund[],
): NormalizedTotals | null {
  const total = toMoney(order.summary?.totalPrice, 'order.summary.totalPrice');
  if (!total) return null;
  const currency = total.currencyCode;
  const charges = new Map<keyof NormalizedTotals, number>();
  (order.summary?.rollupCharges ?? []).forEach((charge, i) => {
    const type = (charge.rollupChargeType ?? '').toUpperCase();
    const field = ROLLUPS.find(([, pattern]) => pattern.test(type))?.[0];
    const value = toMoney(charge.value, `order.summary.rollupCharges[${i}].value`);
    if (!field || !value) return;
    sameCurrency(value, currency, `order.summary.rollupCharges[${i}].value`);
    charges.set(field, safe((charges.get(field) ?? 0) + value.amount, 'order.summary.rollupCharges'));
  });
  const sumOf = (values: readonly (Money | null)[], path: string) =>
    values.reduce((sum, m) => (m ? safe(sum + sameCurrency(m, currency, path), path) : sum), 0);
  const money = (amount: number): Money => ({ amount, currencyCode: currency });
  const shippingCharges = (order.deliveryOptions ?? []).map((o, i) =>
    toMoney(o.shippingCharge?.money, `order.deliveryOptions[${i}].shippingCharge.money`),
  );
  return {
    subtotal: money(
      charges.get('subtotal') ??
        sumOf(
          lines.map((l) => l.lineTotal),
          'order.lineItems',
        ),
    ),
    shipping: money(charges.get('shipping') ?? sumOf(shippingCharges, 'order.deliveryOptions')),
    tax: money(
      charges.get('tax') ??
        sumOf(
          lines.map((l) => l.tax),
          'order.lineItems.salesTax',
        ),
    ),
    discount: money(Math.abs(charges.get('discount') ?? 0)),
    total,
    refunded: money(
      sumOf(
        refunds.filter((r) => r.outcome === 'succeeded').map((r) => r.amount),
        'order.refundPayments',
      ),
    ),
  };
}

function sameCurrency(money: Money, currency: string, path: string): number {
  if (money.currencyCode !== currency) {
    throw new PartnerMappingError(path, `is in ${money.currencyCode}, but the order total is in ${currency}`);
  }
  return money.amount;
}

function safe(amount: number, path: string): number {
  if (!Number.isSafeInteger(amount))
    throw new PartnerMappingError(path, `${amount} is outside the exact integer range`);
  return amount;
}
