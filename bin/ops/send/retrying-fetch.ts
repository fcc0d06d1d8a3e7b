/**
 * fetch with the AWS SDK's standard retry behaviour, for every CLI call to a hydrant HTTP endpoint:
 * 429 and 5xx answers and dropped connections are retried after a full-jitter exponential backoff
 * (`random(0, min(cap, base × 2^attempt))`, base 100 ms, cap 20 s), honouring a longer
 * `Retry-After`. https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
 * A refused connection is not retried: nothing is listening, so waiting will not help.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included. @default 10 */
  readonly maxAttempts?: number;
  /** @default 100 */
  readonly baseDelayMs?: number;
  /** @default 20000 (the SDK's cap) */
  readonly maxDelayMs?: number;
  /** @default Math.random */
  readonly random?: () => number;
  /** @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Told before each wait: the attempt that failed (1-based) and why. */
  readonly onRetry?: (retry: RetryNotice) => void;
}

export interface RetryNotice {
  readonly attempt: number;
  readonly delayMs: number;
  /** `HTTP 429`, `HTTP 503`, or the network error's code. */
  readonly reason: string;
}

export const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

const DEFAULTS = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 20_000 };

/** The answer of the last attempt: a success, a non-retryable status, or the final retryable one. */
export async function fetchWithRetry(
  url: string,
  init: RequestInit,
  policy: RetryPolicy = {},
): Promise<Response> {
  const maxAttempts = policy.maxAttempts ?? DEFAULTS.maxAttempts;
  const random = policy.random ?? Math.random;
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    let response: Response | undefined;
    let reason: string;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
      if (!RETRYABLE_STATUSES.has(response.status) || attempt >= maxAttempts) return response;
      reason = `HTTP ${response.status}`;
    } catch (error) {
      const code = networkCode(error);
      if (code === 'ECONNREFUSED' || attempt >= maxAttempts || code === undefined) throw error;
      reason = code;
    }
    const ceiling = Math.min(
      policy.maxDelayMs ?? DEFAULTS.maxDelayMs,
      (policy.baseDelayMs ?? DEFAULTS.baseDelayMs) * 2 ** (attempt - 1),
    );
    const delayMs = Math.max(Math.floor(random() * ceiling), retryAfterMs(response));
    await response?.body?.cancel().catch(() => undefined);
    policy.onRetry?.({ attempt, delayMs, reason });
    await sleep(delayMs);
  }
}

/** `Retry-After` in seconds (or an HTTP date), capped at a minute. */
function retryAfterMs(response: Response | undefined): number {
  const value = response?.headers.get('retry-after');
  if (!value) return 0;
  const seconds = /^\d+$/.test(value) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.min(Math.max(0, seconds), 60) * 1000 : 0;
}

/** The code of a dropped connection or timeout, if the error is one (undici wraps it in `cause`). */
function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.name === 'TimeoutError') return 'ETIMEDOUT';
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
  }
  return undefined;
}
