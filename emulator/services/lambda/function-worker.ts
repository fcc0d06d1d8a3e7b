/**
 * One execution environment of a function: a worker thread with its own `process.env`, running the
 * bundle from cdk.out. It handles one invocation at a time; a timed-out or crashed worker is
 * discarded, as Lambda discards the sandbox.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { FunctionError, FunctionInitError, FunctionTimeoutError } from './errors';
import type { FunctionConfig, RuntimeEnvironment } from './function-config';
import { pipeWithPrefix } from './log-prefixer';

const WORKER_ENTRY = new URL('./worker-entry.mjs', import.meta.url);
/** Lambda gives the init phase 10 seconds. */
const INIT_TIMEOUT_MS = 10_000;

interface SerializedError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly stack?: string;
}

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'init-error'; error: SerializedError }
  | { type: 'result'; id: string; result: string | null }
  | { type: 'error'; id: string; error: SerializedError };

export interface LogSinks {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** The environment a function sees: its own variables, then the ones Lambda sets, then the emulator's endpoint. */
export function functionEnvironment(
  config: FunctionConfig,
  runtime: RuntimeEnvironment,
): Record<string, string> {
  const inherited = Object.fromEntries(
    ['PATH', 'LANG', 'HOME'].flatMap((k) => (process.env[k] ? [[k, process.env[k] as string]] : [])),
  );
  return {
    ...inherited,
    TZ: 'UTC',
    // The SDK warns that its 2027 releases need Node 22; the deployed runtime is Node 24, so the
    // warning is an artifact of running locally on Node 20.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...config.environment,
    AWS_REGION: runtime.region,
    AWS_DEFAULT_REGION: runtime.region,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL: runtime.awsEndpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_LAMBDA_FUNCTION_NAME: config.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${config.functionName}`,
    LAMBDA_TASK_ROOT: config.codeDir,
    _HANDLER: config.handler,
  };
}

export class FunctionWorker {
  private pending?: {
    id: string;
    resolve(v: string | null): void;
    reject(e: Error): void;
    timer: NodeJS.Timeout;
  };
  private exited = false;

  private constructor(
    private readonly worker: Worker,
    private readonly config: FunctionConfig,
  ) {
    worker.on('message', (message: WorkerMessage) => this.onMessage(message));
    worker.on('error', (error) =>
      this.fail(new FunctionError(config.functionName, error.name, error.message, error.stack)),
    );
    worker.on('exit', (code) => {
      this.exited = true;
      this.fail(
        new FunctionError(config.functionName, 'Runtime.ExitError', `Runtime exited with code ${code}`),
      );
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Starts a worker and waits for the bundle's init phase to finish. */
  static start(config: FunctionConfig, runtime: RuntimeEnvironment, logs: LogSinks): Promise<FunctionWorker> {
    const env = functionEnvironment(config, runtime);
    const worker = new Worker(WORKER_ENTRY, {
      env,
      // The emulator may run under tsx; a Lambda bundle is plain JavaScript and needs no loader.
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: Math.max(config.memoryMb, 128) },
      workerData: {
        codeDir: config.codeDir,
        handler: config.handler,
        functionName: config.functionName,
        functionArn: config.functionArn,
        memoryMb: config.memoryMb,
        sourceMaps: (env.NODE_OPTIONS ?? '').includes('--enable-source-maps'),
      },
    });
    const prefix = `[${config.functionName}]`;
    pipeWithPrefix(worker.stdout, logs.stdout as never, prefix);
    pipeWithPrefix(worker.stderr, logs.stderr as never, prefix);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(
          new FunctionInitError(
            config.functionName,
            'Sandbox.Timedout',
            'Init phase took longer than 10 seconds',
          ),
        );
      }, INIT_TIMEOUT_MS);
      const onInit = (message: WorkerMessage) => {
        if (message.type !== 'ready' && message.type !== 'init-error') return;
        clearTimeout(timer);
        worker.off('message', onInit);
        worker.off('error', onError);
        if (message.type === 'ready') resolve(new FunctionWorker(worker, config));
        else {
          void worker.terminate();
          reject(
            new FunctionInitError(config.functionName, message.error.errorType, message.error.errorMessage),
          );
        }
      };
      const onError = (error: Error) => {
        clearTimeout(timer);
        reject(new FunctionInitError(config.functionName, error.name, error.message));
      };
      worker.on('message', onInit);
      worker.once('error', onError);
    });
  }

  /** Runs the handler on a JSON payload; resolves with its JSON result (null for undefined). */
  invoke(payloadJson: string): Promise<string | null> {
    if (this.pending) throw new Error('A function worker runs one invocation at a time');
    const id = randomUUID();
    const timeoutMs = this.config.timeoutSeconds * 1000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(new FunctionTimeoutError(this.config.functionName, this.config.timeoutSeconds));
        void this.terminate();
      }, timeoutMs);
      this.pending = { id, resolve, reject, timer };
      this.worker.postMessage({ id, payload: payloadJson, requestId: id, deadline: Date.now() + timeoutMs });
    });
  }

  async terminate(): Promise<void> {
    if (this.exited) return;
    this.exited = true;
    await this.worker.terminate();
  }

  private onMessage(message: WorkerMessage): void {
    if ((message.type !== 'result' && message.type !== 'error') || this.pending?.id !== message.id) return;
    const { resolve, reject, timer } = this.pending;
    clearTimeout(timer);
    this.pending = undefined;
    if (message.type === 'result') resolve(message.result);
    else {
      const { errorType, errorMessage, stack } = message.error;
      reject(new FunctionError(this.config.functionName, errorType, errorMessage, stack));
    }
  }

  private fail(error: Error): void {
    if (!this.pending) return;
    clearTimeout(this.pending.timer);
    const { reject } = this.pending;
    this.pending = undefined;
    reject(error);
  }
}
