import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordOrderEvent } from '../../../lambdas/orders/record-order-event';
import { STRIPE_SOURCE } from '../../../lambdas/shared/contracts';
import { NotAStripeEventError } from '../../../lambdas/stripe-relay/errors';
import { relayedEvent } from '../../../lambdas/stripe-relay/relay';
import { fakeBucket, silentLogger, stripeEvent, type FakeBucket } from '../shop/factories';

const SOURCE = 'aws.partner/stripe.com/ed_test_61RM8ltWcTW4mbsws16RM8ki9BSQ8OOZ';

/** The same Stripe event as Stripe's EventBridge destination delivers it on the partner bus. */
function fromDestination(webhookPath: ReturnType<typeof stripeEvent>) {
  return {
    id: 'partner-bus-event-1',
    source: SOURCE,
    'detail-type': webhookPath['detail-type'],
    time: '2026-11-20T18:30:09Z',
    detail: webhookPath.detail,
  };
}

describe('stripe relay', () => {
  let bucket: FakeBucket;
  beforeEach(() => {
    bucket = fakeBucket();
  });
  afterEach(() => bucket.s3.restore());

  it('hands the Stripe event on as source stripe with the same detail', () => {
    const viaWebhook = stripeEvent('charge.refunded', {
      id: 'ch_1',
      refunded: true,
      metadata: { orderId: 'o-1' },
    });
    expect(relayedEvent(fromDestination(viaWebhook), SOURCE)).toEqual({
      source: STRIPE_SOURCE,
      detailType: 'charge.refunded',
      detail: viaWebhook.detail,
    });
  });

  it('refuses what is not a Stripe event from the configured destination', () => {
    const event = fromDestination(stripeEvent('payment_intent.succeeded', { id: 'pi_1' }));
    expect(() => relayedEvent({ ...event, source: 'aws.partner/stripe.com/other' }, SOURCE)).toThrow(
      NotAStripeEventError,
    );
    expect(() => relayedEvent({ ...event, detail: { type: 't' } }, SOURCE)).toThrow(/detail\.id/);
    expect(() => relayedEvent({ ...event, detail: null }, SOURCE)).toThrow(/not an object/);
  });

  it('changes an order timeline once when the same Stripe event arrives by webhook and by destination', async () => {
    const viaWebhook = stripeEvent(
      'payment_intent.succeeded',
      { id: 'pi_9', amount: 5668, currency: 'usd', metadata: { orderId: 'ord-both' } },
      { id: 'evt_both_ways' },
    );
    const relayed = relayedEvent(fromDestination(viaWebhook), SOURCE);
    const viaDestination = {
      id: 'relayed-bus-event',
      source: relayed.source,
      'detail-type': relayed.detailType,
      time: '2026-11-20T18:30:10Z',
      detail: relayed.detail,
    };
    const deps = { store: bucket.store, logger: silentLogger, now: () => new Date('2026-11-22T00:00:00Z') };

    const first = await recordOrderEvent(viaWebhook, deps);
    const second = await recordOrderEvent(viaDestination, deps);

    expect(first).toMatchObject({ outcome: 'recorded' });
    expect(second).toEqual({ outcome: 'duplicate', key: (first as { key: string }).key });
    expect([...bucket.objects.keys()].filter((k) => k.startsWith('orders/'))).toHaveLength(1);
  });
});
