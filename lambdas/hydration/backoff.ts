/**
 * Exponential backoff with jitter for SQS retries, in whole seconds (ChangeMessageVisibility takes
 * seconds, at most 12 hours: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html).
 * "Equal jitter": half the exponential delay is kept, half is random, so retries spread out but
 * never come back immediately.
 */
export interface BackoffOptions {
  /** Delay before the second attempt, before jitter. @default 2 */
  readonly baseSeconds?: number;
  /** @default 900 */
  readonly maxSeconds?: number;
  /** A number in [0, 1). @default Math.random */
  readonly random?: () => number;
}

const SQS_MAX_VISIBILITY_SECONDS = 43_200;

/** Seconds to wait after failed attempt number `attempt` (1-based). */
export function backoffSeconds(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseSeconds ?? 2;
  const max = Math.min(options.maxSeconds ?? 900, SQS_MAX_VISIBILITY_SECONDS);
  const exponential = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + (options.random ?? Math.random)() * (exponential / 2);
  return Math.max(1, Math.min(max, Math.ceil(jittered)));
}
