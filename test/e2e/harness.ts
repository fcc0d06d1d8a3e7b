/**
 * End-to-end harness: the real hydrant app synthesized once per source state (shared by every e2e
 * file through the synthesis cache), deployed into a local cloud on a free port with a fresh state
 * folder, and the real AWS SDK clients pointed at it.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import type { Message } from '@aws-sdk/client-sqs';
import Stripe from 'stripe';
import { PROJECT_ROOT, startLocalHydrant } from '../../bin/local/local-hydrant';
import type { Endpoints } from '../../bin/ops/target/endpoints';
import type { LocalCloud } from '../../emulator/local-cloud';
import { createClients, type AwsClients } from '../../bin/ops/aws/clients';
import { peekMessages } from '../../bin/ops/dlq/peek';
import { BusWatcher } from '../../bin/ops/events/bus-watcher';
import { MockPartnerFaultControl } from '../../bin/ops/partner/fault-control';

/** One assembly folder per checkout, outside the tree, reused while the sources are unchanged. */
const ASSEMBLY_DIR = path.join(
  tmpdir(),
  `hydrant-e2e-${createHash('sha256').update(PROJECT_ROOT).digest('hex').slice(0, 8)}`,
  'cdk.out',
);

export interface E2eCloud extends Omit<AwsClients, 'destroy'> {
  readonly cloud: LocalCloud;
  /** hydrant's endpoints, as `npx hydrant` reads them. */
  readonly endpoints: Endpoints;
  /** Function logs so far (printed on failure with HYDRANT_E2E_LOGS=1). */
  logs(): string;
  close(): Promise<void>;
}

export async function startE2eCloud(options: { lambdaRetryDelaysMs?: number[] } = {}): Promise<E2eCloud> {
  let text = '';
  const sink = new PassThrough();
  sink.on('data', (chunk) => {
    text += String(chunk);
    if (process.env.HYDRANT_E2E_LOGS) process.stderr.write(chunk);
  });
  const { cloud, endpoints } = await startLocalHydrant({
    outdir: ASSEMBLY_DIR,
    // The default retry budget rides out an hour-long partner outage; tests dead-letter in seconds.
    context: { 'hydrant:hydrationMaxAttempts': 4, 'hydrant:hydrationBackoffMaxSeconds': 8 },
    port: 0,
    stateDir: mkdtempSync(path.join(tmpdir(), 'hydrant-e2e-state-')),
    logs: { stdout: sink, stderr: sink },
    // Lambda's asynchronous retries come 1 and 2 minutes apart on AWS; here a few seconds, so an
    // attempt lost to a slow machine (a cold start past the 10-second init limit) is retried soon.
    lambdaRetryDelaysMs: options.lambdaRetryDelaysMs ?? [1_000, 2_000],
  });
  const clients = createClients({
    awsEndpoint: cloud.emulator.endpoint,
    region: cloud.emulator.context.region,
  });
  return {
    cloud,
    endpoints,
    get s3() {
      return clients.s3;
    },
    get sqs() {
      return clients.sqs;
    },
    get events() {
      return clients.events;
    },
    get secrets() {
      return clients.secrets;
    },
    get lambda() {
      return clients.lambda;
    },
    logs: () => text,
    async close() {
      clients.destroy();
      await cloud.close();
    },
  };
}

/** Polls `probe` every 50 ms until it returns something other than undefined/false. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function listKeys(e2e: E2eCloud, prefix: string): Promise<string[]> {
  const result = await e2e.s3.send(
    new ListObjectsV2Command({ Bucket: e2e.endpoints.bucket, Prefix: prefix }),
  );
  return (result.Contents ?? []).map((o) => o.Key!);
}

export async function getJson<T = Record<string, unknown>>(e2e: E2eCloud, key: string): Promise<T> {
  const result = await e2e.s3.send(new GetObjectCommand({ Bucket: e2e.endpoints.bucket, Key: key }));
  return JSON.parse(await result.Body!.transformToString()) as T;
}

/** The mock partner's bearer token, from the partner secret. */
export async function partnerToken(e2e: E2eCloud): Promise<string> {
  const { SecretString } = await e2e.secrets.send(
    new GetSecretValueCommand({ SecretId: e2e.endpoints.secrets.partner }),
  );
  return (JSON.parse(SecretString!) as { token: string }).token;
}

/** Stores Stripe signing secrets the way `hydrant stripe use-secret` does. */
export async function useStripeSecret(e2e: E2eCloud, secret: string): Promise<void> {
  await e2e.secrets.send(
    new PutSecretValueCommand({
      SecretId: e2e.endpoints.secrets.stripe,
      SecretString: JSON.stringify({ signingSecrets: [secret] }),
    }),
  );
}

export function stripeSignature(body: string, secret: string, at = new Date()): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret,
    timestamp: Math.floor(at.getTime() / 1000),
  });
}

/** A watcher of what reaches the bus with `pattern` (the toolkit's, as `hydrant events tail`). */
export function watchBus(e2e: E2eCloud, name: string, pattern: object): Promise<BusWatcher> {
  return BusWatcher.start(e2e, e2e.endpoints.bus, pattern, name);
}

/** The URL of the queue listed as `name` (names come from the stack outputs, as in the CLI). */
export function queueUrl(map: Readonly<Record<string, string>>, name: string): string {
  const url = map[name];
  if (!url) throw new Error(`no queue ${name} in ${Object.keys(map).join(', ')}`);
  return url;
}

/** A DLQ's messages with their attributes, left on the queue (the toolkit's peek, as `hydrant dlq peek`). */
export function peek(e2e: E2eCloud, queueUrl: string): Promise<Message[]> {
  return peekMessages(e2e.sqs, queueUrl, 100);
}

/** A message's attributes as plain strings (the DLQ reason: errorType, errorMessage, attempts). */
export function attributes(message: Message): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(message.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue]),
  );
}

export interface PartnerOutage {
  /** The partner answers normally again (the fault control is cleared). */
  end(): Promise<void>;
}

/**
 * The partner's GraphQL endpoint answers 503 to every query naming `orderId` until `end()`,
 * through the mock partner's fault control (`PUT /admin/faults`), as `hydrant partner faults set
 * --id <orderId>=fail` does. Setting faults replaces any set before.
 */
export async function partnerOutage(e2e: E2eCloud, orderId: string): Promise<PartnerOutage> {
  const control = MockPartnerFaultControl.forGraphqlUrl(
    e2e.endpoints.mockPartner.graphql!,
    await partnerToken(e2e),
  );
  await control.set({ ids: { [orderId]: { kind: 'fail' } } });
  return {
    async end() {
      await control.clear();
    },
  };
}
