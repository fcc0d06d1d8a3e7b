/**
 * The invoices service: `ORDER_PLACED` → `invoices/<orderId>.json`; `REFUND_SUCCESS` → one credit
 * note per succeeded refund at `invoices/<orderId>/credit-<refundId>.json`. Plain overwrites: the
 * documents are deterministic, so a repeated event rewrites the same bytes.
 */
import type { ObjectStore } from '../shared/ports';
import type { BusEnvelope, ShopLogger } from '../shop/bus-event';
import {
  HYDRATION_SOURCE,
  ORDER_HYDRATED,
  loadHydratedData,
  parseHydratedDetail,
} from '../shop/hydrated-event';
import { readPartnerOrder } from '../shop/partner-order';
import { buildCreditNotes, buildInvoice, creditNoteKey, invoiceKey } from './invoice';

export interface InvoicesDeps {
  readonly store: ObjectStore;
  readonly logger: ShopLogger;
  /** Applied only when the partner's totals are unresolved; see invoice.ts. */
  readonly taxRateBasisPoints: number;
}

export type InvoiceOutcome = { readonly written: readonly string[] } | { readonly skipped: string };

export async function issueDocuments(event: BusEnvelope, deps: InvoicesDeps): Promise<InvoiceOutcome> {
  if (event.source !== HYDRATION_SOURCE || event['detail-type'] !== ORDER_HYDRATED) {
    return skip(deps, event, `${event.source} "${event['detail-type']}" is not a hydrated order`);
  }
  const detail = parseHydratedDetail(ORDER_HYDRATED, event.detail);
  if (detail.eventType !== 'ORDER_PLACED' && detail.eventType !== 'REFUND_SUCCESS') {
    return skip(deps, event, `eventType ${detail.eventType} issues no invoice document`);
  }
  const order = readPartnerOrder(await loadHydratedData(detail, 'order', deps.store));
  const provenance = { sourceEventId: detail.sourceEventId, hydratedObject: detail.object.key };
  const documents =
    detail.eventType === 'ORDER_PLACED'
      ? [{ key: invoiceKey(order.orderId), body: buildInvoice(order, deps.taxRateBasisPoints, provenance) }]
      : buildCreditNotes(order, provenance).map((note) => ({
          key: creditNoteKey(order.orderId, note.refundId),
          body: note,
        }));
  for (const document of documents) {
    await deps.store.put(document.key, `${JSON.stringify(document.body, null, 2)}\n`, {
      metadata: { 'event-id': detail.sourceEventId },
    });
  }
  const written = documents.map((d) => d.key);
  deps.logger.info('Invoice documents written', { orderId: order.orderId, keys: written });
  return { written };
}

function skip(deps: InvoicesDeps, event: BusEnvelope, reason: string): InvoiceOutcome {
  deps.logger.warn('Event skipped', { eventId: event.id, reason });
  return { skipped: reason };
}
