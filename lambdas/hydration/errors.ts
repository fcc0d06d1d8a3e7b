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

/**
 * A non-2xx HTTP answer. Retryable: 408 Request Timeout, 425 Too Early, 429 and 5xx (what the
 * AWS SDKs retry too); any other status is permanent.
 */
export class PartnerHttpError extends HydrationError {
  readonly retryable: boolean;
  readonly errorType: string;
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'PartnerHttpError';
    this.retryable = RETRYABLE_STATUSES.has(status) || status >= 500;
    this.errorType =
      status === 429 ? 'Throttled' : this.retryable ? `Http${status >= 500 ? '5xx' : status}` : 'Http4xx';
  }
}

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 425, 429]);

/**
 * A 2xx answer that is not JSON at all, typically an HTML error or maintenance page from a proxy,
 * load balancer or CDN in front of the partner: an upstream hiccup, so retryable.
 */
export class PartnerUpstreamPageError extends HydrationError {
  readonly retryable = true;
  readonly errorType = 'UpstreamPage';
  constructor(
    readonly status: number,
    readonly contentType: string,
    options?: ErrorOptions,
  ) {
    super(
      `The partner answered HTTP ${status} with ${contentType || 'a body'} that is not a GraphQL response (an upstream error page)`,
      options,
    );
    this.name = 'PartnerUpstreamPageError';
  }
}

/**
 * The partner's data cannot be turned into hydrant's normalized form exactly (see
 * lambdas/shared/partner-mapping): the same answer fails the same way, so it is permanent.
 */
export class PartnerDataError extends HydrationError {
  readonly retryable = false;
  readonly errorType = 'PartnerDataInvalid';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PartnerDataError';
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
