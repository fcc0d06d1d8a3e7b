/** Factories for API Gateway chain tests: a small API and requests routed to it. */
import type { ApiRequest, RoutedRequest } from '../../../emulator/services/apigateway/chain/api-request';
import { route } from '../../../emulator/services/apigateway/chain/route';
import { RestApi, type Method } from '../../../emulator/services/apigateway/rest-api';

export const STAGE = { stageName: 'prod', variables: { env: 'local' } };

/** `/webhooks/stripe`, `/webhooks/delivery/{provider}` and `/partner/{proxy+}` with the given methods. */
export function webhookApi(methods: { stripe?: Method; delivery?: Method; proxy?: Method } = {}): RestApi {
  const api = new RestApi('abc123defg', 'webhooks');
  const webhooks = api.addResource('r-webhooks', api.rootResourceId, 'webhooks');
  const stripe = api.addResource('r-stripe', webhooks.id, 'stripe');
  const delivery = api.addResource('r-delivery', webhooks.id, 'delivery');
  const provider = api.addResource('r-provider', delivery.id, '{provider}');
  const partner = api.addResource('r-partner', api.rootResourceId, 'partner');
  const proxy = api.addResource('r-proxy', partner.id, '{proxy+}');
  const fallback: Method = { httpMethod: 'POST', integration: { type: 'MOCK' } };
  api.putMethod(stripe.id, methods.stripe ?? fallback);
  api.putMethod(provider.id, methods.delivery ?? fallback);
  api.putMethod(proxy.id, methods.proxy ?? { ...fallback, httpMethod: 'ANY' });
  api.stages.set('prod', STAGE);
  return api;
}

export function apiRequest(overrides: Partial<ApiRequest> = {}): ApiRequest {
  return {
    apiId: 'abc123defg',
    stageName: 'prod',
    httpMethod: 'POST',
    path: '/webhooks/stripe',
    headers: { 'Content-Type': 'application/json' },
    multiValueHeaders: {},
    query: {},
    multiValueQuery: {},
    body: Buffer.from('{"id":"evt_1"}'),
    sourceIp: '127.0.0.1',
    requestId: 'req-1',
    requestTimeEpoch: 1_700_000_000_000,
    ...overrides,
  };
}

export function routed(api: RestApi, overrides: Partial<ApiRequest> = {}): RoutedRequest {
  const request = apiRequest(overrides);
  return { request, api, stage: STAGE, ...route(api, request.path, request.httpMethod) };
}
