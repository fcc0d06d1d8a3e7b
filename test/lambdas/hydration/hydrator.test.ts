import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ITEM_HYDRATION } from '../../../lambdas/hydration/hydration-spec';
import type { SingleOrderQuery } from '../../../lambdas/hydration/operations.generated';
import { mapOrder } from '../../../lambdas/shared/partner-mapping';
import orderFound from '../../../query_response/order_found.json';
import {
  deadLetters,
  orderEvent,
  publishedDetails,
  buyabilityEvent,
  sqsEvent,
  sqsRecord,
  startHarness,
  visibilityChanges,
  type Harness,
} from './helpers';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('order hydrator', () => {
  it('stores the hydrated order under its event-derived key and announces it with the data inline', async () => {
    harness = await startHarness();
    const event = orderEvent('ord-4Q8ZT2MX7K', 'REFUND_SUCCESS');

    const result = await harness.handler(sqsEvent(sqsRecord(event)));

    expect(result.batchItemFailures).toEqual([]);
    const key = `hydrated/orders/ord-4Q8ZT2MX7K/2026-11-21T09:41:57Z_REFUND_SUCCESS_${event.id as string}.json`;
    const stored = harness.objects.get(key);
    expect(stored?.contentType).toBe('application/json');
    const sha256 = createHash('sha256').update(stored!.body).digest('hex');
    expect(stored?.metadata).toEqual({ 'event-id': event.id, sha256 });
    const object = JSON.parse(stored!.body);
    expect(object).toMatchObject({
      schemaVersion: 1,
      sourceEvent: event,
      query: { operationName: 'singleOrder', variables: { orderId: 'ord-4Q8ZT2MX7K' } },
      response: { data: orderFound.data },
      complete: true,
    });
    expect(publishedDetails(harness)).toEqual([
      {
        sourceEventId: event.id,
        eventType: 'REFUND_SUCCESS',
        orderId: 'ord-4Q8ZT2MX7K',
        complete: true,
        object: { bucket: 'hydrant-test-bucket', key, sha256, size: Buffer.byteLength(stored!.body) },
        data: mapOrder(orderFound.data.order as NonNullable<SingleOrderQuery['order']>),
      },
    ]);
    expect(publishedDetails(harness)[0].data).toMatchObject({
      status: 'PARTIALLY_REFUNDED',
      totals: { total: { amount: 7097, currencyCode: 'USD' }, refunded: { amount: 1619 } },
      lineItems: [
        { id: 'li-1', unitPrice: { amount: 1499 } },
        { id: 'li-2', unitPrice: { amount: 2500 } },
        { id: 'li-3', unitPrice: { amount: 435 }, lineTotal: { amount: 1305 } },
      ],
    });
    const entry = harness.events.commandCalls(PutEventsCommand)[0].args[0].input.Entries?.[0];
    expect(entry).toMatchObject({
      Source: 'shop.hydration',
      DetailType: 'Order Hydrated',
      EventBusName: 'shop-events',
    });
  });

  it('writes one object for a duplicate delivery of the same event', async () => {
    harness = await startHarness();
    const event = orderEvent('ord-DUP1');

    await harness.handler(sqsEvent(sqsRecord(event)));
    await harness.handler(sqsEvent(sqsRecord(event), sqsRecord(event)));

    expect([...harness.objects.keys()]).toEqual([
      `hydrated/orders/ord-DUP1/2026-11-21T09:41:57Z_ORDER_PLACED_${event.id as string}.json`,
    ]);
  });

  it('stores partial data with errors flagged complete: false', async () => {
    harness = await startHarness({ faults: { errorsBlockRate: 1 } });

    const result = await harness.handler(sqsEvent(sqsRecord(orderEvent('ord-PARTIAL'))));

    expect(result.batchItemFailures).toEqual([]);
    const [stored] = [...harness.objects.values()];
    const object = JSON.parse(stored.body);
    expect(object.complete).toBe(false);
    expect(object.response.data.order.payments).toBeNull();
    expect(object.response.errors).toEqual([
      expect.objectContaining({ errorType: 'DependencyTimeout', path: ['order', 'payments'] }),
    ]);
    expect(publishedDetails(harness)[0]).toMatchObject({
      complete: false,
      data: { id: 'ord-PARTIAL', payments: [], totals: { total: { amount: 7097 } } },
    });
    expect(harness.telemetry.succeededIds).toEqual([expect.objectContaining({ complete: false })]);
  });

  it('retries a not-found order with backoff while attempts remain, since partner reads can lag', async () => {
    harness = await startHarness({ maxAttempts: 3 });
    const record = sqsRecord(orderEvent('missing-ord-1'), 2);

    const result = await harness.handler(sqsEvent(record));

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    // attempt 2 → exponential 4 s, equal jitter with random 0.5 → 3 s
    expect(visibilityChanges(harness)).toEqual([{ receiptHandle: record.receiptHandle, seconds: 3 }]);
    expect(harness.sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
    expect(harness.telemetry.failures[0].decision).toMatchObject({ action: 'retry', errorType: 'NotFound' });
  });

  it('dead-letters a not-found order on its final attempt with the reason', async () => {
    harness = await startHarness({ maxAttempts: 3 });
    const event = orderEvent('missing-ord-2');
    const record = sqsRecord(event, 3);

    const result = await harness.handler(sqsEvent(record));

    expect(result.batchItemFailures).toEqual([]);
    expect(visibilityChanges(harness)).toEqual([]);
    expect(deadLetters(harness)).toEqual([
      {
        body: JSON.stringify(event),
        attributes: {
          errorType: 'NotFound',
          errorMessage: expect.stringMatching(/does not know order missing-ord-2[\s\S]*after 3 attempts/),
          attempts: '3',
          firstFailedAt: new Date(1795000000000).toISOString(),
          lastFailedAt: '2026-11-22T03:00:00.000Z',
          sourceQueue: 'arn:aws:sqs:eu-west-1:123456789012:order-queue',
        },
      },
    ]);
  });

  it('sends a permanent failure straight to the DLQ with its reason', async () => {
    harness = await startHarness();
    const event = orderEvent('ord-1', 'ORDER_SHIPPED');

    const result = await harness.handler(sqsEvent(sqsRecord(event, 1)));

    expect(result.batchItemFailures).toEqual([]);
    expect(deadLetters(harness)).toEqual([
      {
        body: JSON.stringify(event),
        attributes: expect.objectContaining({
          errorType: 'InvalidEvent',
          errorMessage: expect.stringContaining('detail.eventType must be one of ORDER_PLACED'),
          attempts: '1',
          firstFailedAt: '2026-11-22T03:00:00.000Z',
        }),
      },
    ]);
    expect(harness.partner.requests.get('/graphql')).toBeUndefined();
  });

  it.each([
    ['a body that is not JSON', '{oops'],
    ['an event from another source', orderEvent('ord-1', 'ORDER_PLACED', { source: 'webhook.stripe' })],
    ['an order id that is not key-safe', orderEvent('../../etc')],
  ])('treats %s as a permanent invalid event', async (_name, body) => {
    harness = await startHarness();

    await harness.handler(sqsEvent(sqsRecord(body)));

    expect(deadLetters(harness).map((m) => m.attributes.errorType)).toEqual(['InvalidEvent']);
  });

  it.each([
    ['HTTP 429', { error429Rate: 1 }, 'Throttled'],
    ['HTTP 5xx', { error5xxRate: 1 }, 'Http5xx'],
    ['a timeout', { latencyMs: 300 }, 'Timeout'],
  ])('retries %s', async (_name, faults, errorType) => {
    // Only the timeout case needs a short timeout; a loaded machine must not turn 429 into a timeout.
    harness = await startHarness({ faults, timeoutMs: 'latencyMs' in faults ? 100 : 2_000 });
    const record = sqsRecord(orderEvent('ord-RETRY'));

    const result = await harness.handler(sqsEvent(record));

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(harness.telemetry.failures.map((f) => f.decision)).toEqual([
      expect.objectContaining({ action: 'retry', failureClass: 'retryable', errorType }),
    ]);
    expect(visibilityChanges(harness)).toHaveLength(1);
  });

  it('retries when the partner cannot be reached', async () => {
    harness = await startHarness({ endpoint: 'http://127.0.0.1:9/graphql' });
    const record = sqsRecord(orderEvent('ord-NET'));

    const result = await harness.handler(sqsEvent(record));

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(harness.telemetry.failures[0].decision.errorType).toBe('Network');
  });

  it('treats a rejected token (401 after one refresh) as permanent', async () => {
    harness = await startHarness();
    harness.secretsManager.resolves({
      SecretString: JSON.stringify({ type: 'static', token: 'wrong-token', installationId: 'inst-1' }),
    });

    await harness.handler(sqsEvent(sqsRecord(orderEvent('ord-AUTH'))));

    expect(deadLetters(harness)[0].attributes).toMatchObject({
      errorType: 'Http4xx',
      errorMessage: expect.stringContaining('HTTP 401'),
    });
    expect(harness.partner.requests.get('/graphql')).toBe(2);
  });

  it('retries when EventBridge rejects the hydrated event', async () => {
    harness = await startHarness();
    harness.events.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }],
    });
    const record = sqsRecord(orderEvent('ord-PUB'));

    const result = await harness.handler(sqsEvent(record));

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(harness.telemetry.failures[0].decision.errorType).toBe('PublishFailed');
  });

  it('reports the record as failed when the DLQ itself cannot be written, so nothing is lost', async () => {
    harness = await startHarness();
    harness.sqs.on(SendMessageCommand).rejects(new Error('SQS is down'));
    const record = sqsRecord(orderEvent('ord-1', 'NOT_A_TYPE'));

    const result = await harness.handler(sqsEvent(record));

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
  });

  it('returns exactly the failed message ids of a mixed batch', async () => {
    harness = await startHarness({ maxAttempts: 5 });
    const ok1 = sqsRecord(orderEvent('ord-A'), 1, 'ok-1');
    const lagging = sqsRecord(orderEvent('missing-B'), 1, 'lagging');
    const invalid = sqsRecord('not json', 1, 'invalid');
    const ok2 = sqsRecord(orderEvent('ord-C'), 1, 'ok-2');
    const exhausted = sqsRecord(orderEvent('missing-D'), 5, 'exhausted');

    const result = await harness.handler(sqsEvent(ok1, lagging, invalid, ok2, exhausted));

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'lagging' }]);
    expect(harness.objects.size).toBe(2);
    expect(
      deadLetters(harness)
        .map((m) => m.attributes.errorType)
        .sort(),
    ).toEqual(['InvalidEvent', 'NotFound']);
  });

  it('processes the records of a batch concurrently', async () => {
    harness = await startHarness({ faults: { latencyMs: 400 } });
    const records = Array.from({ length: 10 }, (_, i) => sqsRecord(orderEvent(`ord-P${i}`)));

    const result = await harness.handler(sqsEvent(...records));

    expect(result.batchItemFailures).toEqual([]);
    expect(harness.objects.size).toBe(10);
    expect(harness.partner.peakConcurrency()).toBe(10);
  });
});

