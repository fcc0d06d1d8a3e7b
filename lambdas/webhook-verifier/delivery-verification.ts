/**
 * Delivery-provider webhooks: HMAC-SHA256 signatures (lambdas/shared/delivery-signature.ts) checked
 * against the request's receive time, then the documented body turned into the verified event.
 */
import {
  DELIVERY_SIGNATURE_TOLERANCE_SECONDS,
  deliverySignatureMatches,
  parseDeliverySignatureHeader,
} from '../shared/delivery-signature';
import { DELIVERY_DETAIL_TYPES, DELIVERY_SOURCE } from '../shared/contracts';
import type { BusEvent } from '../shared/ports';
import type { WebhookEnvelope } from './envelope';
import { RejectedWebhookError } from './errors';

/** Body `type` → verified detail-type. */
export { DELIVERY_DETAIL_TYPES };

const FIELDS = ['id', 'orderId', 'customerId', 'trackingNumber', 'occurredAt'] as const;

/** Rejections that need no secret: the header is missing or unreadable. */
export function checkDeliveryHeader(envelope: WebhookEnvelope): void {
  if (envelope.signature.trim() === '') {
    throw new RejectedWebhookError('missing-signature', 'The request had no X-Hydrant-Signature header');
  }
  if (!parseDeliverySignatureHeader(envelope.signature)) {
    throw new RejectedWebhookError(
      'malformed-signature',
      'The X-Hydrant-Signature header is not t=<unix seconds>,v1=<64 hex digits>',
    );
  }
}

export function verifyDelivery(envelope: WebhookEnvelope, secrets: readonly string[]): BusEvent {
  checkDeliveryHeader(envelope);
  const header = parseDeliverySignatureHeader(envelope.signature)!;
  if (!secrets.some((secret) => deliverySignatureMatches(envelope.body, secret, header))) {
    throw new RejectedWebhookError(
      'bad-signature',
      `The signature matches none of the ${secrets.length} active secrets of ${envelope.provider}`,
    );
  }
  const skewSeconds = Math.abs(envelope.receivedAt / 1000 - header.timestamp);
  if (skewSeconds > DELIVERY_SIGNATURE_TOLERANCE_SECONDS) {
    throw new RejectedWebhookError(
      'stale',
      `The signature time is ${Math.round(skewSeconds)} s away from the request's receive time ` +
        `(tolerance ${DELIVERY_SIGNATURE_TOLERANCE_SECONDS} s)`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(envelope.body);
  } catch (cause) {
    throw new RejectedWebhookError('invalid-json', 'The signed body is not JSON', { cause });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RejectedWebhookError('invalid-payload', 'The signed body is not a JSON object');
  }
  const b = body as Record<string, unknown>;
  const known =
    typeof b.type === 'string' && Object.prototype.hasOwnProperty.call(DELIVERY_DETAIL_TYPES, b.type);
  const detailType = known ? DELIVERY_DETAIL_TYPES[b.type as keyof typeof DELIVERY_DETAIL_TYPES] : undefined;
  if (!detailType) {
    throw new RejectedWebhookError(
      'unknown-type',
      `Unknown delivery event type ${JSON.stringify(b.type)}; expected one of ${Object.keys(DELIVERY_DETAIL_TYPES).join(', ')}`,
    );
  }
  const missing = FIELDS.filter((f) => typeof b[f] !== 'string' || b[f] === '');
  if (Number.isNaN(Date.parse(String(b.occurredAt))) && !missing.includes('occurredAt'))
    missing.push('occurredAt');
  if (missing.length > 0) {
    throw new RejectedWebhookError('invalid-payload', `The delivery event lacks valid ${missing.join(', ')}`);
  }
  return {
    source: DELIVERY_SOURCE,
    detailType,
    detail: {
      provider: envelope.provider,
      eventId: b.id,
      orderId: b.orderId,
      customerId: b.customerId,
      trackingNumber: b.trackingNumber,
      occurredAt: b.occurredAt,
    },
  };
}
