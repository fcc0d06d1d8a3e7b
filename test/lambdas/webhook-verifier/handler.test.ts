import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { EventBridgeEvent } from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  BUCKET,
  BUS,
  DELIVERY_SECRET_ID,
  STRIPE_SECRET_ID,
  deliveryBody,
  deliverySignature,
  mockedAws,
  receivedEvent,
  stripeEventBody,
  stripeSignature,
} from './factories';

type Handler = (event: EventBridgeEvent<string, unknown>) => Promise<void>;
let handler: Handler;
let aws: ReturnType<typeof mockedAws>;
const NOW_S = Math.floor(Date.now() / 1000);

beforeAll(async () => {
  vi.stubEnv('BUS_NAME', BUS);
  vi.stubEnv('BUCKET_NAME', BUCKET);
  vi.stubEnv('STRIPE_SECRET_ID', STRIPE_SECRET_ID);
  vi.stubEnv('DELIVERY_SECRET_ID', DELIVERY_SECRET_ID);
  vi.stubEnv('DELIVERY_PROVIDERS', 'acme-post,swiftship');
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'webhook-verifier');
  // Powertools writes EMF and logs through the global console in dev mode, so the test can read them.
  vi.stubEnv('POWERTOOLS_DEV', 'true');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  ({ handler } = (await import('../../../lambdas/webhook-verifier/index')) as { handler: Handler });
});

afterEach(() => {
  vi.restoreAllMocks();
});

function asBusEvent(secret: string, provider = 'stripe'): EventBridgeEvent<string, unknown> {
  const body = provider === 'stripe' ? stripeEventBody() : deliveryBody();
  const signature =
    provider === 'stripe' ? stripeSignature(body, secret, NOW_S) : deliverySignature(body, secret, NOW_S);
  const { id, source, detail } = receivedEvent({ provider, body, receivedAt: NOW_S * 1000, signature });
  return {
    id,
    source,
    detail,
    version: '0',
    account: '123456789012',
    time: new Date().toISOString(),
    region: 'eu-west-1',
    resources: [],
    'detail-type': 'Webhook Received',
  };
}

/** EMF documents and log lines the handler printed. */
function printed(spy: ReturnType<typeof vi.spyOn>): Record<string, unknown>[] {
  return spy.mock.calls.flatMap((args: unknown[]) => {
    try {
      return [JSON.parse(String(args[0])) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

const metricNames = (lines: Record<string, unknown>[]) =>
  lines.flatMap((l) =>
    (
      (l._aws as { CloudWatchMetrics?: { Namespace: string; Metrics: { Name: string }[] }[] })
        ?.CloudWatchMetrics ?? []
    ).flatMap((m) => m.Metrics.map((x) => `${m.Namespace}/${x.Name}`)),
  );

describe('webhook-verifier handler', () => {
  it('publishes a verified webhook and emits WebhookVerified, logging the webhook request id', async () => {
    aws = mockedAws();
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);

    await handler(asBusEvent('whsec_current'));

    expect(aws.eventBridge.commandCalls(PutEventsCommand)).toHaveLength(1);
    expect(metricNames(printed(log))).toContain('Hydrant/WebhookVerified');
    expect(printed(info)).toContainEqual(
      expect.objectContaining({
        message: 'Webhook verified',
        webhookRequestId: 'c0ffee00-0000-4000-8000-000000000001',
      }),
    );
  });

  it('records a forged webhook and emits WebhookRejected without throwing', async () => {
    aws = mockedAws();
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    await handler(asBusEvent('whsec_forged'));

    expect(aws.s3.commandCalls(PutObjectCommand)).toHaveLength(1);
    expect(metricNames(printed(log))).toContain('Hydrant/WebhookRejected');
  });

  it('throws on an operational failure so EventBridge retries, without logging any secret', async () => {
    // swiftship is configured but has no secret yet (the first read of the delivery secret here).
    aws = mockedAws({ delivery: { 'acme-post': ['acme-secret'], swiftship: [] } });
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);

    await expect(handler(asBusEvent('swift-secret', 'swiftship'))).rejects.toThrow(/no signing secret/);
    expect(error).toHaveBeenCalled();
    expect(JSON.stringify(error.mock.calls)).not.toContain('acme-secret');
  });
});
