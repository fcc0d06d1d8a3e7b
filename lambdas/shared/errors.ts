/**
 * Errors shared by every Lambda. A handler decides what to do with a failure by its class:
 * an `OperationalError` (AWS or network trouble) is thrown so the platform retries; anything the
 * domain calls permanent is recorded with its reason instead.
 */

/**
 * The one base of the Lambdas' errors: each module's `errors.ts` extends it (`HydrationError`,
 * `ShopError`, `RejectedWebhookError`, …), so "one of ours" is `instanceof HydrantError`.
 */
export class HydrantError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HydrantError';
  }
}

/** An AWS dependency failed or refused part of a request; retrying may succeed. */
export class OperationalError extends HydrantError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'OperationalError';
  }
}

/** PutEvents answered 200 but rejected entries (`FailedEntryCount > 0`). */
export class PublishError extends OperationalError {
  constructor(
    message: string,
    readonly failures: readonly { errorCode?: string; errorMessage?: string }[],
  ) {
    super(message);
    this.name = 'PublishError';
  }
}

/** A conditional S3 write lost a race (HTTP 412): re-read and decide again. */
export class PreconditionFailedError extends HydrantError {
  constructor(
    readonly key: string,
    options?: ErrorOptions,
  ) {
    super(`Object ${key} changed since it was read`, options);
    this.name = 'PreconditionFailedError';
  }
}
