/**
 * Wires a hydrator from its Lambda environment: AWS adapters over SDK clients created once per
 * warm function, the partner client with Secrets Manager credentials, Powertools logger/metrics.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { EventBridgePublisher } from '../shared/aws/eventbridge-publisher';
import { S3ObjectStore } from '../shared/aws/s3-object-store';
import { SecretsManagerSource } from '../shared/aws/secrets-manager-source';
import { requireEnv } from '../shared/env';
import { HydrantError } from '../shared/errors';
import { METRIC_NAMESPACE } from '../shared/metric-names';
import { SqsFailureQueue } from './aws/sqs-failure-queue';
import { createBatchHandler, type SqsBatchHandler } from './batch-handler';
import { GraphQLPartnerClient } from './graphql-partner-client';
import type { HydrationSpec } from './hydration-spec';
import { Hydrator } from './hydrator';
import { PowertoolsTelemetry } from './telemetry';
import { SecretTokenProvider } from './token-provider';

export function hydratorFromEnvironment(spec: HydrationSpec): SqsBatchHandler {
  const env = requireEnv(
    'BUS_NAME',
    'BUCKET_NAME',
    'PARTNER_ENDPOINT',
    'PARTNER_SECRET_ID',
    'PARTNER_SOURCE',
    'QUEUE_URL',
    'DLQ_URL',
    'MAX_ATTEMPTS',
    'REQUEST_TIMEOUT_MS',
    'HYDRATION_SOURCE',
  );
  const number = (name: string, value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new HydrantError(`${name} must be a positive whole number (got "${value}")`);
    return n;
  };
  const timeoutMs = number('REQUEST_TIMEOUT_MS', env.REQUEST_TIMEOUT_MS);
  const logger = new Logger();
  const metrics = new Metrics({ namespace: METRIC_NAMESPACE });
  const hydrator = new Hydrator({
    spec,
    partnerSource: env.PARTNER_SOURCE,
    hydrationSource: env.HYDRATION_SOURCE,
    bucket: env.BUCKET_NAME,
    maxAttempts: number('MAX_ATTEMPTS', env.MAX_ATTEMPTS),
    partner: new GraphQLPartnerClient({
      endpoint: env.PARTNER_ENDPOINT,
      timeoutMs,
      tokens: new SecretTokenProvider({
        secrets: new SecretsManagerSource(new SecretsManagerClient({})),
        secretId: env.PARTNER_SECRET_ID,
        timeoutMs,
        installationId: process.env.PARTNER_INSTALLATION_ID || undefined,
      }),
    }),
    store: new S3ObjectStore(new S3Client({}), env.BUCKET_NAME),
    publisher: new EventBridgePublisher(new EventBridgeClient({}), env.BUS_NAME),
    failures: new SqsFailureQueue(new SQSClient({}), env.QUEUE_URL, env.DLQ_URL),
    telemetry: new PowertoolsTelemetry(logger, metrics),
    backoff: {
      baseSeconds: number('BACKOFF_BASE_SECONDS', process.env.BACKOFF_BASE_SECONDS ?? '2'),
      maxSeconds: number('BACKOFF_MAX_SECONDS', process.env.BACKOFF_MAX_SECONDS ?? '900'),
    },
  });
  const handleBatch = createBatchHandler(
    hydrator,
    number('RECORD_CONCURRENCY', process.env.RECORD_CONCURRENCY ?? '10'),
  );
  return async (event, context) => {
    logger.addContext(context);
    try {
      return await handleBatch(event, context);
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}
