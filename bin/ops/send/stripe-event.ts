/**
 * Test Stripe events shaped like the ones Stripe sends (API v1 snapshot events), and their
 * `Stripe-Signature` header computed by stripe-node itself.
 */
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { UsageError } from '../errors';

export interface StripeEventOptions {
  readonly type: string;
  readonly orderId?: string;
  /** JSON of the event's `data.object`, or of a whole event (`"object": "event"`), sent unchanged. */
  readonly payload?: unknown;
  readonly now?: Date;
}

const STRIPE_TYPE = /^[a-z_]+(\.[a-z_]+)+$/;

export function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}

export function buildStripeEvent(options: StripeEventOptions): Record<string, unknown> {
  if (!STRIPE_TYPE.test(options.type)) {
    throw new UsageError(`"${options.type}" is not a Stripe event type (e.g. payment_intent.succeeded)`);
  }
  const payload = options.payload as Record<string, unknown> | undefined;
  if (payload !== undefined && (typeof payload !== 'object' || payload === null || Array.isArray(payload))) {
    throw new UsageError('The payload file must hold a JSON object');
  }
  if (payload?.object === 'event') {
    if (payload.type !== options.type) {
      throw new UsageError(`The payload file is a ${String(payload.type)} event, not ${options.type}`);
    }
    return payload;
  }
  const now = options.now ?? new Date();
  const created = Math.floor(now.getTime() / 1000);
  const object = { ...defaultObject(options.type, created), ...payload };
  if (options.orderId !== undefined) {
    object.metadata = {
      ...(object.metadata as Record<string, unknown> | undefined),
      orderId: options.orderId,
    };
  }
  return {
    id: randomId('evt'),
    object: 'event',
    api_version: Stripe.API_VERSION,
    created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: options.type,
  };
}

/** A plausible `data.object` for the event types the shop services consume; a bare one otherwise. */
function defaultObject(type: string, created: number): Record<string, unknown> {
  const resource = type.slice(0, type.lastIndexOf('.'));
  if (resource === 'payment_intent') {
    const failed = type === 'payment_intent.payment_failed';
    return {
      id: randomId('pi'),
      object: 'payment_intent',
      amount: 4999,
      amount_received: failed ? 0 : 4999,
      currency: 'usd',
      created,
      livemode: false,
      metadata: {},
      status: failed ? 'requires_payment_method' : 'succeeded',
      last_payment_error: failed ? { code: 'card_declined', message: 'Your card was declined.' } : null,
    };
  }
  if (resource === 'charge') {
    const refunded = type === 'charge.refunded';
    return {
      id: randomId('ch'),
      object: 'charge',
      amount: 4999,
      amount_refunded: refunded ? 4999 : 0,
      currency: 'usd',
      created,
      livemode: false,
      metadata: {},
      paid: true,
      refunded,
      payment_intent: randomId('pi'),
      status: 'succeeded',
    };
  }
  return {
    id: randomId('obj'),
    object: resource.replace(/\./g, '_'),
    created,
    livemode: false,
    metadata: {},
  };
}

/** The `Stripe-Signature` header for `body`, as Stripe computes it (v1 scheme). */
export function stripeSignature(body: string, secret: string, now: Date = new Date()): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret,
    timestamp: Math.floor(now.getTime() / 1000),
  });
}
