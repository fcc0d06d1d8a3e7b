import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseItemEvent, parseOrderEvent } from '../../../lambdas/hydration/partner-event';
import { BearerAuth } from '../../../lambdas/mock-partner-graphql/bearer-auth';
import { createMockEventsHandler } from '../../../lambdas/mock-partner-events/handler';
import { EventBridgePublisher } from '../../../lambdas/shared/aws/eventbridge-publisher';

const SOURCE = 'partner.buywithprime';
const TOKEN = 'events-token';
const eventBridge = mockClient(EventBridgeClient);

beforeEach(() => {
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
});
afterEach(() => eventBridge.reset());

const handler = createMockEventsHandler({
  publisher: new EventBridgePublisher(new EventBridgeClient({ region: 'eu-west-1' }), 'shop-events'),
  partnerSource: SOURCE,
  auth: new BearerAuth({ readSecret: async () => ({ type: 'static', token: TOKEN }) }),
  clock: () => new Date('2026-11-22T03:00:00.000Z'),
});

function request(
  path: string,
  query: Record<string, string>,
  body = '',
  token = TOKEN,
): APIGatewayProxyEvent {
  return {
    httpMethod: 'POST',
    path,
    resource: path,
    headers: { Authorization: `Bearer ${token}` },
    queryStringParameters: query,
    body,
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEvent;
}

/** What the hydrator would receive: the published entry inside an EventBridge envelope. */
function delivered(): string {
  const entry = eventBridge.commandCalls(PutEventsCommand)[0].args[0].input.Entries![0];
  return JSON.stringify({
    id: 'evt-1',
    source: entry.Source,
    'detail-type': entry.DetailType,
    time: '2026-11-22T03:00:00Z',
    detail: JSON.parse(entry.Detail!),
  });
}

describe('mock partner event API', () => {
  it.each([
    ['order_placed', 'ORDER_PLACED', 'Order Placed'],
    ['order_updated', 'ORDER_UPDATED', 'Order Updated'],
    ['order_refund_success', 'REFUND_SUCCESS', 'Refund Success'],
  ])('publishes %s as an order event the order hydrator accepts', async (kind, eventType, detailType) => {
    const response = await handler(request('/put-event/order', { 'event-type': kind, orderId: 'ord-42' }));

    expect(response.statusCode).toBe(200);
    const entry = eventBridge.commandCalls(PutEventsCommand)[0].args[0].input.Entries![0];
    expect(entry).toMatchObject({ Source: SOURCE, DetailType: detailType, EventBusName: 'shop-events' });
    expect(parseOrderEvent(delivered(), SOURCE)).toMatchObject({ eventType, orderId: 'ord-42' });
  });

  it('takes the item id from a JSON body and publishes a buyability event', async () => {
    const response = await handler(
      request('/put-event/buyability', { 'event-type': 'buyability' }, JSON.stringify({ itemId: 'item-9' })),
    );

    expect(response.statusCode).toBe(200);
    expect(parseItemEvent(delivered(), SOURCE)).toMatchObject({ kind: 'item', itemId: 'item-9' });
  });

  it('generates an order id when none is given', async () => {
    await handler(request('/put-event/order', { 'event-type': 'order_placed' }));
    expect(parseOrderEvent(delivered(), SOURCE).orderId).toMatch(/^ord-[0-9A-F]{12}$/);
  });

  it.each([
    ['an unknown event type', request('/put-event/order', { 'event-type': 'order_shipped' }), 400],
    [
      'an unsafe order id',
      request('/put-event/order', { 'event-type': 'order_placed', orderId: 'a/b' }),
      400,
    ],
    ['a wrong token', request('/put-event/order', { 'event-type': 'order_placed' }, '', 'nope'), 401],
    ['an unknown path', request('/put-event/shipment', {}), 404],
  ])('refuses %s without publishing', async (_name, event, status) => {
    expect((await handler(event)).statusCode).toBe(status);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('answers 502 when EventBridge rejects the entry, so the caller knows nothing was published', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] });
    const response = await handler(request('/put-event/order', { 'event-type': 'order_placed' }));
    expect(response.statusCode).toBe(502);
  });
});
