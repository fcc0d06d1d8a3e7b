import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  StartMessageMoveTaskCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockPartnerFaultControl } from '../../bin/cli/partner/fault-control';
import {
  drain,
  eventually,
  getJson,
  listKeys,
  partnerToken,
  queueUrl,
  startE2eCloud,
  watchBus,
  type E2eCloud,
} from './harness';

let e2e: E2eCloud;
let hydrated: string;
let token: string;
let faults: MockPartnerFaultControl;

beforeAll(async () => {
  e2e = await startE2eCloud();
  hydrated = await watchBus(e2e, 'e2e-hydrated', { source: ['shop.hydration'] });
  token = await partnerToken(e2e);
  faults = MockPartnerFaultControl.forGraphqlUrl(e2e.cloud.endpoints.mockPartner.graphql!, token);
}, 240_000);

afterAll(async () => {
  await e2e?.close();
});

async function placeOrder(orderId: string): Promise<void> {
  const url = `${e2e.cloud.endpoints.mockPartner.events}/order?event-type=order_placed&orderId=${orderId}`;
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
        const bodies = (await drain(e2e, hydrated)).map((m) => JSON.parse(m.Body!));
        return bodies.find((b) => b.detail?.orderId === 'ord-e2e-100');
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
    const dlq = queueUrl(e2e.cloud.endpoints.dlqs, /HydrationOrdersDeadLetterQueue/);
    // The partner answers 503 for this order until the faults are cleared.
    await faults.set({ ids: { 'ord-e2e-outage': { kind: 'fail' } } });

    await placeOrder('missing-e2e-1');
    await placeOrder('ord-e2e-outage');

    const dead = await eventually(
      async () => {
        const messages = await peek(e2e, dlq);
        const byOrder = (id: string) => messages.find((m) => m.Body?.includes(id));
        const [missing, failing] = [byOrder('missing-e2e-1'), byOrder('ord-e2e-outage')];
        return missing && failing ? { missing: reason(missing), failing: reason(failing) } : undefined;
      },
      80_000,
      'both orders in the DLQ',
    );
    await faults.clear();
    expect(Number(dead.missing.attempts)).toBeGreaterThan(1);
    expect(dead.missing.errorMessage).toMatch(/does not know order missing-e2e-1.*after \d+ attempts/);
    expect(Number(dead.failing.attempts)).toBeGreaterThan(1);
    expect(dead.failing.errorMessage).toMatch(/503/);
    expect(await hydratedKeys('missing-e2e-1')).toBeUndefined();
    expect(await hydratedKeys('ord-e2e-outage')).toBeUndefined();
  }, 90_000);

  it('hydrates a dead-lettered order redriven after the fault clears', async () => {
    const dlq = queueUrl(e2e.cloud.endpoints.dlqs, /HydrationOrdersDeadLetterQueue/);
    const source = queueUrl(e2e.cloud.endpoints.queues, /HydrationOrdersQueue/);
    await faults.set({ ids: { 'ord-e2e-redrive': { kind: 'fail' } } });
    await placeOrder('ord-e2e-redrive');
    await eventually(
      async () => (await peek(e2e, dlq)).some((m) => m.Body?.includes('ord-e2e-redrive')),
      80_000,
      'the order in the DLQ',
    );

    await faults.clear();
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

  it('rides out a partner that fails, throttles and serves an HTML page a few times', async () => {
    // Id conventions: no fault control needed; each id counts its own calls.
    await placeOrder('fail-1-e2e-flaky');
    await placeOrder('throttle-1-e2e-flaky');

    for (const id of ['fail-1-e2e-flaky', 'throttle-1-e2e-flaky']) {
      const [key] = await eventually(() => hydratedKeys(id), 60_000, `${id} hydrated after its fault`);
      expect((await getJson<{ complete: boolean }>(e2e, key)).complete).toBe(true);
    }
  }, 90_000);
});

/** The DLQ's messages without taking them (visibility timeout 0). */
async function peek(e2e: E2eCloud, url: string): Promise<Message[]> {
  const { Messages = [] } = await e2e.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 0,
      MessageAttributeNames: ['All'],
    }),
  );
  return Messages;
}

function reason(message: Message): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(message.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue]),
  );
}
