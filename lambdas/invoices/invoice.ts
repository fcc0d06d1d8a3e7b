/**
 * Invoice and credit-note documents computed from a hydrated partner order, in integer minor units.
 *
 * Tax rule: when the partner resolved the order's totals, the invoice uses the partner's
 * `totals.tax` and `totals.shipping` (that is what the buyer was charged; jurisdictional tax is the
 * partner's calculation), and the computed total must equal the partner's `totals.total`. When
 * the totals are unresolved (partial hydration), tax is `subtotal × taxRateBasisPoints / 10 000`
 * rounded half up, shipping is 0, and the invoice is marked `provisional`.
 * Documents hold no wall-clock time, so a repeated event rewrites identical bytes.
 */
import { MoneyError } from '../shop/errors';
import { InvalidShopEventError } from '../shop/errors';
import { add, applyBasisPoints, multiply, subtract, sum, type Money } from '../shop/money';
import type { OrderRefund, PartnerOrder } from '../shop/partner-order';

export interface InvoiceLine {
  readonly lineItemId: string;
  readonly itemId: string;
  readonly sku: string;
  readonly title: string;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly discount: number;
  /** quantity × unitPrice − discount */
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
  readonly shipping: number;
  readonly tax: number;
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
  readonly reason: string;
  readonly issuedAt: string;
  readonly currency: string;
  readonly lines: readonly { lineItemId: string; sku?: string; quantity: number; amount: number }[];
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
    const lineTotal = subtract(multiply(line.unitPrice, line.quantity), line.discount);
    if (
      lineTotal.amount !== line.lineTotal.amount ||
      lineTotal.currencyCode !== line.lineTotal.currencyCode
    ) {
      throw new MoneyError(
        `Order ${order.orderId} line ${line.lineItemId}: ${line.quantity} × ${line.unitPrice.amount} − ` +
          `${line.discount.amount} = ${lineTotal.amount}, but the partner says ${line.lineTotal.amount}; ` +
          'fix the partner data and replay the event',
      );
    }
    return { line, lineTotal };
  });
  const subtotal = sum(
    lines.map((l) => l.lineTotal),
    currency,
  );
  const { shipping, tax, basis } = taxAndShipping(order, subtotal, taxRateBasisPoints);
  const total = add(add(subtotal, shipping), tax);
  if (order.totals && total.amount !== order.totals.total.amount) {
    throw new MoneyError(
      `Order ${order.orderId}: subtotal ${subtotal.amount} + shipping ${shipping.amount} + tax ${tax.amount} = ` +
        `${total.amount} ${currency}, but the partner charged ${order.totals.total.amount}; no invoice was issued`,
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
      discount: line.discount.amount,
      lineTotal: lineTotal.amount,
    })),
    subtotal: subtotal.amount,
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

function taxAndShipping(
  order: PartnerOrder,
  subtotal: Money,
  taxRateBasisPoints: number,
): { shipping: Money; tax: Money; basis: Invoice['taxBasis'] } {
  if (order.totals) {
    // add() with a zero of the invoice currency rejects totals in another currency.
    const none = { amount: 0, currencyCode: subtotal.currencyCode };
    return {
      shipping: add(none, order.totals.shipping),
      tax: add(none, order.totals.tax),
      basis: 'partner-totals',
    };
  }
  return {
    shipping: { amount: 0, currencyCode: subtotal.currencyCode },
    tax: applyBasisPoints(subtotal, taxRateBasisPoints),
    basis: 'configured-rate',
  };
}

/** One credit note per succeeded refund the hydrated order lists. */
export function buildCreditNotes(order: PartnerOrder, provenance: Provenance): CreditNote[] {
  if (!order.refunds) {
    throw new InvalidShopEventError(
      `Order ${order.orderId}: the partner did not resolve its refunds (partial hydration), so no credit ` +
        'note can be issued; replay the REFUND_SUCCESS event once the partner answers completely',
    );
  }
  const succeeded = order.refunds.filter((r) => r.status === 'SUCCESS');
  if (succeeded.length === 0) {
    throw new InvalidShopEventError(
      `Order ${order.orderId}: REFUND_SUCCESS, but the hydrated order lists no succeeded refund; ` +
        'replay the event once the partner shows it',
    );
  }
  const skus = new Map(order.lines.map((l) => [l.lineItemId, l.sku]));
  return succeeded.map((refund) => creditNote(order.orderId, refund, skus, provenance));
}

function creditNote(
  orderId: string,
  refund: OrderRefund,
  skus: ReadonlyMap<string, string>,
  provenance: Provenance,
): CreditNote {
  const lineSum = sum(
    refund.lines.map((l) => l.amount),
    refund.amount.currencyCode,
  );
  if (lineSum.amount > refund.amount.amount) {
    throw new MoneyError(
      `Refund ${refund.refundId} of order ${orderId}: its lines add up to ${lineSum.amount}, more than the ` +
        `refund's ${refund.amount.amount}; no credit note was issued`,
    );
  }
  return {
    documentType: 'credit_note',
    creditNoteNumber: `CN-${refund.refundId}`,
    orderId,
    invoice: invoiceKey(orderId),
    refundId: refund.refundId,
    reason: refund.reason,
    issuedAt: refund.createdAt,
    currency: refund.amount.currencyCode,
    lines: refund.lines.map((l) => ({
      lineItemId: l.lineItemId,
      ...(skus.has(l.lineItemId) && { sku: skus.get(l.lineItemId) }),
      quantity: l.quantity,
      amount: l.amount.amount,
    })),
    amount: refund.amount.amount,
    sourceEventId: provenance.sourceEventId,
    hydratedObject: provenance.hydratedObject,
  };
}
