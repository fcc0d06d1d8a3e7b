/**
 * The parts of a hydrated partner order (graphql/singleOrder.graphql) the shop services use, read
 * with checks. Buyer and recipient are deliberately not read: no shop document copies them.
 */
import { InvalidShopEventError } from './errors';
import { instant, integer, isRecord, list, record, text } from './fields';
import { readMoney, type Money } from './money';

export interface OrderLine {
  readonly lineItemId: string;
  readonly itemId: string;
  readonly sku: string;
  readonly title: string;
  readonly quantity: number;
  readonly unitPrice: Money;
  readonly discount: Money;
  readonly tax: Money;
  /** As the partner reports it (quantity × unitPrice − discount). */
  readonly lineTotal: Money;
}

export interface OrderTotals {
  readonly subtotal: Money;
  readonly shipping: Money;
  readonly tax: Money;
  readonly discount: Money;
  readonly total: Money;
  readonly refunded: Money;
}

export interface OrderRefund {
  readonly refundId: string;
  readonly status: string;
  readonly reason: string;
  readonly createdAt: string;
  readonly amount: Money;
  readonly lines: readonly { lineItemId: string; quantity: number; amount: Money }[];
}

export interface PartnerOrder {
  readonly orderId: string;
  readonly status: string;
  readonly createdAt: string;
  readonly lines: readonly OrderLine[];
  /** `undefined` when the partner could not resolve them (partial data). */
  readonly totals?: OrderTotals;
  readonly refunds?: readonly OrderRefund[];
}

export function readPartnerOrder(data: unknown): PartnerOrder {
  if (!isRecord(data)) {
    throw new InvalidShopEventError('The hydrated order is missing (data.order is null); nothing to process');
  }
  return {
    orderId: text(data.id, 'order.id'),
    status: text(data.status, 'order.status'),
    createdAt: instant(data.createdAt, 'order.createdAt'),
    lines: readLines(data.lineItems),
    totals: data.totals === null || data.totals === undefined ? undefined : readTotals(data.totals),
    refunds: data.refunds === null || data.refunds === undefined ? undefined : readRefunds(data.refunds),
  };
}

/** Only the fields a demand forecast needs; safe to call on line items from any source. */
export function readLines(value: unknown): OrderLine[] {
  return list(value, 'order.lineItems').map((raw, i) => {
    const path = `order.lineItems[${i}]`;
    const line = record(raw, path);
    const quantity = integer(line.quantity, `${path}.quantity`);
    if (quantity < 1)
      throw new InvalidShopEventError(`${path}.quantity must be at least 1 (got ${quantity})`);
    return {
      lineItemId: text(line.id, `${path}.id`),
      itemId: text(line.itemId, `${path}.itemId`),
      sku: text(line.sku, `${path}.sku`),
      title: text(line.title, `${path}.title`),
      quantity,
      unitPrice: readMoney(line.unitPrice, `${path}.unitPrice`),
      discount: readMoney(line.discount, `${path}.discount`),
      tax: readMoney(line.tax, `${path}.tax`),
      lineTotal: readMoney(line.lineTotal, `${path}.lineTotal`),
    };
  });
}

function readTotals(value: unknown): OrderTotals {
  const totals = record(value, 'order.totals');
  const money = (field: keyof OrderTotals) => readMoney(totals[field], `order.totals.${field}`);
  return {
    subtotal: money('subtotal'),
    shipping: money('shipping'),
    tax: money('tax'),
    discount: money('discount'),
    total: money('total'),
    refunded: money('refunded'),
  };
}

function readRefunds(value: unknown): OrderRefund[] {
  return list(value, 'order.refunds').map((raw, i) => {
    const path = `order.refunds[${i}]`;
    const refund = record(raw, path);
    return {
      refundId: text(refund.id, `${path}.id`),
      status: text(refund.status, `${path}.status`),
      reason: text(refund.reason, `${path}.reason`),
      createdAt: instant(refund.createdAt, `${path}.createdAt`),
      amount: readMoney(refund.amount, `${path}.amount`),
      lines: list(refund.lineItems ?? [], `${path}.lineItems`).map((rawLine, j) => {
        const linePath = `${path}.lineItems[${j}]`;
        const line = record(rawLine, linePath);
        return {
          lineItemId: text(line.lineItemId, `${linePath}.lineItemId`),
          quantity: integer(line.quantity, `${linePath}.quantity`),
          amount: readMoney(line.amount, `${linePath}.amount`),
        };
      }),
    };
  });
}
