/**
 * Errors of the webhook verifier. A `RejectedWebhookError` is a verdict about the webhook (it is
 * recorded under `rejected/` and never retried); a `SigningSecretMissingError` is an operator's
 * job (it is thrown, so EventBridge retries and the target DLQ keeps the webhook for a redrive).
 */
import { HydrantError, OperationalError } from '../shared/errors';

export type RejectionReason =
  | 'malformed-envelope'
  | 'unknown-provider'
  | 'missing-signature'
  | 'malformed-signature'
  | 'bad-signature'
  | 'stale'
  | 'invalid-json'
  | 'unknown-type'
  | 'invalid-payload';

export class RejectedWebhookError extends HydrantError {
  constructor(
    readonly reason: RejectionReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'RejectedWebhookError';
  }
}

/** A provider is configured but has no signing secret yet, or a secret does not have the documented shape. */
export class SigningSecretMissingError extends OperationalError {
  constructor(message: string) {
    super(message);
    this.name = 'SigningSecretMissingError';
  }
}
