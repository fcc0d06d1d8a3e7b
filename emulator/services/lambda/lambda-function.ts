/**
 * A deployed function: a pool of warm workers bounded by its concurrency. Invocations beyond the
 * bound wait for a free worker.
 */
import { TooManyRequestsException } from './errors';
import type { FunctionConfig, RuntimeEnvironment } from './function-config';
import { FunctionWorker, type LogSinks } from './function-worker';

/**
 * Workers per function when none is reserved. Each worker is a V8 isolate of 30-60 MB and the
 * stack has a dozen functions; on a 2-core machine more workers only add contention.
 */
export const DEFAULT_CONCURRENCY = 4;

export class LambdaFunction {
  private readonly idle: FunctionWorker[] = [];
  private readonly waiting: (() => void)[] = [];
  private running = 0;
  private closed = false;
  readonly concurrency: number;

  constructor(
    readonly config: FunctionConfig,
    private readonly runtime: RuntimeEnvironment,
    private readonly logs: LogSinks,
  ) {
    // PARITY: unreserved functions get DEFAULT_CONCURRENCY workers, not the account's 1,000; and
    // synchronous invocations above the limit wait for a worker instead of being throttled with
    // 429 (asynchronous and SQS invocations wait in Lambda too).
    this.concurrency = config.reservedConcurrency ?? DEFAULT_CONCURRENCY;
  }

  /** Invocations in progress right now. */
  get inFlight(): number {
    return this.running;
  }

  /** Runs one invocation and resolves with the handler's JSON result (null when it returned nothing). */
  async invoke(payloadJson: string): Promise<string | null> {
    if (this.concurrency === 0) throw new TooManyRequestsException(this.config.functionName);
    await this.acquire();
    let worker: FunctionWorker | undefined;
    try {
      worker = this.takeIdle() ?? (await FunctionWorker.start(this.config, this.runtime, this.logs));
      return await worker.invoke(payloadJson);
    } finally {
      if (worker?.alive && !this.closed) this.idle.push(worker);
      else if (worker) void worker.terminate();
      this.release();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((w) => w.terminate()));
  }

  /** A warm worker; one that died while idle (a stray rejection after it answered) is dropped. */
  private takeIdle(): FunctionWorker | undefined {
    for (let worker = this.idle.pop(); worker; worker = this.idle.pop()) if (worker.alive) return worker;
    return undefined;
  }

  private acquire(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
