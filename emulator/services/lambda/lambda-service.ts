/**
 * The local Lambda service: deployed functions by name and ARN, invocation, and the SQS event-source
 * mappings that poll queues for them. It is also the `LambdaInvoker` EventBridge targets use.
 */
import { ResourceNotFoundException } from './errors';
import type { FunctionConfig, RuntimeEnvironment } from './function-config';
import type { LogSinks } from './function-worker';
import { LambdaFunction } from './lambda-function';
import type { LambdaInvoker } from './lambda-invoker';
import { SqsEventSource, type EventSourceMappingConfig, type JsonService } from './sqs-event-source';

export class LambdaService implements LambdaInvoker {
  private readonly functions = new Map<string, LambdaFunction>();
  private readonly mappings: SqsEventSource[] = [];

  constructor(
    private readonly runtime: RuntimeEnvironment,
    private readonly logs: LogSinks = { stdout: process.stdout, stderr: process.stderr },
  ) {}

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
    const name = nameOrArn.startsWith('arn:') ? (nameOrArn.split(':')[6] ?? '') : nameOrArn;
    const fn = this.functions.get(name);
    if (!fn) throw new ResourceNotFoundException(nameOrArn);
    return fn;
  }

  /** Synchronous invocation (RequestResponse): the handler's JSON result, or its error. */
  async invokeSync(nameOrArn: string, payloadJson: string): Promise<string | null> {
    return this.getFunction(nameOrArn).invoke(payloadJson);
  }

  /** `LambdaInvoker` for EventBridge: rejects when the function fails. */
  async invoke(functionArn: string, payloadJson: string): Promise<void> {
    await this.getFunction(functionArn).invoke(payloadJson);
  }

  /** Starts polling a queue for a function. */
  createEventSourceMapping(sqs: JsonService, config: EventSourceMappingConfig): SqsEventSource {
    const fn = this.getFunction(config.functionName);
    const log = (line: string) => this.logs.stderr.write(`[${fn.config.functionName}] ${line}\n`);
    const mapping = new SqsEventSource(sqs, fn, config, this.runtime.region, log);
    this.mappings.push(mapping);
    if (config.enabled !== false) mapping.start();
    return mapping;
  }

  async close(): Promise<void> {
    await Promise.all(this.mappings.splice(0).map((m) => m.stop()));
    await Promise.all([...this.functions.values()].map((f) => f.close()));
    this.functions.clear();
  }
}
