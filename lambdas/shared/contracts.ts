/**
 * hydrant's event contract (DESIGN §3), spelled once: the sources and detail-types on the bus and
 * the partner event types. The CDK constructs (rule patterns, `events:source` IAM conditions) and
 * the handlers import these; nothing else spells them.
 */

/** Unverified webhooks, as API Gateway's mapping templates put them on the bus. */
export const WEBHOOK_SOURCES = { stripe: 'webhook.stripe', delivery: 'webhook.delivery' } as const;
export type WebhookSource = (typeof WEBHOOK_SOURCES)[keyof typeof WEBHOOK_SOURCES];
/** The detail-type of every unverified webhook envelope. */
export const WEBHOOK_RECEIVED = 'Webhook Received';

/** Verified webhooks, as the webhook verifier publishes them. */
export const STRIPE_SOURCE = 'stripe';
export const DELIVERY_SOURCE = 'delivery';
export const VERIFIED_SOURCES = [STRIPE_SOURCE, DELIVERY_SOURCE] as const;

/** Delivery webhook body `type` → verified detail-type. */
export const DELIVERY_DETAIL_TYPES = {
  'delivery.started': 'DeliveryStarted',
  'delivery.delivered': 'Delivered',
  'delivery.canceled': 'DeliveryCanceled',
  'delivery.failed': 'DeliveryFailed',
} as const;
export type DeliveryDetailType = (typeof DELIVERY_DETAIL_TYPES)[keyof typeof DELIVERY_DETAIL_TYPES];
export const DELIVERY_EVENT_DETAIL_TYPES = Object.values(DELIVERY_DETAIL_TYPES) as DeliveryDetailType[];

/** Partner (Buy with Prime) order events carry one of these in `detail.eventType`. */
export const ORDER_EVENT_TYPES = ['ORDER_PLACED', 'ORDER_UPDATED', 'REFUND_SUCCESS'] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];
/** The partner's buyability events' detail-type. */
export const BUYABILITY_DETAIL_TYPE = 'santos.buyability.status.change';
/** The `eventType` hydrant gives hydrated buyability events. */
export const BUYABILITY_EVENT_TYPE = 'BUYABILITY_STATUS_CHANGE';

/** Hydrated events, as the hydrators publish them. */
export const HYDRATION_SOURCE = 'shop.hydration';
export const ORDER_HYDRATED = 'Order Hydrated';
export const ITEM_HYDRATED = 'Item Hydrated';
export type HydratedDetailType = typeof ORDER_HYDRATED | typeof ITEM_HYDRATED;

/** The only sources shop services listen to: verified or hydrated, never raw input. */
export const TRUSTED_SOURCES = [HYDRATION_SOURCE, STRIPE_SOURCE, DELIVERY_SOURCE] as const;
export type TrustedSource = (typeof TRUSTED_SOURCES)[number];
