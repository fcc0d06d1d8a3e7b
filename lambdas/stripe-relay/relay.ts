/**
 * Stripe's EventBridge destination, as a second way in: an event on the Stripe partner bus
 * (`source: aws.partner/stripe.com/…`, `detail`: the Stripe event) becomes the event the webhook
 * verifier would publish for the same Stripe event: source `stripe`, detail-type the Stripe event
 * type, detail the Stripe event unchanged. AWS has already authenticated the partner source, so
 * no signature is checked here. The shop services key their writes by the Stripe event id, so the
 * same event arriving through both ways changes nothing twice.
 */
import { STRIPE_SOURCE } from '../shared/contracts';
import type { BusEvent } from '../shared/ports';
import { NotAStripeEventError } from './errors';

export interface PartnerBusEvent {
  readonly id?: string;
  readonly source?: string;
  readonly 'detail-type'?: string;
  readonly detail?: unknown;
}

export function relayedEvent(event: PartnerBusEvent, expectedSource: string): BusEvent {
  if (event.source !== expectedSource) {
    throw new NotAStripeEventError(`source is "${String(event.source)}", expected "${expectedSource}"`);
  }
  const detail = event.detail as { id?: unknown; type?: unknown; object?: unknown } | null | undefined;
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail))
    throw new NotAStripeEventError('detail is not an object');
  // The same checks the webhook verifier makes of a signed body.
  if (typeof detail.id !== 'string' || detail.id === '')
    throw new NotAStripeEventError('detail.id (the Stripe event id) is missing');
  if (typeof detail.type !== 'string' || detail.type === '')
    throw new NotAStripeEventError('detail.type is missing');
  return { source: STRIPE_SOURCE, detailType: detail.type, detail };
}
