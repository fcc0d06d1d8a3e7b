/**
 * Exponential backoff with jitter for SQS retries, in whole seconds (ChangeMessageVisibility takes
 * seconds, at most 12 hours: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html).
 * "Equal jitter": half the exponential delay is kept, half is random, so retries spread out but
 * never come back immediately.
 *
 * Attempts are counted across receives by SQS itself (`ApproximateReceiveCount`), so a retry
 * budget survives Lambda restarts. With the defaults (20 attempts, 2 s doubling to a 900 s cap)
 * a message is retried for at least ~83 minutes and at most ~2.8 hours before it is
 * dead-lettered: a partner outage of an hour is ridden out (`retryBudgetSeconds`).
 */
export interface BackoffOptions {
  /** Delay before the second attempt, before jitter. @default 2 */
  readonly baseSeconds?: number;
  /** @default 900 */
  readonly maxSeconds?: number;
  /** A number in [0, 1). @default Math.random */
  readonly random?: () => number;
}

export const SQS_MAX_VISIBILITY_SECONDS = 43_200;
export const DEFAULT_MAX_ATTEMPTS = 20;

/** Seconds to wait after failed attempt number `attempt` (1-based). */
export function backoffSeconds(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseSeconds ?? 2;
  const max = Math.min(options.maxSeconds ?? 900, SQS_MAX_VISIBILITY_SECONDS);
  const exponential = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + (options.random ?? Math.random)() * (exponential / 2);
  return Math.max(1, Math.min(max, Math.ceil(jittered)));
}

/**
 * The shortest and longest time between a message's first attempt and its last (the
 * `maxAttempts`-th), over every jitter draw: what a partner outage must outlast to dead-letter it.
 */
export function retryBudgetSeconds(
  maxAttempts: number,
  options: Omit<BackoffOptions, 'random'> = {},
): { readonly min: number; readonly max: number } {
  let min = 0;
  let max = 0;
  for (let attempt = 1; attempt < maxAttempts; attempt++) {
    min += backoffSeconds(attempt, { ...options, random: () => 0 });
    max += backoffSeconds(attempt, { ...options, random: () => 1 });
  }
  return { min, max };
}
