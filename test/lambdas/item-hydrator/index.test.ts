import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NO_FAULTS } from '../../../lambdas/mock-partner-graphql/faults';
import { createMockPartnerHandler } from '../../../lambdas/mock-partner-graphql/handler';
import { serveProxyHandler, type ServedHandler } from '../../../lambdas/mock-partner-graphql/server';
import { buyabilityEvent, lambdaContext, sqsEvent, sqsRecord, STATIC_SECRET } from '../hydration/helpers';

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

describe('item-hydrator handler', () => {
  it('refuses to start without its environment, naming every missing variable', async () => {
    vi.resetModules();
    vi.stubEnv('BUS_NAME', '');
    vi.stubEnv('DLQ_URL', '');
    await expect(import('../../../lambdas/item-hydrator/index')).rejects.toThrow(/BUS_NAME[\s\S]*DLQ_URL/);
  });

  it('hydrates a buyability event from its environment', async () => {
    vi.resetModules();
    for (const [key, value] of Object.entries({ ...ENV, PARTNER_ENDPOINT: `${partner.url}/graphql` })) {
      vi.stubEnv(key, value);
    }
    const { handler } = await import('../../../lambdas/item-hydrator/index');

    const result = await handler(sqsEvent(sqsRecord(buyabilityEvent('item-ENV'))), lambdaContext);

    expect(result.batchItemFailures).toEqual([]);
    expect(s3.commandCalls(PutObjectCommand)[0].args[0].input).toMatchObject({
      Bucket: 'bucket',
      Key: expect.stringMatching(/^hydrated\/items\/item-ENV\//),
    });
    expect(events.commandCalls(PutEventsCommand)[0].args[0].input.Entries?.[0]).toMatchObject({
      EventBusName: 'shop-events',
      Source: 'shop.hydration',
      DetailType: 'Item Hydrated',
    });
  });
});
