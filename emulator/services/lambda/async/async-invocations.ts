/**
 * Lambda's asynchronous invocation queue for the local runtime. An accepted event runs at once;
 * a function error is retried MaximumRetryAttempts times (AWS waits 1 and then 2 minutes; the
 * delays are an emulator option so tests can shorten them), an event older than
 * MaximumEventAgeInSeconds is dropped, and the outcome's record goes to the on-success or
 * on-failure destination. Pending events are saved in the state folder and resume after a restart.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
 */
import { randomUUID } from 'node:crypto';
import type { PendingWork } from '../../../state/pending-work';
import type { StateStore } from '../../../state/state-store';
import { FunctionError, TooManyRequestsException } from '../errors';
import { sendToDestination, type DestinationPorts } from './destinations';
import type { EventInvokeConfig } from './event-invoke-config';
import { invocationRecord, type AttemptOutcome, type RecordCondition } from './invocation-record';

/** AWS: at least 1 minute before the first retry of a function error, 2 before the second. */
export const AWS_RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000];
const STATE_NAME = 'lambda-async';

interface PendingInvocation {
  readonly requestId: string;
  readonly functionArn: string;
  readonly payload: string;
  readonly receivedAt: number;
  invokeCount: number;
  dueAt: number;
  lastAttemptAt?: number;
  last?: AttemptOutcome;
}

export interface AsyncFunction {
  readonly config: { readonly functionArn: string };
  invoke(payloadJson: string): Promise<string | null>;
}

export interface AsyncInvocationsOptions {
  readonly store?: StateStore;
  /** Waits before retry 1, 2, …; the last one repeats. @default AWS_RETRY_DELAYS_MS */
  readonly retryDelaysMs?: readonly number[];
  readonly now?: () => number;
  readonly log: (line: string) => void;
}

export class AsyncInvocations {
  private readonly pending = new Map<string, PendingInvocation>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly waiters: (() => void)[] = [];
  private readonly retryDelaysMs: readonly number[];
  private readonly now: () => number;
  private closed = false;
  private readonly work: PendingWork<PendingInvocation> | undefined;

  constructor(
    private readonly lookup: (functionArn: string) => AsyncFunction | undefined,
    private readonly configOf: (functionArn: string) => EventInvokeConfig,
    private readonly ports: DestinationPorts,
    private readonly options: AsyncInvocationsOptions,
  ) {
    this.retryDelaysMs = options.retryDelaysMs?.length ? options.retryDelaysMs : AWS_RETRY_DELAYS_MS;
    this.now = options.now ?? Date.now;
    this.work = options.store?.pendingWork<PendingInvocation>(STATE_NAME);
    for (const [id, saved] of this.work?.entries() ?? []) this.pending.set(id, saved);
  }

  /** Events waiting or running, including the ones restored from the state folder. */
  get size(): number {
    return this.pending.size;
  }

  /** Queues an event for a function that exists; returns its request id at once. */
  enqueue(functionArn: string, payload: string): string {
    const now = this.now();
    const p: PendingInvocation = {
      requestId: randomUUID(),
      functionArn,
      payload,
      receivedAt: now,
      invokeCount: 0,
      dueAt: now,
    };
    this.pending.set(p.requestId, p);
    // Durable once the store commits, which the edge awaits before it answers 202.
    this.work?.add(p.requestId, p);
    this.schedule(p);
    return p.requestId;
  }

  /**
   * Schedules the events restored from the state folder (once their functions are deployed). A
   * retry waits the delay this run is configured with, counted from the attempt before the restart.
   */
  resume(): number {
    let resumed = 0;
    for (const p of this.pending.values()) {
      if (this.timers.has(p.requestId)) continue;
      if (p.lastAttemptAt !== undefined) p.dueAt = p.lastAttemptAt + this.delayBefore(p.invokeCount);
      this.schedule(p);
      resumed++;
    }
    return resumed;
  }

  /** What is waiting or running: for status views and tests. */
  backlog(): { requestId: string; functionArn: string; invokeCount: number; dueAt: number }[] {
    return [...this.pending.values()].map(({ requestId, functionArn, invokeCount, dueAt }) => ({
      requestId,
      functionArn,
      invokeCount,
      dueAt,
    }));
  }

