/** The two hydrator entry points: each wires the shared runtime from its environment. */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NO_FAULTS } from '../../../lambdas/mock-partner-graphql/faults';
import { createMockPartnerHandler } from '../../../lambdas/mock-partner-graphql/handler';
import { serveProxyHandler, type ServedHandler } from '../../../lambdas/mock-partner-graphql/server';
import { buyabilityEvent, lambdaContext, orderEvent, sqsEvent, sqsRecord, STATIC_SECRET } from './helpers';

const s3 = mockClient(S3Client);
const events = mockClient(EventBridgeClient);
const secrets = mockClient(SecretsManagerClient);
mockClient(SQSClient);
let partner: ServedHandler;

const ENV = {
  AWS_REGION: 'eu-west-1',
  BUS_NAME: 'shop-events',
  BUCKET_NAME: 'bucket',
  PARTNER_SECRET_ID: 'partner',
  PARTNER_SOURCE: 'partner.buywithprime',
  QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/q',
  DLQ_URL: 'https://sqs.eu-west-1.amazonaws.com/1/dlq',
  MAX_ATTEMPTS: '5',
  REQUEST_TIMEOUT_MS: '2000',
  HYDRATION_SOURCE: 'shop.hydration',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
};

beforeAll(async () => {
  partner = await serveProxyHandler(
    createMockPartnerHandler({ faults: NO_FAULTS, readSecret: async () => STATIC_SECRET }),
  );
  s3.on(PutObjectCommand).resolves({ ETag: '"e"' });
  events.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
  secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(STATIC_SECRET) });
});
afterAll(async () => {
  await partner.close();
  vi.unstubAllEnvs();
});

const HANDLERS = [
  {
    name: 'order-hydrator',
    load: () => import('../../../lambdas/order-hydrator/index'),
    event: () => orderEvent('ord-ENV'),
    key: /^hydrated\/orders\/ord-ENV\//,
    detailType: 'Order Hydrated',
  },
  {
    name: 'item-hydrator',
    load: () => import('../../../lambdas/item-hydrator/index'),
    event: () => buyabilityEvent('item-ENV'),
    key: /^hydrated\/items\/item-ENV\//,
    detailType: 'Item Hydrated',
  },
];

describe.each(HANDLERS)('$name handler', ({ load, event, key, detailType }) => {
  it('refuses to start without its environment, naming every missing variable', async () => {
    vi.resetModules();
    vi.stubEnv('BUS_NAME', '');
    vi.stubEnv('DLQ_URL', '');
    await expect(load()).rejects.toThrow(/BUS_NAME[\s\S]*DLQ_URL/);
  });

  it('hydrates its kind of event from its environment', async () => {
    vi.resetModules();
    s3.resetHistory();
    events.resetHistory();
    for (const [name, value] of Object.entries({ ...ENV, PARTNER_ENDPOINT: `${partner.url}/graphql` })) {
      vi.stubEnv(name, value);
    }
    const { handler } = await load();

    const result = await handler(sqsEvent(sqsRecord(event())), lambdaContext);

    expect(result.batchItemFailures).toEqual([]);
    expect(s3.commandCalls(PutObjectCommand)[0].args[0].input).toMatchObject({
      Bucket: 'bucket',
      Key: expect.stringMatching(key),
    });
    expect(events.commandCalls(PutEventsCommand)[0].args[0].input.Entries?.[0]).toMatchObject({
      EventBusName: 'shop-events',
      Source: 'shop.hydration',
      DetailType: detailType,
    });
  });
});
