/**
 * The hydration pipeline deployed from the synthesized template into the local cloud: a partner
 * event published through the mock partner's event API is routed by the rule to the order queue,
 * hydrated by the bundled order-hydrator against the mock partner's GraphQL API (both behind the
 * emulated API Gateway), stored in S3 and announced on the bus; an event that can never be
 * hydrated lands in the order DLQ with its reason.
 */
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  peek,
  eventually,
  getJson,
  listKeys,
  queueUrl,
  startE2eCloud,
  watchBus,
  type E2eCloud,
  partnerToken,
} from './harness';

let e2e: E2eCloud;

beforeAll(async () => {
  e2e = await startE2eCloud();
}, 240_000);

afterAll(async () => {
  await e2e?.close();
});

/** The first message on the DLQ, once one arrives. */
const firstMessage = (url: string) => async () => (await peek(e2e, url))[0];

describe('partner hydration in the local cloud', () => {
  it('hydrates an order placed through the mock partner event API into S3 and an Order Hydrated event', async () => {
    const watch = await watchBus(e2e, 'watch-order-hydrated', {
      source: ['shop.hydration'],
      'detail-type': ['Order Hydrated'],
    });
    const eventsUrl = e2e.endpoints.mockPartner.events;
    expect(eventsUrl).toBeDefined();

    const response = await fetch(`${eventsUrl}/order?event-type=order_placed&orderId=ord-E2E1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await partnerToken(e2e)}` },
    });
    expect(response.status).toBe(200);

    const key = await eventually(
      async () => (await listKeys(e2e, 'hydrated/orders/ord-E2E1/'))[0],
      30_000,
      'the hydrated order object',
    );
    expect(key).toMatch(/^hydrated\/orders\/ord-E2E1\/.+_ORDER_PLACED_.+\.json$/);
    const object = await e2e.s3.send(new GetObjectCommand({ Bucket: e2e.endpoints.bucket, Key: key }));
    expect(object.ContentType).toBe('application/json');
    expect(await getJson(e2e, key)).toMatchObject({
      complete: true,
      response: { data: { order: { id: 'ord-E2E1' } } },
    });

    const announced = await eventually(
      async () => (await watch.next(1))[0],
      30_000,
      'the Order Hydrated event',
    );
    await watch.close();
    expect(announced.detail).toMatchObject({
      eventType: 'ORDER_PLACED',
      orderId: 'ord-E2E1',
      complete: true,
      object: { key },
      data: { id: 'ord-E2E1', lineItems: expect.any(Array) },
    });
  }, 60_000);

  it('hydrates a buyability change into the item object and skips one not identified by itemId', async () => {
    const token = await partnerToken(e2e);
    const post = (query: string) =>
      fetch(`${e2e.endpoints.mockPartner.events}/buyability?event-type=buyability&${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await post('itemId=item-E2E1')).status).toBe(200);
    expect((await post('itemId=HB-MUG-350&identifierType=sku')).status).toBe(200);

    const key = await eventually(
      async () => (await listKeys(e2e, 'hydrated/items/item-E2E1/'))[0],
      30_000,
      'the hydrated item object',
    );
    expect(
      (await getJson<{ response: { data: { item: unknown } } }>(e2e, key)).response.data.item,
    ).toMatchObject({
      id: 'item-E2E1',
      price: { amount: 1499, currencyCode: 'USD' },
    });
    await eventually(
      async () => e2e.logs().includes('identifierType \\"sku\\" is not itemId'),
      30_000,
      'the skip log',
    );
    expect(await listKeys(e2e, 'hydrated/items/HB-MUG-350/')).toEqual([]);
  }, 60_000);

  it('dead-letters an order event that can never be hydrated, with the reason attached', async () => {
    await e2e.events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: e2e.endpoints.bus,
            Source: 'partner.buywithprime',
            DetailType: 'Order Placed',
            Detail: JSON.stringify({
              eventType: 'ORDER_PLACED',
              orderIdentifier: { orderId: 'not a/valid id' },
            }),
          },
        ],
      }),
    );
    const dlq = queueUrl(e2e.endpoints.dlqs, 'order-hydration');

    const message = await eventually(firstMessage(dlq), 30_000, 'the DLQ message');

    expect(message.MessageAttributes?.errorType?.StringValue).toBe('InvalidEvent');
    expect(message.MessageAttributes?.errorMessage?.StringValue).toContain('orderIdentifier.orderId');
    expect(message.MessageAttributes?.attempts?.StringValue).toBe('1');
    expect(JSON.parse(message.Body!).detail.orderIdentifier.orderId).toBe('not a/valid id');
  }, 60_000);
});
