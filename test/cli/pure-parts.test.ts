import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { withSecretFirst } from '../../bin/ops/aws/signing-secrets';
import { partnerEventUrl } from '../../bin/ops/send/partner';
import { resolveQueue } from '../../bin/cli/dlq/resolve-queue';
import { NotFoundError, UsageError } from '../../bin/ops/errors';
import { watchPattern } from '../../bin/ops/events/bus-watcher';
import { colourEnabled } from '../../bin/cli/io';
import { formatAge, table } from '../../bin/cli/output';
import { Progress } from '../../bin/cli/progress';
import { makeStyle } from '../../bin/cli/style';
import { buildDeliveryEvent, deliverySignature } from '../../bin/ops/send/delivery-webhook';
import { buildStripeEvent, stripeSignature } from '../../bin/ops/send/stripe-event';

describe('signing secret lists', () => {
  it('puts the new secret first and keeps the previous ones, without duplicates', () => {
    expect(withSecretFirst(['b', 'a'], 'c')).toEqual(['c', 'b', 'a']);
    expect(withSecretFirst(['b', 'a'], 'a')).toEqual(['a', 'b']);
    expect(withSecretFirst(['b', 'a'], 'c', 2)).toEqual(['c', 'b']);
  });
});

describe('stripe test events', () => {
  it('builds a v1 event linked to the order, verifiable with stripe constructEvent', () => {
    const event = buildStripeEvent({ type: 'payment_intent.succeeded', orderId: 'ord-1' });
    const body = JSON.stringify(event);
    const header = stripeSignature(body, 'whsec_test');

    const verified = Stripe.webhooks.constructEvent(body, header, 'whsec_test');
    expect(verified.type).toBe('payment_intent.succeeded');
    expect(verified.data.object).toMatchObject({ object: 'payment_intent', metadata: { orderId: 'ord-1' } });
    expect(() => Stripe.webhooks.constructEvent(body, header, 'whsec_other')).toThrow();
  });

  it('uses a payload file as data.object, or sends a whole event unchanged', () => {
    const fromObject = buildStripeEvent({ type: 'charge.refunded', payload: { id: 'ch_1', amount: 5 } });
    expect(fromObject.data).toEqual({
      object: expect.objectContaining({ id: 'ch_1', amount: 5, object: 'charge' }),
    });
    const whole = { id: 'evt_1', object: 'event', type: 'charge.refunded', data: { object: {} } };
    expect(buildStripeEvent({ type: 'charge.refunded', payload: whole })).toBe(whole);
    expect(() => buildStripeEvent({ type: 'charge.succeeded', payload: whole })).toThrow(UsageError);
    expect(() => buildStripeEvent({ type: 'not a type' })).toThrow(UsageError);
  });
});

describe('delivery webhooks', () => {
  it('signs t.body with HMAC-SHA256 as the delivery contract says', () => {
    const now = new Date('2026-01-02T03:04:05Z');
    const event = buildDeliveryEvent({ status: 'delivered', orderId: 'o1', now });
    const body = JSON.stringify(event);
    const header = deliverySignature(body, 'secret-0123456789', now);

    const t = Math.floor(now.getTime() / 1000);
    const expected = createHmac('sha256', 'secret-0123456789').update(`${t}.${body}`).digest('hex');
    expect(header).toBe(`t=${t},v1=${expected}`);
    expect(event).toMatchObject({ type: 'delivery.delivered', orderId: 'o1', occurredAt: now.toISOString() });
    expect(() => buildDeliveryEvent({ status: 'lost', orderId: 'o1' })).toThrow(
      /started, delivered, canceled, failed/,
    );
  });
});

