/**
 * The hydration pipeline deployed from the synthesized template into the local cloud: a partner
 * event published through the mock partner's event API is routed by the rule to the order queue,
 * hydrated by the bundled order-hydrator against the mock partner's GraphQL API (both behind the
 * emulated API Gateway), stored in S3 and announced on the bus; an event that can never be
 * hydrated lands in the order DLQ with its reason.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../../emulator/cloudformation/local-cloud';
import { synthesize } from '../../../emulator/cloudformation/synthesize';

const ROOT = path.resolve(import.meta.dirname, '../../..');
/** The synthesis cache the other emulator-backed suites use (keyed by checkout). */
const ASSEMBLY_DIR = path.join(
  tmpdir(),
  `hydrant-e2e-${createHash('sha256').update(ROOT).digest('hex').slice(0, 8)}`,
  'cdk.out',
);

let cloud: LocalCloud;
let logs = '';
let clients: { s3: S3Client; sqs: SQSClient; events: EventBridgeClient; secrets: SecretsManagerClient };

beforeAll(async () => {
  const { outdir } = await synthesize({ projectRoot: ROOT, outdir: ASSEMBLY_DIR });
  const sink = new PassThrough();
  sink.on('data', (chunk) => (logs += String(chunk)));
  cloud = await startLocalCloud({
    assemblyDir: outdir,
    port: 0,
    stateDir: mkdtempSync(path.join(tmpdir(), 'hydrant-hydration-e2e-')),
    logs: { stdout: sink, stderr: sink },
  });
  const config = {
    endpoint: cloud.emulator.endpoint,
    region: cloud.emulator.context.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  clients = {
    s3: new S3Client(config),
    sqs: new SQSClient(config),
    events: new EventBridgeClient(config),
    secrets: new SecretsManagerClient(config),
  };
}, 240_000);

afterAll(async () => {
  await cloud?.close();
});

async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}. Function logs:\n${logs.slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function partnerToken(): Promise<string> {
  const { SecretString } = await clients.secrets.send(
    new GetSecretValueCommand({ SecretId: cloud.endpoints.secrets.partner }),
  );
  return (JSON.parse(SecretString!) as { token: string }).token;
}

async function watchBus(name: string, pattern: object): Promise<string> {
  const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  const bus = cloud.endpoints.bus;
  await clients.events.send(
    new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: JSON.stringify(pattern) }),
  );
  await clients.events.send(
    new PutTargetsCommand({
      Rule: name,
      EventBusName: bus,
      Targets: [{ Id: 'watch', Arn: Attributes!.QueueArn }],
    }),
  );
  return QueueUrl!;
}

async function receive(queueUrl: string): Promise<Message | undefined> {
  const { Messages = [] } = await clients.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }),
  );
  return Messages[0];
}

function queueUrl(pattern: RegExp, from: Readonly<Record<string, string>>): string {
  const entry = Object.entries(from).find(([name]) => pattern.test(name));
  if (!entry) throw new Error(`No queue matching ${pattern} in ${Object.keys(from).join(', ')}`);
  return entry[1];
}

describe('hydration in the local cloud', () => {
  it('hydrates an order placed through the mock partner event API into S3 and an Order Hydrated event', async () => {
    const watch = await watchBus('watch-order-hydrated', {
      source: ['shop.hydration'],
      'detail-type': ['Order Hydrated'],
    });
    const eventsUrl = cloud.endpoints.mockPartner.events;
    expect(eventsUrl).toBeDefined();

    const response = await fetch(`${eventsUrl}/order?event-type=order_placed&orderId=ord-E2E1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await partnerToken()}` },
    });
    expect(response.status).toBe(200);

    const key = await eventually(async () => {
      const listed = await clients.s3.send(
        new ListObjectsV2Command({ Bucket: cloud.endpoints.bucket, Prefix: 'hydrated/orders/ord-E2E1/' }),
      );
      return listed.Contents?.[0]?.Key;
    }, 'the hydrated order object');
    expect(key).toMatch(/^hydrated\/orders\/ord-E2E1\/.+_ORDER_PLACED_.+\.json$/);
    const object = await clients.s3.send(new GetObjectCommand({ Bucket: cloud.endpoints.bucket, Key: key }));
    expect(object.ContentType).toBe('application/json');
    const body = JSON.parse(await object.Body!.transformToString());
    expect(body).toMatchObject({ complete: true, response: { data: { order: { id: 'ord-E2E1' } } } });

    const announced = await eventually(() => receive(watch), 'the Order Hydrated event');
    expect(JSON.parse(announced.Body!).detail).toMatchObject({
      eventType: 'ORDER_PLACED',
      orderId: 'ord-E2E1',
      complete: true,
      object: { key },
      data: { id: 'ord-E2E1', lineItems: expect.any(Array) },
    });
  }, 60_000);

  it('hydrates a buyability change into the item object and skips one not identified by itemId', async () => {
    const token = await partnerToken();
    const post = (query: string) =>
      fetch(`${cloud.endpoints.mockPartner.events}/buyability?event-type=buyability&${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await post('itemId=item-E2E1')).status).toBe(200);
    expect((await post('itemId=HB-MUG-350&identifierType=sku')).status).toBe(200);

    const key = await eventually(async () => {
      const listed = await clients.s3.send(
        new ListObjectsV2Command({ Bucket: cloud.endpoints.bucket, Prefix: 'hydrated/items/' }),
      );
      return listed.Contents?.find((o) => o.Key?.startsWith('hydrated/items/item-E2E1/'))?.Key;
    }, 'the hydrated item object');
    const object = await clients.s3.send(new GetObjectCommand({ Bucket: cloud.endpoints.bucket, Key: key }));
    expect(JSON.parse(await object.Body!.transformToString()).response.data.item).toMatchObject({
      id: 'item-E2E1',
      price: { amount: 1499, currencyCode: 'USD' },
    });
    await eventually(
      async () => (logs.includes('identifierType \\"sku\\" is not itemId') ? true : undefined),
      'the skip log',
    );
    const listed = await clients.s3.send(
      new ListObjectsV2Command({ Bucket: cloud.endpoints.bucket, Prefix: 'hydrated/items/HB-MUG-350/' }),
    );
    expect(listed.Contents ?? []).toEqual([]);
  }, 60_000);

  it('dead-letters an order event that can never be hydrated, with the reason attached', async () => {
    await clients.events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: cloud.endpoints.bus,
            Source: 'partner.buywithprime',
            DetailType: 'Order Placed',
            Detail: JSON.stringify({
              eventType: 'ORDER_PLACED',
              orderIdentifier: { orderId: 'not a/valid id' },
            }),
          },
        ],
      }),
    );
    const dlq = queueUrl(/HydrationOrdersDeadLetterQueue/, cloud.endpoints.dlqs);

    const message = await eventually(() => receive(dlq), 'the DLQ message');

    expect(message.MessageAttributes?.errorType?.StringValue).toBe('InvalidEvent');
    expect(message.MessageAttributes?.errorMessage?.StringValue).toContain('orderIdentifier.orderId');
    expect(message.MessageAttributes?.attempts?.StringValue).toBe('1');
    expect(JSON.parse(message.Body!).detail.orderIdentifier.orderId).toBe('not a/valid id');
  }, 60_000);
});
