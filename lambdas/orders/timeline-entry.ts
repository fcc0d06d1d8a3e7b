/**
 * Turns a trusted event (hydrated partner order, verified Stripe event, verified delivery event)
 * into the order timeline entry it stands for, or says why it does not concern an order.
 */
import { DELIVERY_SOURCE, STRIPE_SOURCE } from '../shared/contracts';
import type { ObjectStore } from '../shared/ports';
import type { BusEnvelope } from '../shop/bus-event';
import { instant, integer, isRecord, optionalText, record, text } from '../shop/fields';
import {
  HYDRATION_SOURCE,
  ORDER_HYDRATED,
  loadHydratedData,
  parseHydratedDetail,
  partnerEventTime,
} from '../shop/hydrated-event';
import { readPartnerOrder } from '../shop/partner-order';
import type { TimelineEntry, TimelineKind } from '../shop/timeline';

export type Interpretation = { readonly entry: TimelineEntry } | { readonly skipped: string };

export const STRIPE_KINDS: Readonly<Record<string, TimelineKind | 'refund'>> = {
  'payment_intent.succeeded': 'paid',
  'payment_intent.payment_failed': 'payment_failed',
  'charge.refunded': 'refund',
};

export const DELIVERY_KINDS: Readonly<Record<string, TimelineKind>> = {
  DeliveryStarted: 'shipped',
  Delivered: 'delivered',
  DeliveryCanceled: 'canceled',
  DeliveryFailed: 'delivery_failed',
};

export async function interpret(event: BusEnvelope, store: ObjectStore, now: Date): Promise<Interpretation> {
  const detailType = event['detail-type'];
  const recordedAt = now.toISOString();
  if (event.source === HYDRATION_SOURCE && detailType === ORDER_HYDRATED) {
    return fromHydratedOrder(event, store, recordedAt);
  }
  if (event.source === STRIPE_SOURCE && detailType in STRIPE_KINDS) return fromStripe(event, recordedAt);
  if (event.source === DELIVERY_SOURCE && detailType in DELIVERY_KINDS)
    return fromDelivery(event, recordedAt);
  return { skipped: `${event.source} "${detailType}" does not change an order's timeline` };
}

async function fromHydratedOrder(
  event: BusEnvelope,
  store: ObjectStore,
  recordedAt: string,
): Promise<Interpretation> {
  const detail = parseHydratedDetail(ORDER_HYDRATED, event.detail);
  const base = {
    orderId: detail.subjectId,
    eventId: detail.sourceEventId,
    occurredAt: partnerEventTime(detail, event.time),
    source: HYDRATION_SOURCE,
    detailType: ORDER_HYDRATED,
    recordedAt,
  } as const;
  if (detail.eventType === 'ORDER_PLACED') {
    return { entry: { ...base, kind: 'placed', details: { hydratedObject: detail.object.key } } };
  }
  if (detail.eventType !== 'ORDER_UPDATED' && detail.eventType !== 'REFUND_SUCCESS') {
    return { skipped: `Order Hydrated with eventType ${detail.eventType} is not a timeline event` };
  }
  const order = readPartnerOrder(await loadHydratedData(detail, 'order', store));
  const details = {
    hydratedObject: detail.object.key,
    partnerStatus: order.status,
    complete: detail.complete,
    ...(order.totals && {
      currency: order.totals.total.currencyCode,
      total: order.totals.total.amount,
      refunded: order.totals.refunded.amount,
    }),
  };
  if (detail.eventType === 'ORDER_UPDATED') {
    const kind = order.status === 'CANCELLED' ? 'canceled' : 'updated';
    return { entry: { ...base, kind, details } };
  }
  // A refund is full only when provably so: partial data without totals counts as partial.
  const full = order.totals !== undefined && order.totals.refunded.amount >= order.totals.total.amount;
  return { entry: { ...base, kind: full ? 'refunded' : 'partially_refunded', details } };
}

function fromStripe(event: BusEnvelope, recordedAt: string): Interpretation {
  const stripeEvent = record(event.detail, 'detail');
  const object = record(record(stripeEvent.data, 'detail.data').object, 'detail.data.object');
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const orderId = optionalText(metadata.orderId, 'detail.data.object.metadata.orderId');
  const eventId = text(stripeEvent.id, 'detail.id');
  if (!orderId) {
    return {
      skipped: `Stripe event ${eventId} has no data.object.metadata.orderId; it is not tied to an order`,
    };
  }
  const mapped = STRIPE_KINDS[event['detail-type']];
  const amount = typeof object.amount === 'number' ? object.amount : null;
  const amountRefunded = typeof object.amount_refunded === 'number' ? object.amount_refunded : null;
  const kind: TimelineKind =
    mapped === 'refund' ? (object.refunded === true ? 'refunded' : 'partially_refunded') : mapped;
  return {
    entry: {
      orderId,
      kind,
      eventId,
      // Stripe's `created` is in seconds since the epoch.
      occurredAt: instant(integer(stripeEvent.created, 'detail.created') * 1000, 'detail.created'),
      source: STRIPE_SOURCE,
      detailType: event['detail-type'],
      details: {
        stripeObject: text(object.id, 'detail.data.object.id'),
        currency: typeof object.currency === 'string' ? object.currency.toUpperCase() : null,
        amount,
        ...(mapped === 'refund' && { amountRefunded }),
      },
      recordedAt,
    },
  };
}

function fromDelivery(event: BusEnvelope, recordedAt: string): Interpretation {
  const detail = record(event.detail, 'detail');
  return {
    entry: {
      orderId: text(detail.orderId, 'detail.orderId'),
      kind: DELIVERY_KINDS[event['detail-type']],
      eventId: text(detail.eventId, 'detail.eventId'),
      occurredAt: instant(detail.occurredAt, 'detail.occurredAt'),
      source: DELIVERY_SOURCE,
      detailType: event['detail-type'],
      details: {
        provider: text(detail.provider, 'detail.provider'),
        trackingNumber: optionalText(detail.trackingNumber, 'detail.trackingNumber') ?? null,
      },
      recordedAt,
    },
  };
}
