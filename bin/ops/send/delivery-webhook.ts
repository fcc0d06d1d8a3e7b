/**
 * Delivery-provider webhooks per the contract in the README: a JSON body and
 * `X-Hydrant-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 over "<t>.<body>">`.
 */
import { signDeliveryBody } from '../../../lambdas/shared/delivery-signature';
import { UsageError } from '../errors';
import { randomId } from './stripe-event';

export const DELIVERY_STATUSES = ['started', 'delivered', 'canceled', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryEventOptions {
  readonly status: string;
  readonly orderId: string;
  readonly customerId?: string;
  readonly trackingNumber?: string;
  readonly now?: Date;
}

export interface DeliveryEvent {
  readonly id: string;
  readonly type: `delivery.${DeliveryStatus}`;
  readonly orderId: string;
  readonly customerId: string;
  readonly trackingNumber: string;
  readonly occurredAt: string;
}

export function buildDeliveryEvent(options: DeliveryEventOptions): DeliveryEvent {
  if (!(DELIVERY_STATUSES as readonly string[]).includes(options.status)) {
    throw new UsageError(
      `Delivery status must be one of ${DELIVERY_STATUSES.join(', ')} (got "${options.status}")`,
    );
  }
  return {
    id: randomId('dev'),
    type: `delivery.${options.status as DeliveryStatus}`,
    orderId: options.orderId,
    customerId: options.customerId ?? 'cus_local',
    trackingNumber: options.trackingNumber ?? randomId('trk').toUpperCase(),
    occurredAt: (options.now ?? new Date()).toISOString(),
  };
}

/** Signed with the scheme the verifier checks (`lambdas/shared/delivery-signature.ts`). */
export function deliverySignature(body: string, secret: string, now: Date = new Date()): string {
  return signDeliveryBody(body, secret, Math.floor(now.getTime() / 1000));
}
