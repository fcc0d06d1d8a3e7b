/** Ports of the hydration domain, beside the shared ones in `../shared/ports`. */

/** One GraphQL error as the partner (AppSync) reports it. */
export interface PartnerGraphQLErrorEntry {
  readonly message: string;
  readonly errorType?: string;
  readonly path?: readonly (string | number)[];
  readonly [extra: string]: unknown;
}

/** A 2xx GraphQL answer; non-2xx and transport failures are thrown as `HydrationError`s. */
export interface PartnerResponse {
  readonly status: number;
  readonly data: Record<string, unknown> | null | undefined;
  readonly errors?: readonly PartnerGraphQLErrorEntry[];
}

export interface PartnerClient {
  query(operation: string, variables: Record<string, unknown>): Promise<PartnerResponse>;
}

/**
 * Gives the bearer token and the installation id for the partner API; `invalidate` drops the
 * token after a 401.
 */
export interface TokenProvider {
  token(): Promise<string>;
  /** The merchant installation (`X-Omni-InstallationId`); throws when none is configured. */
  installationId(): Promise<string>;
  invalidate(rejected: string): void;
}

export interface DeadLetterAttributes {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly attempts: number;
  readonly firstFailedAt: string;
  readonly lastFailedAt: string;
  readonly sourceQueue: string;
}

/** The SQS side of failure handling: delay a retry, or park the message with its reason. */
export interface FailureQueue {
  /** Makes the message visible again after `seconds` (ChangeMessageVisibility). */
  delayRetry(receiptHandle: string, seconds: number): Promise<void>;
  /** Sends the original body to the DLQ with the reason as message attributes. */
  deadLetter(body: string, attributes: DeadLetterAttributes): Promise<void>;
}
