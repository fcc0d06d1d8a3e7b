/**
 * hydrant's webhook endpoints in Stripe: register (idempotent per URL), list, unregister. Stripe
 * returns an endpoint's signing secret only when it creates it, so that is when it is stored.
 */
import type Stripe from 'stripe';
import { storeStripeSecret } from '../aws/signing-secrets';
import { CliError, NotFoundError, UsageError } from '../errors';
import type { Endpoints } from '../target/endpoints';
import type { OpsTarget } from '../context';

/** The Stripe events the shop services consume. */
export const DEFAULT_STRIPE_EVENTS = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'charge.refunded',
];

/** Signing secrets kept active by default: the current one and the one before (a rotation). */
export const DEFAULT_KEEP = 2;

/** Metadata a rotation leaves on the new endpoint until it is finished. */
export const REPLACES_KEY = 'hydrant_replaces';
export const ROTATED_AT_KEY = 'hydrant_rotated_at';

export interface EndpointSummary {
  readonly id: string;
  readonly url: string;
  readonly status: string;
  readonly enabledEvents: readonly string[];
  readonly description?: string;
  /** Set while a rotation to this endpoint is unfinished. */
  readonly replaces?: string;
  readonly rotatedAt?: string;
}

export function summarize(e: Stripe.WebhookEndpoint): EndpointSummary {
  const replaces = e.metadata?.[REPLACES_KEY] || undefined;
  return {
    id: e.id,
    url: e.url,
    status: e.status,
    enabledEvents: e.enabled_events,
    ...(e.description ? { description: e.description } : {}),
    ...(replaces ? { replaces, rotatedAt: e.metadata?.[ROTATED_AT_KEY] } : {}),
  };
}

export async function listEndpoints(api: Stripe): Promise<Stripe.WebhookEndpoint[]> {
  const all: Stripe.WebhookEndpoint[] = [];
  for await (const endpoint of api.webhookEndpoints.list({ limit: 100 })) all.push(endpoint);
  return all;
}

/** The URL Stripe should send to: `url` when given, else the target's Stripe webhook URL. */
export function webhookUrl(url: string | undefined, endpoints: Endpoints): string {
  if (url !== undefined) {
    if (!/^https?:\/\/\S+$/.test(url)) throw new UsageError(`--url must be an http(s) URL (got "${url}")`);
    return url;
  }
  if (endpoints.kind === 'stack' && !endpoints.webhooks.stripe) {
    throw new UsageError(`${endpoints.description} has no StripeWebhookUrl output: pass --url <webhook URL>`);
  }
  if (endpoints.kind === 'local') {
    const local = endpoints.webhooks.stripe ?? '<the Stripe webhook URL>';
    throw new UsageError(
      `Stripe cannot reach the local emulator: run \`stripe listen --forward-to ${local}\` and store the ` +
        'secret it prints with `stripe listen --print-secret | hydrant stripe use-secret --stdin`, or pass ' +
        '--url <public URL of a tunnel to it>',
    );
  }
  return endpoints.webhooks.stripe!;
}

export interface RegisterResult {
  readonly endpointId: string;
  readonly url: string;
  readonly enabledEvents: readonly string[];
  /** false: an enabled endpoint for the URL existed and was updated, its stored secret kept. */
  readonly created: boolean;
  readonly activeSecrets?: number;
}

/**
 * Creates the endpoint, or updates the enabled one that already sends to `url` (running register
 * twice must not make Stripe deliver every event twice).
 */
export async function registerEndpoint(
  api: Stripe,
  target: OpsTarget,
  options: { readonly url: string; readonly events: readonly string[]; readonly keep?: number },
): Promise<RegisterResult> {
  const existing = (await listEndpoints(api)).filter((e) => e.url === options.url && e.status === 'enabled');
  const enabledEvents = [...options.events] as Stripe.WebhookEndpointCreateParams.EnabledEvent[];
  if (existing.length > 0) {
    // During a rotation both endpoints are enabled: the newer one (the rotation's) is the current one.
    const current = existing.find((e) => e.metadata?.[REPLACES_KEY]) ?? existing[0]!;
    const updated = await api.webhookEndpoints.update(current.id, {
      enabled_events: enabledEvents as Stripe.WebhookEndpointUpdateParams.EnabledEvent[],
    });
    return {
      endpointId: updated.id,
      url: updated.url,
      enabledEvents: updated.enabled_events,
      created: false,
    };
  }
  const created = await api.webhookEndpoints.create({
    url: options.url,
    enabled_events: enabledEvents,
    description: 'hydrant',
  });
  const activeSecrets = await storeCreatedSecret(target, created, options.keep ?? DEFAULT_KEEP);
  return {
    endpointId: created.id,
    url: created.url,
    enabledEvents: created.enabled_events,
    created: true,
    activeSecrets,
  };
}

export async function retrieveEndpoint(api: Stripe, id: string): Promise<Stripe.WebhookEndpoint> {
  try {
    return await api.webhookEndpoints.retrieve(id);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) {
      throw new NotFoundError(
        `Stripe has no webhook endpoint ${id}: list them with \`hydrant stripe endpoints\``,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

/** Deletes the endpoint: Stripe stops sending to it and drops its pending retries. */
export async function unregisterEndpoint(api: Stripe, id: string): Promise<EndpointSummary> {
  const endpoint = await retrieveEndpoint(api, id);
  await api.webhookEndpoints.del(id);
  return summarize(endpoint);
}

/** Stripe returns the secret only on creation: if storing it fails, say how to recover. */
export async function storeCreatedSecret(
  target: OpsTarget,
  created: Stripe.WebhookEndpoint,
  keep: number,
): Promise<number> {
  const secretId = target.endpoints.secrets.stripe;
  if (!created.secret) throw new CliError(`Stripe returned no signing secret for ${created.id}`);
  try {
    return await storeStripeSecret(target.clients.secrets, secretId, created.secret, keep);
  } catch (cause) {
    throw new CliError(
      `Created ${created.id} but could not store its signing secret in ${secretId} ` +
        `(${(cause as Error).message}). Delete ${created.id} with \`hydrant stripe unregister ${created.id} --yes\` ` +
        'and run the command again.',
      { cause },
    );
  }
}
