import { describe, expect, it } from 'vitest';
import { route } from '../../../emulator/services/apigateway/chain/route';
import { GatewayError } from '../../../emulator/services/apigateway/errors';
import { webhookApi } from './helpers';

describe('API Gateway route step', () => {
  it('matches literal paths and path parameters', () => {
    const api = webhookApi();
    expect(route(api, '/webhooks/stripe', 'POST').resource.path).toBe('/webhooks/stripe');
    const delivery = route(api, '/webhooks/delivery/acme-post', 'POST');
    expect(delivery.resource.path).toBe('/webhooks/delivery/{provider}');
    expect(delivery.pathParams).toEqual({ provider: 'acme-post' });
  });

  it('prefers a literal segment over a parameter, and takes greedy paths with ANY', () => {
    const api = webhookApi();
    const literal = api.addResource('r-special', 'r-delivery', 'special');
    api.putMethod(literal.id, { httpMethod: 'POST' });
    expect(route(api, '/webhooks/delivery/special', 'POST').resource.id).toBe('r-special');
    const greedy = route(api, '/partner/put-event/order', 'GET');
    expect(greedy.resource.path).toBe('/partner/{proxy+}');
    expect(greedy.pathParams).toEqual({ proxy: 'put-event/order' });
  });

  it("answers an unknown path or method with API Gateway's 403 Missing Authentication Token", () => {
    const api = webhookApi();
    for (const [path, method] of [
      ['/webhooks/unknown', 'POST'],
      ['/webhooks/stripe', 'GET'],
      ['/webhooks/delivery', 'POST'],
    ]) {
      const error = (() => {
        try {
          route(api, path, method);
          return undefined;
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(GatewayError);
      expect(error).toMatchObject({ statusCode: 403, message: 'Missing Authentication Token' });
    }
  });
});
