/**
 * Errors of the webhook verifier. A `RejectedWebhookError` is a verdict about the webhook (it is
 * recorded under `rejected/` and never retried); a `SigningSecretMissingError` is an operator's
 * job (it is thrown, so Lambda retries and the DLQ keeps the webhook for a redrive); a
 * `SecretRefreshPendingError` defers a verdict that stale cached secrets could get wrong.
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

/**
 * No cached secret matched and the secrets were re-read too recently to re-read them again. The
 * signature may be genuine, made with a secret added since the last read, so no verdict is given:
 * the invocation fails and is retried after the refresh interval, when the secrets are re-read.
 */
export class SecretRefreshPendingError extends OperationalError {
  constructor(provider: string, retryAfterMs: number) {
    super(
      `No cached ${provider} signing secret matched and the secrets were re-read less than ` +
        `${Math.ceil(retryAfterMs / 1000)} s ago; failing so the retry re-reads them before a verdict`,
    );
    this.name = 'SecretRefreshPendingError';
  }
}
