import { afterEach, describe, expect, it } from 'vitest';
import { ITEM_BY_ID, SINGLE_ORDER } from '../../../lambdas/hydration/operations.generated';
import {
  FaultInjector,
  NO_FAULTS,
  faultConfigFromEnv,
  type FaultConfig,
} from '../../../lambdas/mock-partner-graphql/faults';
import { createMockPartnerHandler } from '../../../lambdas/mock-partner-graphql/handler';
import { serveProxyHandler, type ServedHandler } from '../../../lambdas/mock-partner-graphql/server';
import itemFound from '../../../query_response/item_found.json';
import itemNotFound from '../../../query_response/item_not_found.json';
import itemPartial from '../../../query_response/item_partial.json';
import orderFound from '../../../query_response/order_found.json';
import orderNotFound from '../../../query_response/order_not_found.json';
import orderPartial from '../../../query_response/order_partial.json';
import serverError from '../../../query_response/server_error.json';
import throttled from '../../../query_response/throttled.json';
import unauthorized from '../../../query_response/unauthorized.json';

const TOKEN = 'mock-test-token';
const INSTALLATION = 'inst-mock-test';
let served: ServedHandler | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

async function serve(
  faults: Partial<FaultConfig> = {},
  secret: Record<string, unknown> = { type: 'static', token: TOKEN },
) {
  served = await serveProxyHandler(
    createMockPartnerHandler({ faults: { ...NO_FAULTS, ...faults }, readSecret: async () => secret }),
  );
  return served;
}

interface Answer {
  data: { order: unknown; item: unknown; buyability: unknown; inventoryItem: unknown };
  errors: { errorType: string; message: string }[];
}

