/**
 * The local Lambda service: deployed functions by name and ARN, synchronous and asynchronous
 * invocation (with each function's EventInvokeConfig), and the SQS event-source mappings that poll
 * queues for them. It is also the `LambdaInvoker` EventBridge targets use: EventBridge hands events
 * to Lambda asynchronously, so a function error is Lambda's to retry, not the rule's.
 */
import type { StateStore } from '../../state/state-store';
import { AsyncInvocations } from './async/async-invocations';
import type { DestinationPorts } from './async/destinations';
import {
  DEFAULT_EVENT_INVOKE_CONFIG,
  parseEventInvokeConfig,
  type EventInvokeConfig,
  type EventInvokeConfigInput,
} from './async/event-invoke-config';
import { ResourceNotFoundException } from './errors';
import type { FunctionConfig, RuntimeEnvironment } from './function-config';
import type { LogSinks } from './function-worker';
import { LambdaFunction } from './lambda-function';
import type { LambdaInvoker } from './lambda-invoker';
import { SqsEventSource, type EventSourceMappingConfig, type SqsDispatcher } from './sqs-event-source';

export interface LambdaServiceOptions {
  /** Saves pending asynchronous events, so they resume after a restart. */
  readonly store?: StateStore;
  /** Where on-success / on-failure records go: SQS queues and EventBridge buses. */
  readonly queues?: DestinationPorts['queues'];
  readonly events?: DestinationPorts['events'];
  /**
   * Waits before each retry of a failed asynchronous invocation.
   * @default [60000, 120000] - AWS's 1 and 2 minutes
   */
  readonly asyncRetryDelaysMs?: readonly number[];
}

export class LambdaService implements LambdaInvoker {
  private readonly functions = new Map<string, LambdaFunction>();
  private readonly invokeConfigs = new Map<string, EventInvokeConfig>();
  private readonly mappings: SqsEventSource[] = [];
  private readonly asyncQueue: AsyncInvocations;

  constructor(
    private readonly runtime: RuntimeEnvironment,
    private readonly logs: LogSinks = { stdout: process.stdout, stderr: process.stderr },
    options: LambdaServiceOptions = {},
  ) {
    this.asyncQueue = new AsyncInvocations(
      (arn) => this.functions.get(functionNameOf(arn)),
      (arn) => this.invokeConfigs.get(functionNameOf(arn)) ?? DEFAULT_EVENT_INVOKE_CONFIG,
      {
        queues: options.queues,
        events: options.events,
        invokeAsync: (arn, payload) => this.invokeAsync(arn, payload),
      },
      {
        store: options.store,
        retryDelaysMs: options.asyncRetryDelaysMs,
        log: (line) => this.logs.stderr.write(`[lambda] ${line}\n`),
      },
    );
  }

  createFunction(config: FunctionConfig): LambdaFunction {
    const fn = new LambdaFunction(config, this.runtime, this.logs);
    const previous = this.functions.get(config.functionName);
    if (previous) void previous.close();
    this.functions.set(config.functionName, fn);
    return fn;
  }

  listFunctions(): FunctionConfig[] {
    return [...this.functions.values()].map((f) => f.config);
  }

  /** A function by name, full ARN or qualified ARN. */
  getFunction(nameOrArn: string): LambdaFunction {
    const fn = this.functions.get(functionNameOf(nameOrArn));
    if (!fn) throw new ResourceNotFoundException(nameOrArn);
    return fn;
  }

  /** PutFunctionEventInvokeConfig: replaces the function's asynchronous-invocation settings. */
  putEventInvokeConfig(nameOrArn: string, input: EventInvokeConfigInput): EventInvokeConfig {
    const fn = this.getFunction(nameOrArn);
    const config = parseEventInvokeConfig(input);
    this.invokeConfigs.set(fn.config.functionName, config);
    return config;
  }

  eventInvokeConfig(nameOrArn: string): EventInvokeConfig {
    return (
      this.invokeConfigs.get(this.getFunction(nameOrArn).config.functionName) ?? DEFAULT_EVENT_INVOKE_CONFIG
    );
  }

  /** Synchronous invocation (RequestResponse): the handler's JSON result, or its error. */
  async invokeSync(nameOrArn: string, payloadJson: string): Promise<string | null> {
    return this.getFunction(nameOrArn).invoke(payloadJson);
  }

  /**
   * Asynchronous invocation (Event): queues the event and returns its request id; throws only when
   * the function does not exist. Retries and destinations follow the function's EventInvokeConfig.
   */
  invokeAsync(nameOrArn: string, payloadJson: string): string {
    const fn = this.getFunction(nameOrArn);
    return this.asyncQueue.enqueue(fn.config.functionArn, payloadJson);
  }

  /**
   * `LambdaInvoker` for EventBridge: accepts the event at once (it is in the async queue's pending
   * work, durable with the commit that acknowledges the PutEvents); throws when the function does
   * not exist.
   */
  invoke(functionArn: string, payloadJson: string): void {
    this.invokeAsync(functionArn, payloadJson);
  }

  /** Runs the asynchronous events saved before the last shutdown; call once functions are deployed. */
  resumeAsyncInvocations(): number {
    return this.asyncQueue.resume();
  }

  /** Asynchronous events waiting for a (re)try or running, with their attempts so far. */
  asyncBacklog() {
    return this.asyncQueue.backlog();
  }

  /** Resolves once no asynchronous event is waiting for a retry or running. */
  idle(): Promise<void> {
    return this.asyncQueue.idle();
  }

  /** Starts polling a queue for a function. */
  createEventSourceMapping(sqs: SqsDispatcher, config: EventSourceMappingConfig): SqsEventSource {
    const fn = this.getFunction(config.functionName);
    const log = (line: string) => this.logs.stderr.write(`[${fn.config.functionName}] ${line}\n`);
    const mapping = new SqsEventSource(sqs, fn, config, this.runtime.region, log);
    this.mappings.push(mapping);
    if (config.enabled !== false) mapping.start();
    return mapping;
  }

  async close(): Promise<void> {
    this.asyncQueue.close();
    await Promise.all(this.mappings.splice(0).map((m) => m.stop()));
    await Promise.all([...this.functions.values()].map((f) => f.close()));
    this.functions.clear();
  }
}

/** `name`, `arn:aws:lambda:<region>:<account>:function:name[:qualifier]` or `name:qualifier`. */
export function functionNameOf(nameOrArn: string): string {
  if (nameOrArn.startsWith('arn:')) return nameOrArn.split(':')[6] ?? '';
  return nameOrArn.split(':')[0] ?? '';
}