  /** Resolves once no event is waiting or running. */
  idle(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Stops running events; what is pending stays saved and resumes on the next start. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** The wait before the retry that follows attempt `invokeCount`. */
  private delayBefore(invokeCount: number): number {
    return this.retryDelaysMs[Math.min(invokeCount - 1, this.retryDelaysMs.length - 1)]!;
  }

  private schedule(p: PendingInvocation): void {
    if (this.closed) return;
    const timer = setTimeout(() => void this.run(p), Math.max(0, p.dueAt - this.now()));
    this.timers.set(p.requestId, timer);
  }

  private async run(p: PendingInvocation): Promise<void> {
    this.timers.delete(p.requestId);
    const fn = this.lookup(p.functionArn);
    if (!fn) {
      this.options.log(`dropped event ${p.requestId}: function ${p.functionArn} no longer exists`);
      return this.finish(p);
    }
    const config = this.configOf(fn.config.functionArn);
    const maxAgeMs = config.maximumEventAgeInSeconds * 1000;
    if (this.now() - p.receivedAt > maxAgeMs) return this.conclude(fn, p, config, 'EventAgeExceeded');
    let outcome: AttemptOutcome;
    try {
      outcome = { ok: true, result: await fn.invoke(p.payload) };
    } catch (error) {
      if (this.closed) return;
      if (error instanceof TooManyRequestsException) {
        // AWS: with reserved concurrency 0, Lambda sends new events to the on-failure destination
        // without retries. PARITY: the record's condition for this case is not documented;
        // the emulator says RetriesExhausted after 0 invocations.
        return this.conclude(fn, p, config, 'RetriesExhausted');
      }
      outcome = failureOf(error);
    }
    if (this.closed) return;
    p.invokeCount++;
    p.last = outcome;
    p.lastAttemptAt = this.now();
    if (outcome.ok) return this.conclude(fn, p, config, 'Success');
    if (p.invokeCount > config.maximumRetryAttempts) return this.conclude(fn, p, config, 'RetriesExhausted');
    const delay = this.delayBefore(p.invokeCount);
    if (this.now() + delay - p.receivedAt > maxAgeMs) return this.conclude(fn, p, config, 'EventAgeExceeded');
    p.dueAt = this.now() + delay;
    this.work?.update(p.requestId, p);
    this.schedule(p);
  }

  private async conclude(
    fn: AsyncFunction,
    p: PendingInvocation,
    config: EventInvokeConfig,
    condition: RecordCondition,
  ): Promise<void> {
    const destination = condition === 'Success' ? config.onSuccess : config.onFailure;
    if (destination) {
      const record = invocationRecord({
        requestId: p.requestId,
        functionArn: fn.config.functionArn,
        condition,
        invokeCount: p.invokeCount,
        payload: p.payload,
        last: p.last,
        now: new Date(this.now()),
      });
      try {
        await sendToDestination(this.ports, destination, record);
      } catch (error) {
        // AWS counts these as DestinationDeliveryFailures and drops the record.
        this.options.log(
          `could not send the ${condition} record of ${p.requestId} to ${destination}: ${(error as Error).message}`,
        );
      }
    } else if (condition !== 'Success') {
      this.options.log(
        `discarded event ${p.requestId} (${condition} after ${p.invokeCount} attempt(s)): ` +
          'the function has no on-failure destination',
      );
    }
    this.finish(p);
  }

  private finish(p: PendingInvocation): void {
    this.pending.delete(p.requestId);
    this.work?.done(p.requestId);
    if (this.pending.size === 0) for (const wake of this.waiters.splice(0)) wake();
  }
}

function failureOf(error: unknown): AttemptOutcome {
  if (error instanceof FunctionError) {
    return {
      ok: false,
      errorType: error.errorType,
      errorMessage: error.errorMessage,
      trace: (error.handlerStack ?? '').split('\n').filter(Boolean),
    };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return { ok: false, errorType: e.name, errorMessage: e.message, trace: [] };
}
