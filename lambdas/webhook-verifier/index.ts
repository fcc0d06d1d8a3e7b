/**
 * webhook-verifier Lambda: the target of the `Webhook Received` rule. Wires the AWS clients into the
 * verifier, logs with the webhook's request id, and emits WebhookVerified / WebhookRejected.
 * A thrown error fails the invocation: Lambda retries it (EventInvokeConfig), then its on-failure
 * destination puts Lambda's invocation record in the verifier DLQ, and `hydrant dlq redrive
 * webhook-verifier` invokes the function again with the original event.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { EventBridgeEvent } from 'aws-lambda';
import { EventBridgePublisher } from '../shared/aws/eventbridge-publisher';
import { S3ObjectStore } from '../shared/aws/s3-object-store';
import { SecretsManagerSource } from '../shared/aws/secrets-manager-source';
import { requireEnv } from '../shared/env';
import { METRIC_NAMESPACE, MetricName } from '../shared/metric-names';
import { SigningSecrets } from './signing-secrets';
import { WebhookVerifier } from './webhook-verifier';

const env = requireEnv(
  'BUS_NAME',
  'BUCKET_NAME',
  'STRIPE_SECRET_ID',
  'DELIVERY_SECRET_ID',
  'DELIVERY_PROVIDERS',
);
const logger = new Logger();
const metrics = new Metrics({ namespace: METRIC_NAMESPACE });

const verifier = new WebhookVerifier({
  publisher: new EventBridgePublisher(new EventBridgeClient({}), env.BUS_NAME),
  store: new S3ObjectStore(new S3Client({}), env.BUCKET_NAME),
  secrets: new SigningSecrets(new SecretsManagerSource(new SecretsManagerClient({})), {
    stripeSecretId: env.STRIPE_SECRET_ID,
    deliverySecretId: env.DELIVERY_SECRET_ID,
  }),
  deliveryProviders: env.DELIVERY_PROVIDERS.split(',').map((p) => p.trim()),
});

export async function handler(event: EventBridgeEvent<string, unknown>): Promise<void> {
  const detail = (event.detail ?? {}) as { requestId?: unknown; provider?: unknown };
  logger.appendKeys({
    webhookRequestId: typeof detail.requestId === 'string' ? detail.requestId : undefined,
    provider: typeof detail.provider === 'string' ? detail.provider : undefined,
    busEventId: event.id,
  });
  try {
    const outcome = await verifier.handle(event);
    if (outcome.status === 'verified') {
      metrics.addMetric(MetricName.WebhookVerified, MetricUnit.Count, 1);
      logger.info('Webhook verified', { source: outcome.event.source, detailType: outcome.event.detailType });
    } else {
      metrics.addMetric(MetricName.WebhookRejected, MetricUnit.Count, 1);
      metrics.addMetadata('reason', outcome.reason);
      logger.warn('Webhook rejected', { reason: outcome.reason, message: outcome.message, key: outcome.key });
    }
  } catch (error) {
    logger.error(
      'Webhook verification failed; Lambda retries it, then keeps it in the webhook-verifier DLQ ' +
        '(`hydrant dlq redrive webhook-verifier` runs it again)',
      error as Error,
    );
    throw error;
  } finally {
    metrics.publishStoredMetrics();
    logger.resetKeys();
  }
}
