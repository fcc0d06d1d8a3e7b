/**
 * Rotating the Stripe signing secret without dropping a webhook. Stripe signs each endpoint's
 * deliveries with that endpoint's own secret, so a rotation is a second endpoint for the same URL:
 *
 * 1. `start`: create the new endpoint (same URL, events, API version), store its secret at the front
 *    (the old secret stays active) and mark the new endpoint with what it replaces and when. Both
 *    endpoints stay enabled: the old one keeps its pending retries.
 * 2. `finish`: once a delivery signed with the new secret has verified, or the grace period has
 *    ended, disable the old endpoint (not delete: Stripe keeps it listed, `unregister` removes it).
 *
 * "Verified" is read from Stripe and the bucket: an event created after the rotation that Stripe
 * reports delivered to every endpoint (`delivery_success`), old enough for the verifier to have run,
 * and no quarantined Stripe webhook (`rejected/stripe/`) carrying that event.
 * https://docs.stripe.com/api/events/list#list_events-delivery_success
 */
import type Stripe from 'stripe';
import { NotFoundError, UsageError } from '../errors';
import { listRejected } from '../rejected/rejected';
import type { OpsTarget } from '../context';
import {
  DEFAULT_KEEP,
  listEndpoints,
  REPLACES_KEY,
  retrieveEndpoint,
  ROTATED_AT_KEY,
  storeCreatedSecret,
} from './endpoints';

/** Default grace period: Stripe retries a failed delivery for up to three days. */
export const DEFAULT_GRACE_HOURS = 72;
/** How old a delivered event must be before its absence from `rejected/` means it verified. */
export const VERIFY_SETTLE_SECONDS = 60;

export interface EndpointChoice {
  /** An endpoint id; else the enabled endpoint that sends to `url`. */
  readonly endpoint?: string;
  readonly url?: string;
}

export interface RotationStarted {
  readonly endpointId: string;
  readonly previousEndpointId: string;
  readonly url: string;
  readonly activeSecrets: number;
  readonly rotatedAt: string;
}

export async function startRotation(
  api: Stripe,
  target: OpsTarget,
  choice: EndpointChoice & { readonly keep?: number; readonly now?: Date },
): Promise<RotationStarted> {
  const all = await listEndpoints(api);
  const byId = choice.endpoint ? await retrieveEndpoint(api, choice.endpoint) : undefined;
  const url = byId?.url ?? choice.url!;
  const pending = all.find((e) => e.metadata?.[REPLACES_KEY] && e.url === url && e.status === 'enabled');
  if (pending) {
    throw new UsageError(
      `A rotation to ${pending.id} is not finished yet: run \`hydrant stripe rotate --finish\` first`,
    );
  }
  const previous = byId ?? enabledEndpointFor(all, url);
  const rotatedAt = (choice.now ?? new Date()).toISOString();
  const created = await api.webhookEndpoints.create({
    url: previous.url,
    enabled_events: previous.enabled_events as Stripe.WebhookEndpointCreateParams.EnabledEvent[],
    description: previous.description ?? 'hydrant',
    metadata: { [REPLACES_KEY]: previous.id, [ROTATED_AT_KEY]: rotatedAt },
    ...(previous.api_version
      ? { api_version: previous.api_version as Stripe.WebhookEndpointCreateParams.ApiVersion }
      : {}),
  });
  const activeSecrets = await storeCreatedSecret(target, created, choice.keep ?? DEFAULT_KEEP);
  return {
    endpointId: created.id,
    previousEndpointId: previous.id,
    url: created.url,
    activeSecrets,
    rotatedAt,
  };
}

export interface RotationFinish {
  readonly finished: boolean;
  /** Why it finished, or what it waits for. */
  readonly reason: 'verified' | 'grace-period-ended' | 'forced' | 'waiting';
  readonly endpointId: string;
  readonly previousEndpointId: string;
  readonly rotatedAt: string;
  readonly graceEndsAt: string;
  /** The event whose delivery proved the new secret, when one did. */
  readonly verifiedEventId?: string;
}

export async function finishRotation(
  api: Stripe,
  target: OpsTarget,
  options: EndpointChoice & { readonly graceHours?: number; readonly force?: boolean; readonly now?: Date },
): Promise<RotationFinish> {
  const now = options.now ?? new Date();
  const rotation = (await listEndpoints(api)).find(
    (e) =>
      e.metadata?.[REPLACES_KEY] &&
      e.status === 'enabled' &&
      (options.endpoint === undefined || e.id === options.endpoint) &&
      (options.url === undefined || e.url === options.url),
  );
  if (!rotation) {
    throw new NotFoundError('No Stripe rotation is in progress: start one with `hydrant stripe rotate`');
  }
  const previousEndpointId = rotation.metadata[REPLACES_KEY]!;
  const rotatedAt = rotation.metadata[ROTATED_AT_KEY] || new Date(rotation.created * 1000).toISOString();
  const graceEndsAt = new Date(
    Date.parse(rotatedAt) + (options.graceHours ?? DEFAULT_GRACE_HOURS) * 3_600_000,
  ).toISOString();
  const verifiedEventId = await verifiedDelivery(api, target, rotation, rotatedAt, now);
  const reason = verifiedEventId
    ? 'verified'
    : now.toISOString() >= graceEndsAt
      ? 'grace-period-ended'
      : options.force
        ? 'forced'
        : 'waiting';
  const base = { endpointId: rotation.id, previousEndpointId, rotatedAt, graceEndsAt, verifiedEventId };
  if (reason === 'waiting') return { finished: false, reason, ...base };
  try {
    await api.webhookEndpoints.update(previousEndpointId, { disabled: true });
  } catch (error) {
    // Already deleted by hand: nothing left to disable.
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
  await api.webhookEndpoints.update(rotation.id, { metadata: { [REPLACES_KEY]: '', [ROTATED_AT_KEY]: '' } });
  return { finished: true, reason, ...base };
}

async function verifiedDelivery(
  api: Stripe,
  target: OpsTarget,
  rotation: Stripe.WebhookEndpoint,
  rotatedAt: string,
  now: Date,
): Promise<string | undefined> {
  const settledBefore = Math.floor(now.getTime() / 1000) - VERIFY_SETTLE_SECONDS;
  const everything = rotation.enabled_events.includes('*');
  const delivered = await api.events.list({
    created: { gte: Math.floor(Date.parse(rotatedAt) / 1000), lte: settledBefore },
    delivery_success: true,
    limit: 20,
    ...(everything ? {} : { types: rotation.enabled_events }),
  });
  for (const event of delivered.data) {
    const rejected = await listRejected(target, { provider: 'stripe', limit: 1, mentioning: event.id });
    if (rejected.length === 0) return event.id;
  }
  return undefined;
}

function enabledEndpointFor(all: readonly Stripe.WebhookEndpoint[], url: string): Stripe.WebhookEndpoint {
  const matches = all.filter((e) => e.url === url && e.status === 'enabled');
  if (matches.length === 0) {
    throw new NotFoundError(
      `No Stripe webhook endpoint sends to ${url}: register one with \`hydrant stripe register\``,
    );
  }
  if (matches.length > 1) {
    throw new UsageError(
      `${matches.length} endpoints send to ${url} (${matches.map((m) => m.id).join(', ')}): pick one with --endpoint`,
    );
  }
  return matches[0]!;
}
