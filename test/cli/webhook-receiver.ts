/**
 * Local stand-ins for what `hydrant send` talks to, built from the pipeline's own code:
 * - the webhook API, verifying each request with the webhook verifier's `verifyStripe` /
 *   `verifyDelivery` against the active secrets in Secrets Manager (what the verifier does
 *   downstream of API Gateway);
 * - the mock partner event API: the real handler, bearer-checked against the partner secret and
 *   publishing to the emulator's bus, served over HTTP with the mock partner's own adapter.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { randomUUID } from 'node:crypto';
import { BearerAuth } from '../../lambdas/mock-partner-graphql/bearer-auth';
import { serveProxyHandler, type ServedHandler } from '../../lambdas/mock-partner-graphql/server';
import { createMockEventsHandler } from '../../lambdas/mock-partner-events/handler';
import { EventBridgePublisher } from '../../lambdas/shared/aws/eventbridge-publisher';
import type { BusEvent } from '../../lambdas/shared/ports';
import { verifyDelivery } from '../../lambdas/webhook-verifier/delivery-verification';
import { WEBHOOK_SOURCES, type WebhookEnvelope } from '../../lambdas/webhook-verifier/envelope';
import { verifyStripe } from '../../lambdas/webhook-verifier/stripe-verification';
import { BUS, clientConfig, PARTNER_SOURCE, sendJson, startServer, type TestServer } from './helpers';

export interface Verified {
  readonly provider: string;
  /** The secret that verifies the request (found by trying the active ones one by one). */
  readonly secret: string;
  readonly body: string;
  readonly event: BusEvent;
}

export interface WebhookReceiver extends TestServer {
  readonly verified: Verified[];
}

export async function startWebhookReceiver(
  secrets: SecretsManagerClient,
  secretIds: { stripe: string; delivery: string },
): Promise<WebhookReceiver> {
  const verified: Verified[] = [];
  const read = async (id: string) =>
    JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: id }))).SecretString!) as Record<
      string,
      string[]
    >;
  const server = await startServer(async (req, res) => {
    const path = new URL(req.url, 'http://local').pathname;
    const provider =
      path === '/webhooks/stripe' ? 'stripe' : /^\/webhooks\/delivery\/([^/]+)$/.exec(path)?.[1];
    if (!provider) return sendJson(res, 404, { message: 'Not Found' });
    const envelope: WebhookEnvelope = {
      source: provider === 'stripe' ? WEBHOOK_SOURCES.stripe : WEBHOOK_SOURCES.delivery,
      provider,
      requestId: randomUUID(),
      receivedAt: Date.now(),
      sourceIp: '127.0.0.1',
      signature: String(
        req.headers[provider === 'stripe' ? 'stripe-signature' : 'x-hydrant-signature'] ?? '',
      ),
      body: req.body,
    };
    const active =
      provider === 'stripe'
        ? (await read(secretIds.stripe)).signingSecrets!
        : ((await read(secretIds.delivery))[provider] ?? []);
    const verify = provider === 'stripe' ? verifyStripe : verifyDelivery;
    try {
      const event = verify(envelope, active);
      const secret = active.find((s) => {
        try {
          verify(envelope, [s]);
          return true;
        } catch {
          return false;
        }
      })!;
      verified.push({ provider, secret, body: req.body, event });
      return sendJson(res, 200, { received: true, eventId: (JSON.parse(req.body) as { id: string }).id });
    } catch (error) {
      return sendJson(res, 400, { message: (error as Error).message });
    }
  });
  return { ...server, verified };
}

/** The real mock partner event API, publishing to the emulator's bus. */
export async function serveMockPartnerEvents(
  awsEndpoint: string,
  secrets: SecretsManagerClient,
  partnerSecretId: string,
): Promise<ServedHandler & { destroy(): void }> {
  const eventBridge = new EventBridgeClient(clientConfig(awsEndpoint));
  const handler = createMockEventsHandler({
    publisher: new EventBridgePublisher(eventBridge, BUS),
    partnerSource: PARTNER_SOURCE,
    auth: new BearerAuth({
      readSecret: async () =>
        JSON.parse(
          (await secrets.send(new GetSecretValueCommand({ SecretId: partnerSecretId }))).SecretString!,
        ),
    }),
  });
  const served = await serveProxyHandler(handler);
  return { ...served, destroy: () => eventBridge.destroy() };
}
