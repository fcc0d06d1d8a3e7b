/**
 * A local stand-in for the Stripe API's webhook endpoint resource, enough for `hydrant stripe`:
 * create (returns the secret once), list, retrieve and delete, with Bearer auth and Stripe-shaped
 * errors. stripe-node reaches it through its host/port/protocol settings (STRIPE_API_BASE).
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
  status: 'enabled';
  secret?: string;
}

export interface StripeStandIn extends TestServer {
  readonly endpoints: Map<string, WebhookEndpoint>;
}

export async function startStripeStandIn(): Promise<StripeStandIn> {
  const endpoints = new Map<string, WebhookEndpoint>();
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
        enabled_events: [...form.entries()]
          .filter(([k]) => k.startsWith('enabled_events['))
          .map(([, v]) => v),
        description: form.get('description'),
        api_version: form.get('api_version'),
        status: 'enabled',
      };
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
  return { ...server, endpoints };
}
