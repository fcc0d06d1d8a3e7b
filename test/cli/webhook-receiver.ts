/**
 * A local stand-in for the webhook API and the mock partner event API. Webhooks are verified the
 * way the verifier does: Stripe with stripe's constructEvent, delivery with the shared signature
 * module the verifier uses, each against every active secret in Secrets Manager.
 */
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import Stripe from 'stripe';
import {
  DELIVERY_SIGNATURE_TOLERANCE_SECONDS,
  deliverySignatureMatches,
  parseDeliverySignatureHeader,
} from '../../lambdas/shared/delivery-signature';
import { sendJson, startServer, type TestServer } from './helpers';

export interface Verified {
  readonly kind: 'stripe' | 'delivery';
  readonly provider?: string;
  readonly secret: string;
  readonly body: string;
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
  let partnerEvents = 0;
  const server = await startServer(async (req, res) => {
    const url = new URL(req.url, 'http://local');
    if (url.pathname === '/webhooks/stripe') {
      for (const secret of (await read(secretIds.stripe)).signingSecrets ?? []) {
        try {
          const event = Stripe.webhooks.constructEvent(
            req.body,
            String(req.headers['stripe-signature']),
            secret,
            300,
            undefined,
            Date.now(),
          );
          verified.push({ kind: 'stripe', secret, body: req.body });
          return sendJson(res, 200, { received: true, eventId: event.id });
        } catch {
          // Try the next active secret.
        }
      }
      return sendJson(res, 400, { message: 'signature does not verify' });
    }
    const provider = /^\/webhooks\/delivery\/([^/]+)$/.exec(url.pathname)?.[1];
    if (provider) {
      const header = parseDeliverySignatureHeader(String(req.headers['x-hydrant-signature'] ?? ''));
      const fresh =
        header !== undefined &&
        Math.abs(Date.now() / 1000 - header.timestamp) <= DELIVERY_SIGNATURE_TOLERANCE_SECONDS;
      for (const secret of (await read(secretIds.delivery))[decodeURIComponent(provider)] ?? []) {
        if (fresh && deliverySignatureMatches(req.body, secret, header)) {
          verified.push({ kind: 'delivery', provider, secret, body: req.body });
          return sendJson(res, 200, { received: true, eventId: (JSON.parse(req.body) as { id: string }).id });
        }
      }
      return sendJson(res, 400, { message: 'signature does not verify' });
    }
    if (req.method === 'POST' && url.pathname.startsWith('/prod/put-event/')) {
      return sendJson(res, 200, {
        eventId: `partner-${++partnerEvents}`,
        eventType: url.searchParams.get('event-type'),
      });
    }
    return sendJson(res, 404, { message: 'Not Found' });
  });
  return { ...server, verified };
}
