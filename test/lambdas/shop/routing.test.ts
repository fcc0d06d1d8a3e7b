/**
 * The shop rules as synthesized, run through the emulator's pattern engine: which service each
 * event reaches, and that unverified look-alikes reach none.
 */
import type { CfnRule } from 'aws-cdk-lib/aws-events';
import { beforeAll, describe, expect, it } from 'vitest';
import { compilePattern } from '../../../emulator/services/events/pattern/compile';
import type { BusEnvelope } from '../../../lambdas/shop/bus-event';
import { buildStack } from '../../helpers/synth';
import { deliveryEvent, itemHydrated, orderHydrated, stripeEvent } from './factories';

type Rules = Map<string, (event: BusEnvelope) => boolean>;

describe('shop rule routing', () => {
  let rules: Rules;
  const reached = (event: BusEnvelope) =>
    [...rules.entries()]
      .filter(([, matches]) => matches(event))
      .map(([name]) => name)
      .sort();

  beforeAll(() => {
    const stack = buildStack();
    rules = new Map();
    for (const service of stack.shop.services) {
      for (const rule of service.rules) {
        const pattern = compilePattern(stack.resolve((rule.node.defaultChild as CfnRule).eventPattern));
        rules.set(rule.node.path.replace(/^Test\/Shop\//, ''), (e) => pattern.matches(e));
      }
    }
  });

  it.each<[string, () => BusEnvelope, string[]]>([
    [
      'a placed order',
      () => orderHydrated({ eventType: 'ORDER_PLACED' }),
      ['Forecast/Rule', 'Invoices/Rule', 'Orders/Rule'],
    ],
    [
      'a placed order too large to travel inline',
      () => orderHydrated({ eventType: 'ORDER_PLACED', truncated: true }),
      ['Forecast/TruncatedRule', 'Invoices/Rule', 'Orders/Rule'],
    ],
    ['an order update', () => orderHydrated({ eventType: 'ORDER_UPDATED' }), ['Orders/Rule']],
    ['a refund', () => orderHydrated({ eventType: 'REFUND_SUCCESS' }), ['Invoices/Rule', 'Orders/Rule']],
    ['a hydrated item', () => itemHydrated(), ['Inventory/Rule']],
    [
      'a verified Stripe payment',
      () => stripeEvent('payment_intent.succeeded', { id: 'pi' }),
      ['Orders/Rule'],
    ],
    ['a verified Stripe refund', () => stripeEvent('charge.refunded', { id: 'ch' }), ['Orders/Rule']],
    ['an unrelated Stripe event', () => stripeEvent('customer.created', { id: 'cus' }), []],
    ['a verified delivery', () => deliveryEvent('Delivered'), ['Orders/Rule']],
    [
      'a delivery type under the Stripe source',
      () => ({ ...deliveryEvent('Delivered'), source: 'stripe' }),
      [],
    ],
  ])('routes %s', (_name, event, expected) => {
    expect(reached(event())).toEqual(expected);
  });

  it.each<[string, () => BusEnvelope]>([
    [
      'an unverified Stripe webhook',
      () => ({ ...stripeEvent('payment_intent.succeeded', {}), source: 'webhook.stripe' }),
    ],
    [
      'an unverified delivery webhook',
      () => ({
        ...deliveryEvent('Delivered'),
        source: 'webhook.delivery',
        'detail-type': 'Webhook Received',
      }),
    ],
    ['a raw partner order event', () => ({ ...orderHydrated(), source: 'partner.buywithprime' })],
    ['a forged hydration source', () => ({ ...itemHydrated(), source: 'shop.hydration.fake' })],
  ])('never delivers %s to a shop service', (_name, event) => {
    expect(reached(event())).toEqual([]);
  });
});
