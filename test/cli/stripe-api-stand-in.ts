/**
 * A local stand-in for the Stripe API's webhook endpoint resource, enough for `hydrant stripe`:
 * create (returns the secret once), list, retrieve, update (events, disabled, metadata) and delete,
 * and the event list (`created[gte|lte]`, `delivery_success`, `types[]`), with Bearer auth and
 * Stripe-shaped errors. stripe-node reaches it through its host/port/protocol settings (STRIPE_API_BASE).
 */
import type { ServerResponse } from 'node:http';
import { sendJson, startServer, type RecordedRequest, type TestServer } from './helpers';

export const STRIPE_TEST_KEY = 'sk_test_hydrant';

interface WebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  enabled_events: string[];
  description: string | null;
  api_version: string | null;
  status: 'enabled' | 'disabled';
  metadata: Record<string, string>;
  created: number;
  secret?: string;
}

/** An event as the events list returns it; `delivered` stands for all endpoints answered 2xx. */
export interface StandInEvent {
  readonly id: string;
  readonly type: string;
  readonly created: number;
  readonly delivered: boolean;
}

export interface StripeStandIn extends TestServer {
  readonly endpoints: Map<string, WebhookEndpoint>;
  readonly events: StandInEvent[];
}

/** Stripe's form encoding of `metadata[key]=value`; an empty value unsets the key. */
function applyMetadata(target: Record<string, string>, form: URLSearchParams): void {
  for (const [k, v] of form.entries()) {
    const key = /^metadata\[(.+)\]$/.exec(k)?.[1];
    if (key === undefined) continue;
    if (v === '') delete target[key];
    else target[key] = v;
  }
}

function formList(form: URLSearchParams, name: string): string[] {
  return [...form.entries()].filter(([k]) => k.startsWith(`${name}[`)).map(([, v]) => v);
}

export async function startStripeStandIn(): Promise<StripeStandIn> {
  const endpoints = new Map<string, WebhookEndpoint>();
  const events: StandInEvent[] = [];
  let next = 1;
  const notFound = (res: ServerResponse, id: string) =>
    sendJson(res, 404, {
      error: {
        type: 'invalid_request_error',
        code: 'resource_missing',
        message: `No such webhook endpoint: '${id}'`,
      },
    });
  const server = await startServer((req: RecordedRequest, res) => {
    if (req.headers.authorization !== `Bearer ${STRIPE_TEST_KEY}`) {
      return sendJson(res, 401, {
        error: { type: 'invalid_request_error', message: 'Invalid API Key provided' },
      });
    }
    const url = new URL(req.url, 'http://stripe');
    const id = /^\/v1\/webhook_endpoints\/([^/]+)$/.exec(url.pathname)?.[1];
    if (req.method === 'POST' && url.pathname === '/v1/webhook_endpoints') {
      const form = new URLSearchParams(req.body);
      const endpoint: WebhookEndpoint = {
        id: `we_${next}`,
        object: 'webhook_endpoint',
        url: form.get('url')!,
        enabled_events: formList(form, 'enabled_events'),
        description: form.get('description'),
        api_version: form.get('api_version'),
        status: 'enabled',
        metadata: {},
        created: Math.floor(Date.now() / 1000),
      };
      applyMetadata(endpoint.metadata, form);
      const secret = `whsec_standin_${next++}`;
      endpoints.set(endpoint.id, endpoint);
      return sendJson(res, 200, { ...endpoint, secret });
    }
    if (req.method === 'GET' && url.pathname === '/v1/webhook_endpoints') {
      return sendJson(res, 200, {
        object: 'list',
        url: '/v1/webhook_endpoints',
        has_more: false,
        data: [...endpoints.values()],
      });
    }
    if (req.method === 'GET' && url.pathname === '/v1/events') {
      const q = url.searchParams;
      const gte = Number(q.get('created[gte]') ?? -Infinity);
      const lte = Number(q.get('created[lte]') ?? Infinity);
      const types = formList(q, 'types');
      const success = q.get('delivery_success');
      const data = events
        .filter((e) => e.created >= gte && e.created <= lte)
        .filter((e) => types.length === 0 || types.includes(e.type))
        .filter((e) => success === null || String(e.delivered) === success)
        .map((e) => ({
          id: e.id,
          object: 'event',
          type: e.type,
          created: e.created,
          pending_webhooks: e.delivered ? 0 : 1,
        }));
      return sendJson(res, 200, { object: 'list', url: '/v1/events', has_more: false, data });
    }
    if (id && req.method === 'POST') {
      const endpoint = endpoints.get(id);
      if (!endpoint) return notFound(res, id);
      const form = new URLSearchParams(req.body);
      const enabled = formList(form, 'enabled_events');
      if (enabled.length > 0) endpoint.enabled_events = enabled;
      if (form.has('disabled')) endpoint.status = form.get('disabled') === 'true' ? 'disabled' : 'enabled';
      applyMetadata(endpoint.metadata, form);
      return sendJson(res, 200, endpoint);
    }
    if (id && req.method === 'GET') {
      const endpoint = endpoints.get(id);
      return endpoint ? sendJson(res, 200, endpoint) : notFound(res, id);
    }
    if (id && req.method === 'DELETE') {
      if (!endpoints.delete(id)) return notFound(res, id);
      return sendJson(res, 200, { id, object: 'webhook_endpoint', deleted: true });
    }
    return sendJson(res, 404, {
      error: {
        type: 'invalid_request_error',
        message: `Unrecognized request URL (${req.method}: ${url.pathname})`,
      },
    });
  });
  return { ...server, endpoints, events };
}
