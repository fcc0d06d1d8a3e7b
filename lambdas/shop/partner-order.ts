/**
 * The parts of a hydrated order the shop services use, read with checks from hydrant's
 * normalized order (lambdas/shared/partner-mapping: the `data` of `Order Hydrated`, or the
 * partner's response mapped through the same module when the event was truncated). Money is
 * already in integer minor units. Buyer and delivery address are deliberately not read: no shop
 * document copies them.
 */
import type { NormalizedTotals } from '../shared/partner-mapping/order';
import { InvalidShopEventError } from './errors';
import { instant, integer, isRecord, list, optionalText, record, text } from './fields';
import { readMoney, type Money } from './money';

export interface OrderLine {
  readonly lineItemId: string;
  readonly itemId: string;
  readonly sku: string | null;
  readonly title: string | null;
  readonly quantity: number;
  readonly unitPrice: Money;
  /** As normalized (quantity × unitPrice). */
  readonly lineTotal: Money;
}

/** The normalized order's totals, as written by lambdas/shared/partner-mapping. */
export type OrderTotals = NormalizedTotals;

export interface OrderRefund {
  readonly refundId: string;
  /** succeeded | failed | pending */
  readonly outcome: string;
  readonly createdAt: string;
  readonly amount: Money;
}

export interface PartnerOrder {
  readonly orderId: string;
  readonly status: string;
  readonly createdAt: string;
  readonly lines: readonly OrderLine[];
  /** `undefined` when the partner could not resolve them (partial data). */
  readonly totals?: OrderTotals;
  readonly refunds: readonly OrderRefund[];
}

export function readPartnerOrder(data: unknown): PartnerOrder {
  if (!isRecord(data)) {
    throw new InvalidShopEventError('The hydrated order is missing (data is null); nothing to process');
  }
  return {
    orderId: text(data.id, 'order.id'),
    status: text(data.status, 'order.status'),
    createdAt: instant(data.createdAt, 'order.createdAt'),
    lines: readLines(data.lineItems),
    totals: data.totals === null || data.totals === undefined ? undefined : readTotals(data.totals),
    refunds: readRefunds(data.refunds ?? []),
  };
}

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
      sku: optionalText(line.sku, `${path}.sku`) ?? null,
      title: optionalText(line.title, `${path}.title`) ?? null,
      quantity,
      unitPrice: readMoney(line.unitPrice, `${path}.unitPrice`),
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
      outcome: text(refund.outcome, `${path}.outcome`),
      createdAt: instant(refund.createdAt, `${path}.createdAt`),
      amount: readMoney(refund.amount, `${path}.amount`),
    };
  });
}
