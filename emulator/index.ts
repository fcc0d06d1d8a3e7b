/**
 * startEmulator: the local AWS services (EventBridge, SQS, S3, Secrets Manager) behind one edge
 * on 127.0.0.1, with state under `stateDir`. The Lambda runtime, API Gateway and the
 * CloudFormation deployer plug into the returned services and `edge.mount`.
 */
import { resolve } from 'node:path';
import { createContext, DEFAULT_REGION, type AwsContext } from './protocol/aws-context';
import { Edge } from './server/edge';
import { EventsProvider, type EventsProviderOptions } from './services/events/provider';
import { S3Provider } from './services/s3/provider';
import { createS3Handler } from './services/s3/rest-handler';
import { SecretsManagerProvider } from './services/secretsmanager/provider';
import { SqsProvider } from './services/sqs/provider';
import { createStsQueryHandler } from './services/sts/query-handler';
import { StateStore } from './state/state-store';

export interface EmulatorOptions {
  /** 0 picks a free port (tests). @default 4566 */
  port?: number;
  /** @default '.emulator' */
  stateDir?: string;
  /**
   * Deletes the state folder first; refused for a non-empty folder without the emulator's marker
   * file, or one another emulator is using. @default false
   */
  reset?: boolean;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 'us-east-1' */
  region?: string;
  /**
   * Answer a change only once it is on disk (group commit). `false` answers first and writes
   * shortly after, as before: faster, but a crash loses the last ~20 ms of acknowledged changes
   * (the durability bench compares both). @default true
   */
  durableAnswers?: boolean;
  /** Browser origins allowed besides the emulator's own (cross-site requests are refused). */
  allowedOrigins?: string[];
  /** EventBridge target retry timing (tests shorten the backoff). */
  events?: Pick<EventsProviderOptions, 'retryBaseDelayMs' | 'retryMaxDelayMs' | 'sleep' | 'log'>;
}

export interface EmulatorServices {
  events: EventsProvider;
  sqs: SqsProvider;
  s3: S3Provider;
  secretsmanager: SecretsManagerProvider;
}

export interface Emulator {
  endpoint: string;
  port: number;
  stateDir: string;
  context: AwsContext;
  services: EmulatorServices;
  edge: Edge;
  /** The state folder's store, for runtimes that keep state of their own (Lambda's async queue). */
  store: StateStore;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const stateDir = resolve(options.stateDir ?? '.emulator');
  if (options.reset) StateStore.reset(stateDir);
  const store = new StateStore(stateDir);
  try {
    return await startServices(options, host, stateDir, store);
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function startServices(
  options: EmulatorOptions,
  host: string,
  stateDir: string,
  store: StateStore,
): Promise<Emulator> {
  const context = createContext(options.region ?? DEFAULT_REGION);
  const sqs = new SqsProvider(context, { store });
  const s3 = new S3Provider(context, { store });
  const secretsmanager = new SecretsManagerProvider(context, { store });
  const events = new EventsProvider(context, { ...options.events, queues: sqs, store });
  const edge = new Edge({
    json: {
      AWSEvents: { provider: events, version: '1.1' },
      AmazonSQS: { provider: sqs, version: '1.0' },
      secretsmanager: { provider: secretsmanager, version: '1.1' },
    },
    fallback: createS3Handler(s3),
    query: { sts: createStsQueryHandler(context) },
    durability: options.durableAnswers === false ? undefined : store,
    allowedOrigins: options.allowedOrigins,
  });
  const port = await edge.listen(options.port ?? 4566, host);
  context.endpoint = `http://${host}:${port}`;
  let closed = false;
  return {
    endpoint: context.endpoint,
    port,
    stateDir,
    context,
    services: { events, sqs, s3, secretsmanager },
    edge,
    store,
    async close() {
      if (closed) return;
      closed = true;
      events.close();
      sqs.close();
      await edge.close();
      await store.close();
    },
  };
}