async function post(
  path: string,
  body: unknown,
  token: string | null = TOKEN,
  installationId: string | null = INSTALLATION,
) {
  const response = await fetch(`${served!.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(installationId ? { 'X-Omni-InstallationId': installationId } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

describe('mock partner GraphQL API', () => {
  it('answers singleOrder exactly as query_response/order_found.json', async () => {
    await serve();
    expect(await post('/graphql', { query: SINGLE_ORDER, variables: { orderId: 'ord-4Q8ZT2MX7K' } })).toEqual(
      {
        status: 200,
        body: orderFound,
      },
    );
  });

  it('answers itemByID exactly as query_response/item_found.json', async () => {
    await serve();
    expect(await post('/graphql', { query: ITEM_BY_ID, variables: { itemId: 'item-7J3KQ2' } })).toEqual({
      status: 200,
      body: itemFound,
    });
  });

  it('answers unknown ids with AppSync not-found errors as in the samples', async () => {
    await serve();
    expect(
      (await post('/graphql', { query: SINGLE_ORDER, variables: { orderId: 'missing-1' } })).body,
    ).toEqual(orderNotFound);
    expect((await post('/graphql', { query: ITEM_BY_ID, variables: { itemId: 'missing-2' } })).body).toEqual(
      itemNotFound,
    );
  });

  it('answers partial data with an errors block as in order_partial.json', async () => {
    await serve({ errorsBlockRate: 1 });
    expect(
      (await post('/graphql', { query: SINGLE_ORDER, variables: { orderId: 'ord-4Q8ZT2MX7K' } })).body,
    ).toEqual(orderPartial);
  });

  it('answers an item whose stock cannot be resolved with the rest of the data and an errors block', async () => {
    await serve({ errorsBlockRate: 1 });
    expect(
      (await post('/graphql', { query: ITEM_BY_ID, variables: { itemId: 'item-7J3KQ2' } })).body,
    ).toEqual(itemPartial);
  });

  it('answers items as BwPProduct in the real shapes: decimal money, buyability, inventory', async () => {
    await serve();
    const { body } = await post('/graphql', { query: ITEM_BY_ID, variables: { itemId: 'unbuyable-1' } });
    expect(body.data).toMatchObject({
      item: { __typename: 'BwPProduct', id: 'unbuyable-1', price: { currentPrice: { amount: 14.99 } } },
      buyability: { status: 'UNBUYABLE' },
      inventoryItem: { inventoryItemId: 'unbuyable-1', buyableQuantity: { amount: 0, unit: 'ONE' } },
    });
  });

  it('requires the X-Omni-InstallationId header, as the Buy with Prime API does', async () => {
    await serve();
    const { status, body } = await post(
      '/graphql',
      { query: SINGLE_ORDER, variables: { orderId: 'o' } },
      TOKEN,
      null,
    );
    expect(status).toBe(400);
    expect(body.errors[0].message).toMatch(/X-Omni-InstallationId/);
  });

  it('serves any well-formed id from the fixture', async () => {
    await serve();
    const { body } = await post('/graphql', { query: SINGLE_ORDER, variables: { orderId: 'ord-NEW' } });
    expect(body.data.order).toEqual({ ...orderFound.data.order, id: 'ord-NEW' });
  });

  it.each([
    ['no token', null],
    ['a wrong token', 'wrong'],
  ])('rejects %s with 401', async (_name, token) => {
    await serve();
    const { status, body } = await post(
      '/graphql',
      { query: SINGLE_ORDER, variables: { orderId: 'o' } },
      token,
    );
    expect(status).toBe(401);
    expect(body.errors[0].errorType).toBe(unauthorized.errors[0].errorType);
  });

  it('rejects an operation that does not validate against the schema with 400', async () => {
    await serve();
    const { status, body } = await post('/graphql', { query: '{ order(orderId: "o") { colour } }' });
    const wrongVariableType = await post('/graphql', {
      query: 'query q($id: ID!) { order(orderId: $id) { id } }',
      variables: { id: 'o' },
    });
    expect(wrongVariableType.status).toBe(400);
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({
      errorType: 'ValidationError',
      message: expect.stringContaining('colour'),
    });
  });

  it('injects 429 and 5xx answers with the sample bodies', async () => {
    await serve({ error429Rate: 1 });
    expect(await post('/graphql', { query: SINGLE_ORDER, variables: { orderId: 'o' } })).toEqual({
      status: 429,
      body: throttled,
    });
    await served!.close();
    await serve({ error5xxRate: 1 });
    expect(await post('/graphql', { query: SINGLE_ORDER, variables: { orderId: 'o' } })).toEqual({
      status: 500,
      body: serverError,
    });
  });

  it('issues OAuth tokens for the client credentials and rejects them once expired', async () => {
    let now = Date.now();
    const secret = { type: 'oauth', clientId: 'c1', clientSecret: 's1', tokenUrl: 'unused' };
    served = await serveProxyHandler(
      createMockPartnerHandler({
        faults: NO_FAULTS,
        readSecret: async () => secret,
        now: () => now,
        tokenTtlSeconds: 60,
      }),
    );
    const issue = (credentials: string) =>
      fetch(`${served!.url}/oauth/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
        body: 'grant_type=client_credentials',
      });

    expect((await issue('c1:wrong')).status).toBe(401);
    const token = (await (await issue('c1:s1')).json()) as { access_token: string; expires_in: number };
    expect(token.expires_in).toBe(60);
    const query = { query: ITEM_BY_ID, variables: { itemId: 'item-1' } };
    expect((await post('/graphql', query, token.access_token)).status).toBe(200);
    now += 61_000;
    expect((await post('/graphql', query, token.access_token)).status).toBe(401);
  });
});

describe('fault injection', () => {
  it('repeats the same faults for the same seed', () => {
    const config = {
      ...NO_FAULTS,
      error5xxRate: 0.3,
      error429Rate: 0.2,
      notFoundRate: 0.1,
      errorsBlockRate: 0.1,
      seed: 42,
    };
    const run = () => {
      const injector = new FaultInjector(config);
      return Array.from({ length: 50 }, () => injector.draw());
    };
    expect(run()).toEqual(run());
    expect(new Set(run().map((d) => d.status))).toEqual(new Set([undefined, 429, 500]));
  });

  it('hits each rate roughly', () => {
    const injector = new FaultInjector({ ...NO_FAULTS, notFoundRate: 0.25, seed: 7 });
    const draws = Array.from({ length: 4000 }, () => injector.draw());
    const share = draws.filter((d) => d.notFound).length / draws.length;
    expect(share).toBeGreaterThan(0.22);
    expect(share).toBeLessThan(0.28);
  });

  it('reads its settings from the environment and lists every bad one', () => {
    expect(faultConfigFromEnv({ LATENCY_MS: '50', ERROR_5XX_RATE: '0.1', FAULT_SEED: '9' })).toEqual({
      ...NO_FAULTS,
      latencyMs: 50,
      error5xxRate: 0.1,
      seed: 9,
    });
    expect(() => faultConfigFromEnv({ ERROR_429_RATE: '2', NOT_FOUND_RATE: 'x' })).toThrow(
      /ERROR_429_RATE[\s\S]*NOT_FOUND_RATE/,
    );
  });
});
