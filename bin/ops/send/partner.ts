/**
 * Partner events through the mock partner's event API:
 * `POST <events>/put-event/order?event-type=order_placed|order_updated|order_refund_success[&orderId=…]`
 * and `POST <events>/put-event/buyability?event-type=buyability[&itemId=…]`, authorized with the
 * partner bearer token like every call to the mock partner. Each POST is retried on 429 and 5xx
 * with the SDK's backoff (`retrying-fetch.ts`), and `rate` paces them, so large counts complete.
 */
import { partnerBearerToken } from '../aws/partner-token';
import { TargetUnavailableError, UsageError } from '../errors';
import { requireEndpoint, type Endpoints } from '../target/endpoints';
import type { OnProgress, OpsTarget } from '../context';
import { postJson } from './http';

export const PARTNER_EVENT_TYPES = [
  'order_placed',
  'order_updated',
  'order_refund_success',
  'buyability',
] as const;

export interface PartnerSendOptions {
  readonly type: string;
  readonly order?: string;
  readonly item?: string;
  readonly count: number;
  /** Events per second at most. @default - as fast as the API answers */
  readonly rate?: number;
}

export interface PartnerSendResult {
  readonly type: string;
  readonly url: string;
  readonly sent: number;
  /** Attempts that were answered 429 or 5xx (or dropped) and retried. */
  readonly retried: number;
  readonly responses: unknown[];
}

export function partnerEventUrl(base: string, options: Omit<PartnerSendOptions, 'count'>): string {
  if (!(PARTNER_EVENT_TYPES as readonly string[]).includes(options.type)) {
    throw new UsageError(
      `Partner event type must be one of ${PARTNER_EVENT_TYPES.join(', ')} (got "${options.type}")`,
    );
  }
  const buyability = options.type === 'buyability';
  if (buyability && options.order !== undefined)
    throw new UsageError('--order applies to order events; use --item');
  if (!buyability && options.item !== undefined)
    throw new UsageError('--item applies to buyability events; use --order');
  // The base may be given with or without the API's `/put-event` resource.
  const root = base.replace(/\/+$/, '').replace(/\/put-event$/, '');
  const url = new URL(`${root}/put-event/${buyability ? 'buyability' : 'order'}`);
  url.searchParams.set('event-type', options.type);
  if (options.order !== undefined) url.searchParams.set('orderId', options.order);
  if (options.item !== undefined) url.searchParams.set('itemId', options.item);
  return url.toString();
}

/** Posts the events with the partner bearer token the mock checks, read from the partner secret. */
export async function sendPartnerEvents(
  target: OpsTarget,
  options: PartnerSendOptions,
  onProgress?: OnProgress,
): Promise<PartnerSendResult> {
  const base = mockPartnerEventsUrl(target.endpoints);
  const url = partnerEventUrl(base, options);
  const secretId = requireEndpoint(target.endpoints, 'secrets.partner');
  const token = await partnerBearerToken(target.clients.secrets, secretId);
  const body = JSON.stringify({
    ...(options.order !== undefined ? { orderId: options.order } : {}),
    ...(options.item !== undefined ? { itemId: options.item } : {}),
  });
  const responses: unknown[] = [];
  let retried = 0;
  const retry = { onRetry: () => void (retried += 1) };
  const interval = options.rate ? 1000 / options.rate : 0;
  const started = Date.now();
  for (let i = 0; i < options.count; i++) {
    const due = started + i * interval;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    const answer = await postJson(url, body, { authorization: `Bearer ${token}` }, retry);
    responses.push(answer.body);
    onProgress?.(i + 1, options.count, retried > 0 ? `(${retried} retried)` : '');
  }
  return { type: options.type, url, sent: options.count, retried, responses };
}

/**
 * The mock partner's event API, or why there is none: with a real partner (`hydrant:partnerEndpoint`)
 * no mock is deployed, and partner events come only from the partner itself.
 */
export function mockPartnerEventsUrl(endpoints: Endpoints): string {
  if (!endpoints.mockPartner.events && !endpoints.mockPartner.graphql) {
    throw new TargetUnavailableError(
      `${endpoints.description} has no mockPartner.events: it is deployed with a real partner ` +
        '(hydrant:partnerEndpoint), which publishes its own events on its bus; hydrant cannot send events as ' +
        "the partner. Use the partner's own tools (the accelerator's event API), or a stack deployed with " +
        'hydrant:mockPartner=true.',
    );
  }
  return requireEndpoint(endpoints, 'mockPartner.events');
}
