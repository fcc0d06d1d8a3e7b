/**
 * Parses and validates the partner events the hydrators receive (the EventBridge event is the SQS
 * message body). Anything that cannot be hydrated is an `InvalidEventError`, which is permanent.
 */
import { InvalidEventError } from './errors';

import { BUYABILITY_DETAIL_TYPE, ORDER_EVENT_TYPES, type OrderEventType } from '../shared/contracts';

export {
  BUYABILITY_DETAIL_TYPE,
  BUYABILITY_EVENT_TYPE,
  ORDER_EVENT_TYPES,
  type OrderEventType,
} from '../shared/contracts';

/** The EventBridge envelope fields hydrant relies on. */
export interface PartnerEvent {
  readonly id: string;
  readonly source: string;
  readonly 'detail-type': string;
  readonly time: string;
  readonly detail: Record<string, unknown>;
  readonly [field: string]: unknown;
}

export interface OrderEventRef {
  readonly event: PartnerEvent;
  readonly eventType: OrderEventType;
  readonly orderId: string;
}

export type ItemEventRef =
  | { readonly kind: 'item'; readonly event: PartnerEvent; readonly itemId: string }
  | { readonly kind: 'skipped'; readonly event: PartnerEvent; readonly reason: string };

/** Ids become S3 key segments: no slashes, no spaces, bounded length. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function parseEnvelope(body: string, expectedSource: string): PartnerEvent {
  let event: unknown;
  try {
    event = JSON.parse(body);
  } catch (cause) {
    throw new InvalidEventError('The message body is not JSON; expected an EventBridge event', { cause });
  }
  if (!isRecord(event)) throw new InvalidEventError('The message body is not an EventBridge event object');
  const problems: string[] = [];
  if (typeof event.id !== 'string' || !SAFE_ID.test(event.id)) problems.push('id must be a key-safe string');
  if (event.source !== expectedSource) {
    problems.push(`source must be "${expectedSource}" (got ${JSON.stringify(event.source)})`);
  }
  if (typeof event['detail-type'] !== 'string') problems.push('detail-type must be a string');
  if (typeof event.time !== 'string' || !ISO_TIME.test(event.time))
    problems.push('time must be an ISO 8601 time');
  if (!isRecord(event.detail)) problems.push('detail must be an object');
  if (problems.length > 0) throw new InvalidEventError(`Invalid partner event: ${problems.join('; ')}`);
  return event as PartnerEvent;
}

export function parseOrderEvent(body: string, expectedSource: string): OrderEventRef {
  const event = parseEnvelope(body, expectedSource);
  const { eventType, orderIdentifier } = event.detail;
  const problems: string[] = [];
  if (!ORDER_EVENT_TYPES.includes(eventType as OrderEventType)) {
    problems.push(
      `detail.eventType must be one of ${ORDER_EVENT_TYPES.join(', ')} (got ${JSON.stringify(eventType)})`,
    );
  }
  const orderId = isRecord(orderIdentifier) ? orderIdentifier.orderId : undefined;
  if (typeof orderId !== 'string' || !SAFE_ID.test(orderId)) {
    problems.push(
      `detail.orderIdentifier.orderId must be 1-128 of A-Z a-z 0-9 . _ : - (got ${JSON.stringify(orderId)})`,
    );
  }
  if (problems.length > 0)
    throw new InvalidEventError(`Invalid order event ${event.id}: ${problems.join('; ')}`);
  return { event, eventType: eventType as OrderEventType, orderId: orderId as string };
}

export function parseItemEvent(body: string, expectedSource: string): ItemEventRef {
  const event = parseEnvelope(body, expectedSource);
  if (event['detail-type'] !== BUYABILITY_DETAIL_TYPE) {
    throw new InvalidEventError(
      `Event ${event.id} has detail-type "${event['detail-type']}", not ${BUYABILITY_DETAIL_TYPE}`,
    );
  }
  const item = event.detail.item;
  if (!isRecord(item) || typeof item.identifierType !== 'string') {
    throw new InvalidEventError(
      `Invalid buyability event ${event.id}: detail.item.identifierType must be a string`,
    );
  }
  if (item.identifierType !== 'itemId') {
    return {
      kind: 'skipped',
      event,
      reason: `identifierType "${item.identifierType}" is not itemId; only itemId can be queried`,
    };
  }
  const itemId = item.identifierValue;
  if (typeof itemId !== 'string' || !SAFE_ID.test(itemId)) {
    throw new InvalidEventError(
      `Invalid buyability event ${event.id}: detail.item.identifierValue must be 1-128 of A-Z a-z 0-9 . _ : - (got ${JSON.stringify(itemId)})`,
    );
  }
  return { kind: 'item', event, itemId };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
