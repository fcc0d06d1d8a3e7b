/**
 * Invoice and credit-note documents computed from a hydrated partner order, in integer minor units.
 *
 * Reconciliation: when the partner resolved the order's totals, the invoice uses the partner's
 * rollup charges (`totals.tax`, `totals.shipping`, `totals.discount`: what the buyer was charged;
 * jurisdictional tax is the partner's calculation) and must reconcile exactly with
 * `summary.totalPrice`: Σ(quantity × unitPrice) = subtotal, and
 * subtotal − discount + shipping + tax = total. When the totals are unresolved (partial
 * hydration), tax is `subtotal × taxRateBasisPoints / 10 000` rounded half up, shipping and
 * discount are 0, and the invoice is marked `provisional`.
 * Documents hold no wall-clock time, so a repeated event rewrites identical bytes.
 */
import { MoneyError } from '../shop/errors';
import { InvalidShopEventError } from '../shop/errors';
import { add, applyBasisPoints, multiply, subtract, sum, type Money } from '../shop/money';
import type { OrderRefund, PartnerOrder } from '../shop/partner-order';

export interface InvoiceLine {
  readonly lineItemId: string;
  readonly itemId: string;
  readonly sku: string | null;
  readonly title: string | null;
  readonly quantity: number;
  readonly unitPrice: number;
  /** quantity × unitPrice */
  readonly lineTotal: number;
}

export interface Invoice {
  readonly documentType: 'invoice';
  readonly invoiceNumber: string;
  readonly orderId: string;
  readonly issuedAt: string;
  /** ISO 4217; every amount below is an integer in its minor units. */
  readonly currency: string;
  readonly lines: readonly InvoiceLine[];
  readonly subtotal: number;
  readonly discount: number;
  readonly shipping: number;
  readonly tax: number;
  /** subtotal − discount + shipping + tax */
  readonly total: number;
  readonly taxBasis: 'partner-totals' | 'configured-rate';
  readonly taxRateBasisPoints?: number;
  readonly provisional: boolean;
  readonly sourceEventId: string;
  readonly hydratedObject: string;
}

export interface CreditNote {
  readonly documentType: 'credit_note';
  readonly creditNoteNumber: string;
  readonly orderId: string;
  readonly invoice: string;
  readonly refundId: string;
  readonly issuedAt: string;
  readonly currency: string;
  readonly amount: number;
  readonly sourceEventId: string;
  readonly hydratedObject: string;
}

export interface Provenance {
  readonly sourceEventId: string;
  readonly hydratedObject: string;
}

export function invoiceKey(orderId: string): string {
  return `invoices/${encodeURIComponent(orderId)}.json`;
}

export function creditNoteKey(orderId: string, refundId: string): string {
  return `invoices/${encodeURIComponent(orderId)}/credit-${encodeURIComponent(refundId)}.json`;
}

