/**
 * Decides what happens to a failed record: retry later (retryable and attempts left) or dead-letter
 * now (permanent, or the last attempt). Failures from AWS dependencies (S3, EventBridge, Secrets
 * Manager) and unexpected errors are retryable; the attempt limit still bounds them.
 */
import { OperationalError, PublishError } from '../shared/errors';
import { HydrationError, PartnerNotFoundError } from './errors';

/**
 * A not-found is the partner's read lagging its own event (seconds to minutes), not an outage:
 * it gets at most this many attempts even when `maxAttempts` rides out hour-long outages.
 */
export const NOT_FOUND_MAX_ATTEMPTS = 5;

export type FailureClass = 'retryable' | 'permanent';

export interface FailureDecision {
  readonly action: 'retry' | 'dead-letter';
  /** The failure's own class, for metrics: a retryable failure on its last attempt stays `retryable`. */
  readonly failureClass: FailureClass;
  readonly errorType: string;
  readonly errorMessage: string;
}

export function classifyFailure(error: unknown, attempt: number, maxAttempts: number): FailureDecision {
  const { retryable, errorType } = describe(error);
  const message = error instanceof Error ? error.message : String(error);
  const limit =
    error instanceof PartnerNotFoundError ? Math.min(maxAttempts, NOT_FOUND_MAX_ATTEMPTS) : maxAttempts;
  const action = retryable && attempt < limit ? 'retry' : 'dead-letter';
  const errorMessage =
    retryable && action === 'dead-letter' ? `${message} (still failing after ${attempt} attempts)` : message;
  return { action, failureClass: retryable ? 'retryable' : 'permanent', errorType, errorMessage };
}

function describe(error: unknown): { retryable: boolean; errorType: string } {
  if (error instanceof HydrationError) return { retryable: error.retryable, errorType: error.errorType };
  if (error instanceof PublishError) return { retryable: true, errorType: 'PublishFailed' };
  if (error instanceof OperationalError) return { retryable: true, errorType: 'AwsDependency' };
  return { retryable: true, errorType: 'Unexpected' };
}
