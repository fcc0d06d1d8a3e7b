/**
 * Stripe webhooks, verified with the stripe package against the request's own receive time, so a
 * webhook retried or redriven later still verifies while a replay of an old request does not.
 * https://docs.stripe.com/webhooks#verify-events
 */
import Stripe from 'stripe';
import { STRIPE_SOURCE } from '../shared/contracts';
import type { BusEvent } from '../shared/ports';
import type { WebhookEnvelope } from './envelope';
import { RejectedWebhookError } from './errors';

export const STRIPE_TOLERANCE_SECONDS = 300;

/** The verified event for the bus: source `stripe`, detail-type the event type, the event unchanged. */
export function verifyStripe(envelope: WebhookEnvelope, secrets: readonly string[]): BusEvent {
  if (envelope.signature.trim() === '') {
    throw new RejectedWebhookError('missing-signature', 'The request had no Stripe-Signature header');
  }
  if (!isWellFormedHeader(envelope.signature)) {
    throw new RejectedWebhookError(
      'malformed-signature',
      'The Stripe-Signature header has no t= timestamp or no v1= signature',
    );
  }
  for (const secret of secrets) {
    let event: unknown;
    try {
      // receivedAt is in milliseconds: stripe takes it as the "now" the timestamp's age is measured from.
      event = Stripe.webhooks.constructEvent(
        envelope.body,
        envelope.signature,
        secret,
        STRIPE_TOLERANCE_SECONDS,
        undefined,
        envelope.receivedAt,
      );
    } catch (error) {
      if (error instanceof SyntaxError) {
        throw new RejectedWebhookError('invalid-json', 'The signed body is not JSON', { cause: error });
      }
      if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) throw error;
      // The signature matched this secret but was made too long before the request arrived.
      if (/tolerance/i.test(error.message)) {
        throw new RejectedWebhookError(
          'stale',
          `The signature is more than ${STRIPE_TOLERANCE_SECONDS} s older than the request`,
        );
      }
      continue;
    }
    return toBusEvent(event);
  }
  throw new RejectedWebhookError(
    'bad-signature',
    `The Stripe signature matches none of the ${secrets.length} active secrets`,
  );
}

function toBusEvent(event: unknown): BusEvent {
  const e = event as { id?: unknown; type?: unknown } | null;
  if (
    typeof e !== 'object' ||
    e === null ||
    Array.isArray(e) ||
    typeof e.id !== 'string' ||
    typeof e.type !== 'string' ||
    e.type === ''
  ) {
    throw new RejectedWebhookError(
      'invalid-payload',
      'The signed body is not a Stripe event (no string id and type)',
    );
  }
  return { source: STRIPE_SOURCE, detailType: e.type, detail: event };
}

/** Stripe's own header grammar: `t=<int>` and at least one `v1=<sig>`, comma-separated. */
function isWellFormedHeader(header: string): boolean {
  const parts = header.split(',').map((p) => p.split('='));
  return (
    parts.some(([k, v]) => k === 't' && /^\d+$/.test(v ?? '')) && parts.some(([k, v]) => k === 'v1' && !!v)
  );
}
