/**
 * Realistic partner events, shaped like Buy with Prime's: order events carry `detail.eventType`
 * and `detail.orderIdentifier.orderId`; buyability events have detail-type
 * `santos.buyability.status.change` and `detail.item.identifierType` / `identifierValue`.
 */
import { randomBytes } from 'node:crypto';
import { BUYABILITY_DETAIL_TYPE, type OrderEventType } from '../shared/contracts';
import type { BusEvent } from '../shared/ports';

export const ORDER_EVENT_KINDS: Readonly<Record<string, { eventType: OrderEventType; detailType: string }>> =
  {
    order_placed: { eventType: 'ORDER_PLACED', detailType: 'Order Placed' },
    order_updated: { eventType: 'ORDER_UPDATED', detailType: 'Order Updated' },
    order_refund_success: { eventType: 'REFUND_SUCCESS', detailType: 'Refund Success' },
  } as const satisfies Record<string, { eventType: OrderEventType; detailType: string }>;

export type OrderEventKind = keyof typeof ORDER_EVENT_KINDS;

export function randomId(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('hex').toUpperCase()}`;
}

export function orderEvent(source: string, kind: OrderEventKind, orderId: string, now: Date): BusEvent {
  const { eventType, detailType } = ORDER_EVENT_KINDS[kind];
  return {
    source,
    detailType,
    time: now,
    detail: {
      eventType,
      eventTime: now.toISOString(),
      orderIdentifier: { orderId },
      salesChannel: 'BUY_WITH_PRIME',
    },
  };
}

export function buyabilityEvent(source: string, itemId: string, identifierType: string, now: Date): BusEvent {
  return {
    source,
    detailType: BUYABILITY_DETAIL_TYPE,
    time: now,
    detail: {
      eventTime: now.toISOString(),
      item: { identifierType, identifierValue: itemId },
      buyabilityStatus: 'BUYABLE',
      reasons: [],
    },
  };
}
