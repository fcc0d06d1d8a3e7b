import { GetQueueAttributesCommand, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusWatcher } from '../../bin/ops/events/bus-watcher';
import {
  attributes,
  eventually,
  getJson,
  listKeys,
  partnerOutage,
  partnerToken,
  peek,
  queueUrl,
  startE2eCloud,
  watchBus,
  type E2eCloud,
} from './harness';

let e2e: E2eCloud;
let hydrated: BusWatcher;
let token: string;

beforeAll(async () => {
  e2e = await startE2eCloud();
  hydrated = await watchBus(e2e, 'e2e-hydrated', { source: ['shop.hydration'] });
  token = await partnerToken(e2e);
}, 240_000);

afterAll(async () => {
  await hydrated?.close();
  await e2e?.close();
});

async function placeOrder(orderId: string): Promise<void> {
  const url = `${e2e.endpoints.mockPartner.events}/order?event-type=order_placed&orderId=${orderId}`;
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
}

async function arnOf(url: string): Promise<string> {
  const { Attributes } = await e2e.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  return Attributes!.QueueArn!;
}

async function hydratedKeys(orderId: string) {
  const keys = await listKeys(e2e, `hydrated/orders/${orderId}/`);
  return keys.length > 0 ? keys : undefined;
}

describe('partner hydration end to end', () => {
  it('hydrates a partner order into S3, announces Order Hydrated and issues an invoice', async () => {
    await placeOrder('ord-e2e-100');

    const [key] = await eventually(() => hydratedKeys('ord-e2e-100'), 30_000, 'the hydrated object');
    const object = await getJson<{ complete: boolean; response: { data: { order: { id: string } } } }>(
      e2e,
      key,
    );
    expect(object.complete).toBe(true);
    expect(object.response.data.order.id).toBe('ord-e2e-100');
    const announced = await eventually(
      async () => {
        const events = await hydrated.next(1);
        return events.find((e) => (e.detail as { orderId?: string } | undefined)?.orderId === 'ord-e2e-100');
      },
      15_000,
      'Order Hydrated',
    );
    expect(announced).toMatchObject({ 'detail-type': 'Order Hydrated', detail: { object: { key } } });
    const invoice = await eventually(
      async () =>
        (await listKeys(e2e, 'invoices/ord-e2e-100')).length > 0
          ? getJson(e2e, 'invoices/ord-e2e-100.json')
          : undefined,
      15_000,
      'the invoice',
    );
    expect(invoice).toMatchObject({ orderId: 'ord-e2e-100' });
  }, 60_000);

  it('retries partner faults, then dead-letters each order with its reason', async () => {
    const dlq = queueUrl(e2e.endpoints.dlqs, 'order-hydration');
    const outage = partnerOutage(e2e, 'ord-e2e-outage');
    try {
      await placeOrder('missing-e2e-1');
      await placeOrder('ord-e2e-outage');

      const dead = await eventually(
        async () => {
          const [missing, failing] = await Promise.all([
            deadLetter(dlq, 'missing-e2e-1'),
            deadLetter(dlq, 'ord-e2e-outage'),
          ]);
          return missing && failing ? { missing, failing } : undefined;
        },
        80_000,
        'both orders in the DLQ',
      );
      expect(Number(dead.missing.attempts)).toBeGreaterThan(1);
      expect(dead.missing.errorMessage).toMatch(/does not know order missing-e2e-1.*after \d+ attempts/);
      expect(Number(dead.failing.attempts)).toBeGreaterThan(1);
      expect(dead.failing.errorMessage).toMatch(/503/);
      expect(await hydratedKeys('missing-e2e-1')).toBeUndefined();
      expect(await hydratedKeys('ord-e2e-outage')).toBeUndefined();
    } finally {
      outage.end();
    }
  }, 90_000);

  it('hydrates a dead-lettered order redriven after the fault clears', async () => {
    const dlq = queueUrl(e2e.endpoints.dlqs, 'order-hydration');
    const source = queueUrl(e2e.endpoints.queues, 'order-hydration');
    // Its own order and outage: this test does not rely on what an earlier one left in the DLQ.
    const outage = partnerOutage(e2e, 'ord-e2e-redrive');
    try {
      await placeOrder('ord-e2e-redrive');
      await eventually(() => deadLetter(dlq, 'ord-e2e-redrive'), 80_000, 'the order in the DLQ');
    } finally {
      outage.end();
    }

    await e2e.sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: await arnOf(dlq), DestinationArn: await arnOf(source) }),
    );

    const [key] = await eventually(
      () => hydratedKeys('ord-e2e-redrive'),
      30_000,
      'the redriven order hydrated',
    );
    expect((await getJson<{ complete: boolean }>(e2e, key)).complete).toBe(true);
  }, 120_000);
});

/** The dead-letter reason of the DLQ message about `orderId`, once there is one. */
async function deadLetter(dlq: string, orderId: string) {
  const message = (await peek(e2e, dlq)).find((m) => m.Body?.includes(orderId));
  return message && attributes(message);
}