describe('partner event URLs', () => {
  it('addresses the mock event API per event type', () => {
    expect(partnerEventUrl('http://m/prod/', { type: 'order_placed', order: 'o 1' })).toBe(
      'http://m/prod/put-event/order?event-type=order_placed&orderId=o+1',
    );
    expect(partnerEventUrl('http://m/prod', { type: 'buyability', item: 'i1' })).toBe(
      'http://m/prod/put-event/buyability?event-type=buyability&itemId=i1',
    );
    expect(partnerEventUrl('http://m/prod/put-event', { type: 'order_updated' })).toBe(
      'http://m/prod/put-event/order?event-type=order_updated',
    );
    expect(() => partnerEventUrl('http://m', { type: 'buyability', order: 'o' })).toThrow(UsageError);
    expect(() => partnerEventUrl('http://m', { type: 'order_lost' })).toThrow(UsageError);
  });
});

describe('queue names', () => {
  const dlqs = { 'order-hydration': 'http://h/000/order-hydration-dlq' };
  it('resolves by name, case, SQS queue name or URL', () => {
    expect(resolveQueue(dlqs, 'Order-Hydration', 'DLQ').name).toBe('order-hydration');
    expect(resolveQueue(dlqs, 'order-hydration-dlq', 'DLQ').name).toBe('order-hydration');
    expect(resolveQueue(dlqs, 'http://h/000/order-hydration-dlq', 'DLQ').name).toBe('order-hydration');
    expect(resolveQueue(dlqs, 'order', 'DLQ').name).toBe('order-hydration');
    expect(() => resolveQueue({ ...dlqs, 'order-verifier': 'http://h/0/v' }, 'order', 'DLQ')).toThrow(
      /matches 2 DLQs \(order-hydration, order-verifier\)/,
    );
    expect(() => resolveQueue(dlqs, 'items', 'DLQ')).toThrow(NotFoundError);
    expect(() => resolveQueue(dlqs, 'items', 'DLQ')).toThrow(/known DLQs are order-hydration/);
  });
});

describe('events tail pattern', () => {
  it('filters by source and detail-type, or matches everything', () => {
    expect(watchPattern({ sources: ['stripe'], detailTypes: ['charge.refunded'] })).toEqual({
      source: ['stripe'],
      'detail-type': ['charge.refunded'],
    });
    expect(watchPattern({})).toEqual({ source: [{ wildcard: '*' }] });
  });
});

describe('output', () => {
  it('colours only a terminal, and never with NO_COLOR', () => {
    expect(colourEnabled({ write: () => 0, isTTY: true }, {})).toBe(true);
    expect(colourEnabled({ write: () => 0, isTTY: false }, {})).toBe(false);
    expect(colourEnabled({ write: () => 0, isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled({ write: () => 0, isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
  });

  it('aligns table columns by visible width', () => {
    const lines = table(['A', 'B'], [[makeStyle(true).red('xx'), 'y']], makeStyle(false));
    expect(lines[0]).toBe('A   B');
    expect(lines[1]).toBe('\u001b[31mxx\u001b[39m  y');
  });

  it('formats ages', () => {
    expect(formatAge(5_000)).toBe('5s');
    expect(formatAge(192_000)).toBe('3m 12s');
    expect(formatAge(2 * 86_400_000 + 3_600_000)).toBe('2d 1h');
  });
});

describe('progress', () => {
  it('redraws one line on a terminal', () => {
    let written = '';
    const progress = new Progress(
      { write: (t: string) => (written += t), isTTY: true },
      'moving',
      makeStyle(false),
    );

    progress.update(1, 4);
    progress.update(1, 4);
    progress.done('done');

    expect(written).toBe(`\r\u001b[2Kmoving ${'█'.repeat(6)}${'░'.repeat(18)} 1/4\r\u001b[2Kdone\n`);
  });

  it('prints a line per change elsewhere', () => {
    let written = '';
    const progress = new Progress({ write: (t: string) => (written += t) }, 'moving', makeStyle(false));

    progress.update(1, 4, 'running');
    progress.update(1, 4, 'running');
    progress.update(4, 4, 'completed');

    expect(written).toBe('moving: 1/4 running\nmoving: 4/4 completed\n');
  });
});
