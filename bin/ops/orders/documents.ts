/**
 * What else the pipeline keeps for an order: its hydrated objects (`hydrated/orders/<id>/`), its
 * invoice (`invoices/<id>.json`) and credit notes (`invoices/<id>/credit-<refundId>.json`).
 * Keys follow DESIGN §4 and `lambdas/invoices/invoice.ts`.
 */
import { creditNoteKey, invoiceKey } from '../../../lambdas/invoices/invoice';
import { listObjects, type ObjectSummary } from '../objects/objects';
import type { OpsTarget } from '../context';

export interface OrderDocuments {
  readonly hydrated: readonly ObjectSummary[];
  readonly invoice?: ObjectSummary;
  readonly creditNotes: readonly ObjectSummary[];
}

export async function orderDocuments(target: OpsTarget, orderId: string): Promise<OrderDocuments> {
  const invoice = invoiceKey(orderId);
  const creditPrefix = creditNoteKey(orderId, '').replace(/\.json$/, '');
  const [hydrated, invoices, credits] = await Promise.all([
    listObjects(target, `hydrated/orders/${orderId}/`, 1000),
    listObjects(target, invoice, 1),
    listObjects(target, creditPrefix, 1000),
  ]);
  return {
    hydrated,
    invoice: invoices.find((o) => o.key === invoice),
    creditNotes: credits,
  };
}