export function buildInvoice(
  order: PartnerOrder,
  taxRateBasisPoints: number,
  provenance: Provenance,
): Invoice {
  if (order.lines.length === 0) {
    throw new InvalidShopEventError(`Order ${order.orderId} has no line items; there is nothing to invoice`);
  }
  const currency = order.lines[0].unitPrice.currencyCode;
  const lines = order.lines.map((line) => {
    const lineTotal = multiply(line.unitPrice, line.quantity);
    if (
      lineTotal.amount !== line.lineTotal.amount ||
      lineTotal.currencyCode !== line.lineTotal.currencyCode
    ) {
      throw new MoneyError(
        `Order ${order.orderId} line ${line.lineItemId}: ${line.quantity} × ${line.unitPrice.amount} = ` +
          `${lineTotal.amount}, but the hydrated order says ${line.lineTotal.amount}; replay the event`,
      );
    }
    return { line, lineTotal };
  });
  const subtotal = sum(
    lines.map((l) => l.lineTotal),
    currency,
  );
  const { discount, shipping, tax, basis } = charges(order, subtotal, taxRateBasisPoints);
  const total = add(add(subtract(subtotal, discount), shipping), tax);
  if (order.totals && subtotal.amount !== order.totals.subtotal.amount) {
    throw new MoneyError(
      `Order ${order.orderId}: the lines add up to ${subtotal.amount} ${currency}, but the partner's ` +
        `subtotal is ${order.totals.subtotal.amount}; no invoice was issued`,
    );
  }
  if (order.totals && total.amount !== order.totals.total.amount) {
    throw new MoneyError(
      `Order ${order.orderId}: subtotal ${subtotal.amount} − discount ${discount.amount} + shipping ` +
        `${shipping.amount} + tax ${tax.amount} = ${total.amount} ${currency}, but the partner charged ` +
        `${order.totals.total.amount} (summary.totalPrice); no invoice was issued`,
    );
  }
  return {
    documentType: 'invoice',
    invoiceNumber: `INV-${order.orderId}`,
    orderId: order.orderId,
    issuedAt: order.createdAt,
    currency,
    lines: lines.map(({ line, lineTotal }) => ({
      lineItemId: line.lineItemId,
      itemId: line.itemId,
      sku: line.sku,
      title: line.title,
      quantity: line.quantity,
      unitPrice: line.unitPrice.amount,
      lineTotal: lineTotal.amount,
    })),
    subtotal: subtotal.amount,
    discount: discount.amount,
    shipping: shipping.amount,
    tax: tax.amount,
    total: total.amount,
    taxBasis: basis,
    ...(basis === 'configured-rate' && { taxRateBasisPoints }),
    provisional: basis === 'configured-rate',
    sourceEventId: provenance.sourceEventId,
    hydratedObject: provenance.hydratedObject,
  };
}

function charges(
  order: PartnerOrder,
  subtotal: Money,
  taxRateBasisPoints: number,
): { discount: Money; shipping: Money; tax: Money; basis: Invoice['taxBasis'] } {
  const none = { amount: 0, currencyCode: subtotal.currencyCode };
  if (order.totals) {
    // add() with a zero of the invoice currency rejects totals in another currency.
    return {
      discount: add(none, order.totals.discount),
      shipping: add(none, order.totals.shipping),
      tax: add(none, order.totals.tax),
      basis: 'partner-totals',
    };
  }
  return {
    discount: none,
    shipping: none,
    tax: applyBasisPoints(subtotal, taxRateBasisPoints),
    basis: 'configured-rate',
  };
}

/**
 * One credit note per succeeded refund payment the hydrated order lists. The partner's refund
 * payments carry an amount but no line breakdown, so a credit note credits an amount.
 */
export function buildCreditNotes(order: PartnerOrder, provenance: Provenance): CreditNote[] {
  const succeeded = order.refunds.filter((r) => r.outcome === 'succeeded');
  if (succeeded.length === 0) {
    throw new InvalidShopEventError(
      `Order ${order.orderId}: REFUND_SUCCESS, but the hydrated order lists no succeeded refund payment ` +
        '(or the partner could not resolve them); replay the event once the partner shows it',
    );
  }
  if (order.totals) {
    const refunded = sum(
      succeeded.map((r) => r.amount),
      order.totals.total.currencyCode,
    );
    if (refunded.amount > order.totals.total.amount) {
      throw new MoneyError(
        `Order ${order.orderId}: refunds add up to ${refunded.amount}, more than the ${order.totals.total.amount} ` +
          'charged; no credit note was issued',
      );
    }
  }
  return succeeded.map((refund) => creditNote(order.orderId, refund, provenance));
}

function creditNote(orderId: string, refund: OrderRefund, provenance: Provenance): CreditNote {
  return {
    documentType: 'credit_note',
    creditNoteNumber: `CN-${orderId}-${refund.refundId}`,
    orderId,
    invoice: invoiceKey(orderId),
    refundId: refund.refundId,
    issuedAt: refund.createdAt,
    currency: refund.amount.currencyCode,
    amount: refund.amount.amount,
    sourceEventId: provenance.sourceEventId,
    hydratedObject: provenance.hydratedObject,
  };
}
