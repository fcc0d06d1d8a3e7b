import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AwsError } from '../../emulator/protocol/errors';
import {
  eventually,
  getJson,
  listKeys,
  startE2eCloud,
  stripeSignature,
  useStripeSecret,
  watchBus,
  type E2eCloud,
} from './harness';
import type { BusWatcher } from '../../bin/ops/events/bus-watcher';

const SECRET = 'whsec_e2e_local_signing_secret';
let e2e: E2eCloud;
let verified: BusWatcher;

beforeAll(async () => {
  e2e = await startE2eCloud();
  await useStripeSecret(e2e, SECRET);
  verified = await watchBus(e2e, 'e2e-verified', { source: ['stripe'] });
}, 240_000);

afterAll(async () => {
  await verified?.close();
  await e2e?.close();
});

function paymentSucceeded(id: string, orderId: string) {
  return JSON.stringify(
    {
      id,
      object: 'event',
      type: 'payment_intent.succeeded',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: {
        object: {
          id: `pi_${id}`,
          object: 'payment_intent',
          amount: 4200,
          currency: 'eur',
          status: 'succeeded',
          description: `L'été "spécial" – ünïcode ✓ for O'Brien`,
          metadata: { orderId },
        },
      },
    },
    null,
    2,
  );
}

function post(body: string, headers: Record<string, string>) {
  return fetch(e2e.endpoints.webhooks.stripe!, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

describe('webhooks end to end', () => {
  it('takes a signed Stripe webhook through the gateway and verifier into the orders timeline', async () => {
    const body = paymentSucceeded('evt_e2e_signed', 'ord-e2e-1');

    const response = await post(body, { 'Stripe-Signature': stripeSignature(body, SECRET) });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: true, eventId: expect.any(String) });
    const keys = await eventually(
      async () => {
        const found = await listKeys(e2e, 'orders/ord-e2e-1/timeline/');
        return found.length > 0 ? found : undefined;
      },
      20_000,
      'the timeline entry',
    );
    expect(keys[0]).toMatch(/_paid_evt_e2e_signed\.json$/);
    const events = await eventually(
      async () => {
        const events = await verified.next(1);
        return events.length > 0 ? events : undefined;
      },
      10_000,
      'the verified event',
    );
    expect(events[0]).toMatchObject({ source: 'stripe', 'detail-type': 'payment_intent.succeeded' });
    expect(events[0]!.detail).toEqual(JSON.parse(body));
  });

  it('quarantines a forged webhook under rejected/ and lets nothing downstream', async () => {
    const body = paymentSucceeded('evt_e2e_forged', 'ord-e2e-forged');

    const response = await post(body, { 'Stripe-Signature': stripeSignature(body, 'whsec_not_the_secret') });

    expect(response.status).toBe(200);
    const [key] = await eventually(
      async () => {
        const keys = await listKeys(e2e, 'rejected/stripe/');
        return keys.length > 0 ? keys : undefined;
      },
      20_000,
      'the rejected object',
    );
    const rejected = await getJson<{ reason?: unknown }>(e2e, key);
    expect(JSON.stringify(rejected)).toContain('evt_e2e_forged');
    expect(await listKeys(e2e, 'orders/ord-e2e-forged/')).toEqual([]);
    expect((await verified.drain()).map((e) => JSON.stringify(e))).not.toContainEqual(
      expect.stringContaining('evt_e2e_forged'),
    );
  });

  it('answers 5xx when PutEvents fails, so the sender retries', async () => {
    const events = e2e.cloud.emulator.services.events;
    const body = paymentSucceeded('evt_e2e_outage', 'ord-e2e-2');
    const signature = stripeSignature(body, SECRET);
    const spy = vi.spyOn(events, 'dispatch');

    spy.mockRejectedValueOnce(
      new AwsError('InternalFailure', 'EventBridge is having a bad day', { statusCode: 500 }),
    );
    const outage = await post(body, { 'Stripe-Signature': signature });
    spy.mockResolvedValueOnce({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'entry not stored' }],
    });
    const rejectedEntry = await post(body, { 'Stripe-Signature': signature });
    spy.mockRestore();

    expect(outage.status).toBeGreaterThanOrEqual(500);
    expect(rejectedEntry.status).toBeGreaterThanOrEqual(500);
    expect(await rejectedEntry.text()).not.toContain('"received":true');
  });

  it('answers 400 for a body that is not JSON and 415 for a wrong content type', async () => {
    const notJson = await post('this is not json', { 'Stripe-Signature': 't=1,v1=00' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ message: 'Invalid request body' });

    const wrongType = await post('{"id":"evt"}', {
      'content-type': 'text/plain',
      'Stripe-Signature': 't=1,v1=00',
    });
    expect(wrongType.status).toBe(415);
  });

  it('answers 400 before the bus for a body that breaks its sender contract', async () => {
    const noType = await post('{"id":"evt_no_type"}', { 'Stripe-Signature': 't=1,v1=00' });
    expect(noType.status).toBe(400);

    const deliveryUrl = e2e.endpoints.webhooks.delivery!.replace('{provider}', 'acme-post');
    const notTheContract = await fetch(deliveryUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Hydrant-Signature': 't=1,v1=00' },
      body: JSON.stringify({ id: 'dlv_1', type: 'delivery.teleported', orderId: 'ord-1' }),
    });
    expect(notTheContract.status).toBe(400);
    expect(await notTheContract.json()).toMatchObject({ message: 'Invalid request body' });
  });
});