describe('item hydrator', () => {
  it('hydrates a buyability event by item id', async () => {
    harness = await startHarness({ spec: ITEM_HYDRATION });
    const event = buyabilityEvent('item-7J3KQ2');

    const result = await harness.handler(sqsEvent(sqsRecord(event)));

    expect(result.batchItemFailures).toEqual([]);
    expect([...harness.objects.keys()]).toEqual([
      `hydrated/items/item-7J3KQ2/2026-11-21T08:00:00Z_${event.id as string}.json`,
    ]);
    expect(publishedDetails(harness)[0]).toMatchObject({
      eventType: 'BUYABILITY_STATUS_CHANGE',
      itemId: 'item-7J3KQ2',
      complete: true,
      data: {
        id: 'item-7J3KQ2',
        price: { amount: 1499, currencyCode: 'USD' },
        buyability: { status: 'BUYABLE' },
        availability: { quantityAvailable: 42, unit: 'ONE' },
      },
    });
  });

  it('hydrates an item whose stock the partner cannot resolve as partial, availability null', async () => {
    harness = await startHarness({ spec: ITEM_HYDRATION, faults: { errorsBlockRate: 1 } });

    const result = await harness.handler(sqsEvent(sqsRecord(buyabilityEvent('item-P1'))));

    expect(result.batchItemFailures).toEqual([]);
    expect(publishedDetails(harness)[0]).toMatchObject({
      complete: false,
      data: { id: 'item-P1', availability: null, buyability: { status: 'BUYABLE' } },
    });
  });

  it('records an item identified by something other than itemId as skipped, not failed', async () => {
    harness = await startHarness({ spec: ITEM_HYDRATION });
    const event = buyabilityEvent('HB-MUG-350', 'sku');

    const result = await harness.handler(sqsEvent(sqsRecord(event)));

    expect(result.batchItemFailures).toEqual([]);
    expect(harness.telemetry.skippedIds).toEqual([
      { eventId: event.id, reason: expect.stringContaining('"sku"') },
    ]);
    expect(harness.objects.size).toBe(0);
    expect(deadLetters(harness)).toEqual([]);
    expect(harness.partner.requests.get('/graphql')).toBeUndefined();
  });
});
