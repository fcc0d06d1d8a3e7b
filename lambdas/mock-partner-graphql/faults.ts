/**
 * Fault injection for the mock partner, deterministic with a seed: each request draws the same
 * four numbers in the same order, so a seed reproduces a whole run of faults.
 */
export interface FaultConfig {
  readonly latencyMs: number;
  readonly error5xxRate: number;
  readonly error429Rate: number;
  /** Share of answers that carry data together with an `errors` block (partial data). */
  readonly errorsBlockRate: number;
  /** Share of answers that say the order or item does not exist. */
  readonly notFoundRate: number;
  readonly seed: number;
}

export interface FaultDraw {
  readonly status?: 429 | 500;
  readonly errorsBlock: boolean;
  readonly notFound: boolean;
}

export const NO_FAULTS: FaultConfig = {
  latencyMs: 0,
  error5xxRate: 0,
  error429Rate: 0,
  errorsBlockRate: 0,
  notFoundRate: 0,
  seed: 1,
};

export class FaultInjector {
  private state: number;

  constructor(readonly config: FaultConfig) {
    this.state = config.seed >>> 0;
  }

  draw(): FaultDraw {
    const [throttle, serverError, notFound, errorsBlock] = [
      this.next(),
      this.next(),
      this.next(),
      this.next(),
    ];
    const status =
      throttle < this.config.error429Rate ? 429 : serverError < this.config.error5xxRate ? 500 : undefined;
    return {
      status,
      notFound: notFound < this.config.notFoundRate,
      errorsBlock: errorsBlock < this.config.errorsBlockRate,
    };
  }

  /** mulberry32: a small, well-distributed 32-bit PRNG. */
  private next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
}

/** Reads LATENCY_MS, ERROR_5XX_RATE, ERROR_429_RATE, ERRORS_BLOCK_RATE, NOT_FOUND_RATE, FAULT_SEED. */
export function faultConfigFromEnv(env: Record<string, string | undefined>): FaultConfig {
  const problems: string[] = [];
  const read = (name: string, fallback: number, max: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0 || n > max)
      problems.push(`${name} must be a number from 0 to ${max} (got "${raw}")`);
    return n;
  };
  const config = {
    latencyMs: read('LATENCY_MS', 0, 60_000),
    error5xxRate: read('ERROR_5XX_RATE', 0, 1),
    error429Rate: read('ERROR_429_RATE', 0, 1),
    errorsBlockRate: read('ERRORS_BLOCK_RATE', 0, 1),
    notFoundRate: read('NOT_FOUND_RATE', 0, 1),
    seed: read('FAULT_SEED', 1, 2 ** 32 - 1),
  };
  if (problems.length > 0) throw new RangeError(`Invalid mock partner faults: ${problems.join('; ')}`);
  return config;
}
