/** Errors of the Stripe relay. */
import { HydrantError } from '../shared/errors';

/** The partner bus event is not a Stripe snapshot event; retrying cannot help. */
export class NotAStripeEventError extends HydrantError {
  constructor(reason: string) {
    super(`Not a Stripe event from the configured destination: ${reason}`);
    this.name = 'NotAStripeEventError';
  }
}
