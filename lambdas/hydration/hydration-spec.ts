/**
 * What differs between the order and the item hydrator: how the event is read, which operation is
 * sent, where the object goes (DESIGN §4) and which event announces it (DESIGN §3).
 */
import { ITEM_HYDRATED, ORDER_HYDRATED } from '../shared/contracts';
import { ITEM_BY_ID, SINGLE_ORDER } from './operations.generated';
import { BUYABILITY_EVENT_TYPE, parseItemEvent, parseOrderEvent, type PartnerEvent } from './partner-event';

export interface HydrationTarget {
  readonly event: PartnerEvent;
  readonly eventType: string;
  /** The order or item id. */
  readonly id: string;
  readonly key: string;
  readonly variables: Record<string, string>;
}

export type ParsedRecord =
  | { readonly kind: 'hydrate'; readonly target: HydrationTarget }
  | { readonly kind: 'skip'; readonly event: PartnerEvent; readonly reason: string };

export interface HydrationSpec {
  readonly name: 'order' | 'item';
  readonly operation: string;
  readonly operationName: string;
  /** The root field of the operation's answer, which is also the hydrated event's `data`. */
  readonly rootField: string;
  /** `orderId` or `itemId` in the hydrated event's detail. */
  readonly idField: string;
  readonly detailType: string;
  parse(body: string, partnerSource: string): ParsedRecord;
}

export const ORDER_HYDRATION: HydrationSpec = {
  name: 'order',
  operation: SINGLE_ORDER,
  operationName: 'singleOrder',
  rootField: 'order',
  idField: 'orderId',
  detailType: ORDER_HYDRATED,
  parse(body, partnerSource) {
    const { event, eventType, orderId } = parseOrderEvent(body, partnerSource);
    return {
      kind: 'hydrate',
      target: {
        event,
        eventType,
        id: orderId,
        key: `hydrated/orders/${orderId}/${event.time}_${eventType}_${event.id}.json`,
        variables: { orderId },
      },
    };
  },
};

export const ITEM_HYDRATION: HydrationSpec = {
  name: 'item',
  operation: ITEM_BY_ID,
  operationName: 'itemByID',
  rootField: 'item',
  idField: 'itemId',
  detailType: ITEM_HYDRATED,
  parse(body, partnerSource) {
    const parsed = parseItemEvent(body, partnerSource);
    if (parsed.kind === 'skipped') return { kind: 'skip', event: parsed.event, reason: parsed.reason };
    const { event, itemId } = parsed;
    return {
      kind: 'hydrate',
      target: {
        event,
        eventType: BUYABILITY_EVENT_TYPE,
        id: itemId,
        key: `hydrated/items/${itemId}/${event.time}_${event.id}.json`,
        variables: { itemId },
      },
    };
  },
};
