/**
 * Hydration failures. Every failure is one of these classes, and each knows whether retrying can
 * help (`retryable`) and the short `errorType` that goes into metrics and DLQ message attributes
 * (DESIGN §6: network, timeout, 429, 5xx and throttling are retryable; the rest is permanent).
 * They are `HydrantError`s like every error the Lambdas define (lambdas/shared/errors.ts).
 */
import { HydrantError } from '../shared/errors';

export abstract class HydrationError extends HydrantError {
  abstract readonly retryable: boolean;
  abstract readonly errorType: string;
}

/** The queued event is not a partner event hydrant can hydrate; fix the producer, then redrive. */
export class InvalidEventError extends HydrationError {
  readonly retryable = false;
  readonly errorType = 'InvalidEvent';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidEventError';
  }
}

/** The partner secret does not hold usable credentials; fix the secret, then redrive the DLQ. */
export class PartnerCredentialsError extends HydrationError {
  readonly retryable = false;
  readonly errorType = 'PartnerCredentialsInvalid';
  constructor(message: string) {
    super(message);
    this.name = 'PartnerCredentialsError';
  }
}

/** The request never got an HTTP answer (connection refused or reset, DNS). */
export class PartnerNetworkError extends HydrationError {
  readonly retryable = true;
  readonly errorType = 'Network';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PartnerNetworkError';
  }
}

/** The partner did not answer within REQUEST_TIMEOUT_MS. */
export class PartnerTimeoutError extends HydrationError {
  readonly retryable = true;
  readonly errorType = 'Timeout';
  constructor(timeoutMs: number, options?: ErrorOptions) {
    super(`The partner did not answer within ${timeoutMs} ms`, options);
    this.name = 'PartnerTimeoutError';
  }
}

/** A non-2xx HTTP answer: 429 and 5xx are retryable, any other status is permanent. */
export class PartnerHttpError extends HydrationError {
  readonly retryable: boolean;
  readonly errorType: string;
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'PartnerHttpError';
    this.retryable = status === 429 || status >= 500;
    this.errorType = status === 429 ? 'Throttled' : status >= 500 ? 'Http5xx' : 'Http4xx';
  }
}

/** HTTP 200 with an `errors` block and no data for the query (throttling errors are retryable). */
export class PartnerGraphQLError extends HydrationError {
  readonly retryable: boolean;
  readonly errorType: string;
  constructor(
    readonly partnerErrorTypes: readonly string[],
    message: string,
    retryable: boolean,
  ) {
    super(message);
    this.name = 'PartnerGraphQLError';
    this.retryable = retryable;
    this.errorType = retryable ? 'PartnerTransient' : 'PartnerGraphQL';
  }
}

/**
 * The partner answered `null` for the order or item. Its reads can lag its own events, so this is
 * retryable until the attempt limit (the classifier makes the last attempt permanent).
 */
export class PartnerNotFoundError extends HydrationError {
  readonly retryable = true;
  readonly errorType = 'NotFound';
  constructor(message: string) {
    super(message);
    this.name = 'PartnerNotFoundError';
  }
}

/** The answer is not the GraphQL response shape the operation asks for (schema drift). */
export class PartnerResponseError extends HydrationError {
  readonly retryable = false;
  readonly errorType = 'SchemaMismatch';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PartnerResponseError';
  }
}
