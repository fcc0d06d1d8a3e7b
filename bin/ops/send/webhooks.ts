/**
 * Signed test webhooks to the webhook API: a Stripe event signed with the newest stored Stripe
 * secret, a delivery webhook signed with the provider's newest secret.
 */
import { readDeliverySecrets, readStripeSecrets } from '../aws/signing-secrets';
import { CliError, UsageError } from '../errors';
import { requireEndpoint } from '../target/endpoints';
import type { OpsTarget } from '../context';
import { buildDeliveryEvent, deliverySignature } from './delivery-webhook';
import { postJson } from './http';
import { buildStripeEvent, stripeSignature } from './stripe-event';

export interface SentWebhook {
  readonly eventId: string;
  readonly type: string;
  readonly url: string;
  readonly status: number;
  readonly response: unknown;
}

export interface StripeSendOptions {
  readonly type: string;
  readonly orderId?: string;
  /** The event's `data.object`, or a whole event sent unchanged. */
  readonly payload?: unknown;
}

export async function sendStripeEvent(target: OpsTarget, options: StripeSendOptions): Promise<SentWebhook> {
  const event = buildStripeEvent(options);
  const url = requireEndpoint(target.endpoints, 'webhooks.stripe');
  const [secret] = await readStripeSecrets(target.clients.secrets, target.endpoints.secrets.stripe);
  if (!secret) {
    throw new CliError(
      'No Stripe signing secret is stored yet: run `hydrant stripe use-secret` (generates one for local ' +
        'testing) or `hydrant stripe register --url …`',
    );
  }
  const body = JSON.stringify(event);
  const answer = await postJson(url, body, { 'stripe-signature': stripeSignature(body, secret) });
  return {
    eventId: event.id as string,
    type: options.type,
    url,
    status: answer.status,
    response: answer.body,
  };
}

export interface DeliverySendOptions {
  readonly status: string;
  readonly orderId: string;
  /** Default: the first provider the stack accepts. */
  readonly provider?: string;
  readonly customerId?: string;
  readonly trackingNumber?: string;
}

export interface SentDelivery extends SentWebhook {
  readonly provider: string;
  readonly orderId: string;
}

export async function sendDeliveryWebhook(
  target: OpsTarget,
  options: DeliverySendOptions,
): Promise<SentDelivery> {
  const event = buildDeliveryEvent(options);
  const template = requireEndpoint(target.endpoints, 'webhooks.delivery');
  const doc = await readDeliverySecrets(target.clients.secrets, target.endpoints.secrets.delivery);
  const provider = options.provider ?? Object.keys(doc)[0];
  if (provider === undefined || !(provider in doc)) {
    throw new UsageError(
      `Unknown delivery provider "${provider ?? ''}": the stack accepts ${Object.keys(doc).join(', ') || 'none'}`,
    );
  }
  const secret = doc[provider]![0];
  if (!secret) {
    throw new CliError(
      `No signing secret for ${provider} yet: run \`hydrant delivery use-secret ${provider}\` to generate one`,
    );
  }
  const url = template.replace('{provider}', encodeURIComponent(provider));
  const body = JSON.stringify(event);
  const answer = await postJson(url, body, { 'x-hydrant-signature': deliverySignature(body, secret) });
  return {
    eventId: event.id,
    type: event.type,
    provider,
    orderId: event.orderId,
    url,
    status: answer.status,
    response: answer.body,
  };
}

/** The delivery providers the stack accepts (names only; secrets stay where they are). */
export async function deliveryProviders(target: OpsTarget): Promise<string[]> {
  return Object.keys(await readDeliverySecrets(target.clients.secrets, target.endpoints.secrets.delivery));
}
