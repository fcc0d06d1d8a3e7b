/** Typed factories for the webhook-verifier tests: signed requests, envelopes and mocked AWS clients. */
import { onTestFinished } from 'vitest';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import Stripe from 'stripe';
import { EventBridgePublisher } from '../../../lambdas/shared/aws/eventbridge-publisher';
import { S3ObjectStore } from '../../../lambdas/shared/aws/s3-object-store';
import { SecretsManagerSource } from '../../../lambdas/shared/aws/secrets-manager-source';
import { signDeliveryBody } from '../../../lambdas/shared/delivery-signature';
import { SigningSecrets } from '../../../lambdas/webhook-verifier/signing-secrets';
import { WebhookVerifier, type ReceivedEvent } from '../../../lambdas/webhook-verifier/webhook-verifier';

export const STRIPE_SECRET_ID = 'stripe-signing';
export const DELIVERY_SECRET_ID = 'delivery-signing';
export const BUS = 'shop-events';
export const BUCKET = 'pipeline-bucket';

export const stripeEventBody = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify(
    {
      id: 'evt_1PqR',
      object: 'event',
      type: 'payment_intent.succeeded',
      created: 1_700_000_000,
      data: { object: { id: 'pi_1', description: "O'Brien's order — café 😀", amount: 1999 } },
      ...overrides,
    },
    null,
    2,
  );

export const deliveryBody = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 'dlv_evt_1',
    type: 'delivery.delivered',
    orderId: 'order-42',
    customerId: 'cust-7',
    trackingNumber: 'TRK123',
    occurredAt: '2026-11-22T10:00:00Z',
    ...overrides,
  });

export const stripeSignature = (body: string, secret: string, timestampSeconds: number) =>
  Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: timestampSeconds });

export const deliverySignature = signDeliveryBody;

export interface EnvelopeInput {
  readonly source?: string;
  readonly provider?: string;
  readonly requestId?: string;
  readonly receivedAt: number;
  readonly signature?: string;
  readonly body: string;
}

export function receivedEvent(input: EnvelopeInput): ReceivedEvent {
  const source =
    input.source ?? (input.provider && input.provider !== 'stripe' ? 'webhook.delivery' : 'webhook.stripe');
  return {
    id: 'bus-event-1',
    source,
    detail: {
      provider: input.provider ?? 'stripe',
      requestId: input.requestId ?? 'c0ffee00-0000-4000-8000-000000000001',
      receivedAt: input.receivedAt,
      sourceIp: '203.0.113.9',
      signature: input.signature ?? '',
      body: input.body,
      hint: { id: '', type: '' },
    },
  };
}

/** Mocked SDK clients behind the real adapters, with the secrets each call of GetSecretValue returns. */
export function mockedAws(secrets: { stripe?: unknown[]; delivery?: Record<string, unknown[]> } = {}) {
  const eventBridge = mockClient(EventBridgeClient);
  const s3 = mockClient(S3Client);
  const secretsManager = mockClient(SecretsManagerClient);
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'verified-1' }] });
  s3.on(PutObjectCommand).resolves({ ETag: '"etag"' });
  secretsManager
    .on(GetSecretValueCommand, { SecretId: STRIPE_SECRET_ID })
    .resolves({ SecretString: JSON.stringify({ signingSecrets: secrets.stripe ?? ['whsec_current'] }) });
  secretsManager
    .on(GetSecretValueCommand, { SecretId: DELIVERY_SECRET_ID })
    .resolves({ SecretString: JSON.stringify(secrets.delivery ?? { 'acme-post': ['acme-secret'] }) });
  // Each test gets fresh mocks and leaves none behind.
  onTestFinished(() => {
    eventBridge.restore();
    s3.restore();
    secretsManager.restore();
  });
  return { eventBridge, s3, secretsManager };
}

export function verifierOver(
  deliveryProviders: readonly string[] = ['acme-post', 'swiftship'],
  clock: { now?: () => number } = {},
) {
  return new WebhookVerifier({
    publisher: new EventBridgePublisher(new EventBridgeClient({ region: 'eu-west-1' }), BUS),
    store: new S3ObjectStore(new S3Client({ region: 'eu-west-1' }), BUCKET),
    secrets: new SigningSecrets(new SecretsManagerSource(new SecretsManagerClient({ region: 'eu-west-1' })), {
      stripeSecretId: STRIPE_SECRET_ID,
      deliverySecretId: DELIVERY_SECRET_ID,
      now: clock.now,
    }),
    deliveryProviders,
  });
}
