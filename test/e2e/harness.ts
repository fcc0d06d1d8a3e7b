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
import { fileURLToPath } from 'node:url';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import Stripe from 'stripe';
import { startLocalCloud, type LocalCloud } from '../../emulator/cloudformation/local-cloud';
import { synthesize } from '../../emulator/cloudformation/synthesize';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** One assembly folder per checkout, outside the tree, reused while the sources are unchanged. */
const ASSEMBLY_DIR = path.join(
  tmpdir(),
  `hydrant-e2e-${createHash('sha256').update(PROJECT_ROOT).digest('hex').slice(0, 8)}`,
  'cdk.out',
);

export interface E2eCloud {
  readonly cloud: LocalCloud;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly events: EventBridgeClient;
  readonly secrets: SecretsManagerClient;
  /** Function logs so far (printed on failure with HYDRANT_E2E_LOGS=1). */
  logs(): string;
  close(): Promise<void>;
}

export async function startE2eCloud(): Promise<E2eCloud> {
  const { outdir } = await synthesize({
    projectRoot: PROJECT_ROOT,
    outdir: ASSEMBLY_DIR,
    // The default retry budget rides out an hour-long partner outage; tests dead-letter in seconds.
    context: { 'hydrant:hydrationMaxAttempts': 4, 'hydrant:hydrationBackoffMaxSeconds': 8 },
  });
  let text = '';
  const sink = new PassThrough();
  sink.on('data', (chunk) => {
    text += String(chunk);
    if (process.env.HYDRANT_E2E_LOGS) process.stderr.write(chunk);
  });
  const cloud = await startLocalCloud({
    assemblyDir: outdir,
    port: 0,
    stateDir: mkdtempSync(path.join(tmpdir(), 'hydrant-e2e-state-')),
    logs: { stdout: sink, stderr: sink },
  });
  const config = {
    endpoint: cloud.emulator.endpoint,
    region: cloud.emulator.context.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  return {
    cloud,
    s3: new S3Client(config),
    sqs: new SQSClient(config),
    events: new EventBridgeClient(config),
    secrets: new SecretsManagerClient(config),
    logs: () => text,
    close: () => cloud.close(),
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
    new ListObjectsV2Command({ Bucket: e2e.cloud.endpoints.bucket, Prefix: prefix }),
  );
  return (result.Contents ?? []).map((o) => o.Key!);
}

export async function getJson<T = Record<string, unknown>>(e2e: E2eCloud, key: string): Promise<T> {
  const result = await e2e.s3.send(new GetObjectCommand({ Bucket: e2e.cloud.endpoints.bucket, Key: key }));
  return JSON.parse(await result.Body!.transformToString()) as T;
}

/** The mock partner's bearer token, from the partner secret. */
export async function partnerToken(e2e: E2eCloud): Promise<string> {
  const { SecretString } = await e2e.secrets.send(
    new GetSecretValueCommand({ SecretId: e2e.cloud.endpoints.secrets.partner }),
  );
  return (JSON.parse(SecretString!) as { token: string }).token;
}

/** Stores Stripe signing secrets the way `hydrant stripe use-secret` does. */
export async function useStripeSecret(e2e: E2eCloud, secret: string): Promise<void> {
  await e2e.secrets.send(
    new PutSecretValueCommand({
      SecretId: e2e.cloud.endpoints.secrets.stripe,
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

/** A queue subscribed to the bus with `pattern`, to watch what reaches the bus. */
export async function watchBus(e2e: E2eCloud, name: string, pattern: object): Promise<string> {
  const { QueueUrl } = await e2e.sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await e2e.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  const bus = e2e.cloud.endpoints.bus;
  await e2e.events.send(
    new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: JSON.stringify(pattern) }),
  );
  await e2e.events.send(
    new PutTargetsCommand({
      Rule: name,
      EventBusName: bus,
      Targets: [{ Id: 'watch', Arn: Attributes!.QueueArn }],
    }),
  );
  return QueueUrl!;
}

/** The URL of the queue whose listed name matches `pattern`. */
export function queueUrl(map: Readonly<Record<string, string>>, pattern: RegExp): string {
  const entry = Object.entries(map).find(([name]) => pattern.test(name));
  if (!entry) throw new Error(`no queue matching ${pattern} in ${Object.keys(map).join(', ')}`);
  return entry[1];
}

/** Receives and deletes up to 10 messages (long poll of 1 s). */
export async function drain(e2e: E2eCloud, queueUrl: string): Promise<Message[]> {
  const { Messages = [] } = await e2e.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
      MessageAttributeNames: ['All'],
    }),
  );
  for (const m of Messages) {
    await e2e.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
  }
  return Messages;
}
