/**
 * Test helpers for the CLI: the emulator on a random port with the resources a deployed hydrant
 * has (bucket, queues with DLQs, signing secrets, bus), a test endpoints.json, and `hydrant`
 * invocations run in-process with their output captured.
 */
import { CreateEventBusCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../bin/cli/run';
import { startEmulator } from '../../emulator/index';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export const BUS = 'shop-events';
export const BUCKET = 'hydrant-cli-test';
export const PROVIDERS = ['acme-post', 'swiftship'];
export const PARTNER_TOKEN = 'partner-token-for-tests';
export const PARTNER_SOURCE = 'partner.buywithprime';

export interface LocalHydrant {
  readonly emulator: Emulator;
  readonly stateDir: string;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly secrets: SecretsManagerClient;
  readonly events: EventBridgeClient;
  readonly queues: Record<string, string>;
  readonly dlqs: Record<string, string>;
  readonly secretIds: { readonly stripe: string; readonly delivery: string; readonly partner: string };
  readonly endpointsFile: Record<string, unknown>;
  /** Rewrites endpoints.json with `patch` merged in (e.g. webhook URLs of a test server). */
  writeEndpoints(patch?: Record<string, unknown>): void;
  /** The last argument: stdin text (`--stdin`), or run options. */
  run(argv: readonly string[], env?: Record<string, string>, input?: string | RunOptions): Promise<CliRun>;
  close(): Promise<void>;
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  json<T = Record<string, unknown>>(): T;
}

export interface RunOptions {
  readonly env?: Record<string, string | undefined>;
  readonly cwd?: string;
  readonly signal?: AbortSignal;
  readonly tty?: boolean;
  /** What the command reads from standard input (`--stdin`). */
  readonly stdin?: string;
  /** Called with everything written to stdout / stderr so far, after each write. */
  readonly onStdout?: (text: string) => void;
  readonly onStderr?: (text: string) => void;
}

/** Runs `hydrant <argv>` in-process. */
export async function hydrant(argv: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: {
      write: (t: string) => {
        stdout += t;
        options.onStdout?.(stdout);
      },
      isTTY: options.tty,
    },
    stderr: {
      write: (t: string) => {
        stderr += t;
        options.onStderr?.(stderr);
      },
      isTTY: options.tty,
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stdin: options.stdin === undefined ? undefined : Readable.from([options.stdin]),
    signal: options.signal,
  });
  return {
    code,
    stdout,
    stderr,
    json<T>() {
      try {
        return JSON.parse(stdout) as T;
      } catch {
        throw new Error(`stdout is not JSON (exit ${code}):\n${stdout}\nstderr:\n${stderr}`);
      }
    },
  };
}

export function clientConfig(endpoint: string) {
  return { region: 'us-east-1', endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
}

/** The emulator with a hydrant-shaped set of resources and an endpoints.json describing them. */
export async function startLocalHydrant(): Promise<LocalHydrant> {
  const stateDir = mkdtempSync(join(tmpdir(), 'hydrant-cli-'));
  const emulator = await startEmulator({ port: 0, stateDir });
  const cfg = clientConfig(emulator.endpoint);
  const s3 = new S3Client({ ...cfg, forcePathStyle: true });
  const sqs = new SQSClient(cfg);
  const secrets = new SecretsManagerClient(cfg);
  const events = new EventBridgeClient(cfg);
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await events.send(new CreateEventBusCommand({ Name: BUS }));
  const queues: Record<string, string> = {};
  const dlqs: Record<string, string> = {};
  for (const name of ['order-hydration', 'item-hydration']) {
    const dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }))).QueueUrl!;
    const dlqArn = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }))
    ).Attributes!.QueueArn!;
    queues[name] = (
      await sqs.send(
        new CreateQueueCommand({
          QueueName: `${name}-queue`,
          Attributes: {
            VisibilityTimeout: '1',
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }),
          },
        }),
      )
    ).QueueUrl!;
    dlqs[name] = dlqUrl;
  }
  const secretIds = {
    stripe: (
      await secrets.send(
        new CreateSecretCommand({ Name: 'stripe-signing', SecretString: '{"signingSecrets":[]}' }),
      )
    ).ARN!,
    delivery: (
      await secrets.send(
        new CreateSecretCommand({
          Name: 'delivery-signing',
          SecretString: JSON.stringify(Object.fromEntries(PROVIDERS.map((p) => [p, []]))),
        }),
      )
    ).ARN!,
    partner: (
      await secrets.send(
        new CreateSecretCommand({
          Name: 'partner',
          SecretString: JSON.stringify({ type: 'static', token: PARTNER_TOKEN }),
        }),
      )
    ).ARN!,
  };
  const endpointsFile: Record<string, unknown> = {
    awsEndpoint: emulator.endpoint,
    region: 'us-east-1',
    bus: BUS,
    bucket: BUCKET,
    webhooks: {},
    mockPartner: {},
    secrets: secretIds,
    queues,
    dlqs,
  };
  const writeEndpoints = (patch: Record<string, unknown> = {}) =>
    writeFileSync(join(stateDir, 'endpoints.json'), JSON.stringify({ ...endpointsFile, ...patch }, null, 2));
  writeEndpoints();
  return {
    emulator,
    stateDir,
    s3,
    sqs,
    secrets,
    events,
    queues,
    dlqs,
    secretIds,
    endpointsFile,
    writeEndpoints,
    run: (argv, env = {}, input = {}) =>
      hydrant(argv, {
        ...(typeof input === 'string' ? { stdin: input } : input),
        env: { HYDRANT_STATE: stateDir, ...env },
      }),
    async close() {
      for (const c of [s3, sqs, secrets, events]) c.destroy();
      await emulator.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface TestServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A local HTTP server answering with `handle`, recording every request. */
export async function startServer(
  handle: (req: RecordedRequest, res: ServerResponse) => void | Promise<void>,
): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded = {
      method: req.method!,
      url: req.url!,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(recorded);
    try {
      await handle(recorded, res);
    } catch (error) {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: String(error) }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
