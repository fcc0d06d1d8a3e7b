import { describe, expect, it } from 'vitest';
import {
  buildHydratedEvent,
  buildHydratedObject,
  MAX_ENTRY_BYTES,
} from '../../../lambdas/hydration/hydrated-object';
import { ORDER_HYDRATION } from '../../../lambdas/hydration/hydration-spec';
import { orderEvent, PARTNER_SOURCE } from './helpers';

describe('hydrated event', () => {
  const target = ORDER_HYDRATION.parse(JSON.stringify(orderEvent('ord-BIG')), PARTNER_SOURCE);
  if (target.kind !== 'hydrate') throw new Error('expected a hydration target');
  const hydrationTarget = target.target;

  /** The stored object and the announcing event for a complete partner answer `order`. */
  function hydrate(order: { id: string }) {
    const object = buildHydratedObject(
      ORDER_HYDRATION,
      hydrationTarget,
      { status: 200, data: { order } },
      true,
      new Date(),
    );
    const event = buildHydratedEvent(
      ORDER_HYDRATION,
      hydrationTarget,
      object,
      'b',
      'shop.hydration',
      order,
      true,
    );
    return { object, event };
  }

  it('leaves data out and sets truncated when the entry would pass 256 KB', () => {
    const big = {
      id: 'ord-BIG',
      lineItems: Array.from({ length: 3000 }, (_, i) => ({ id: `li-${i}`, title: 'x'.repeat(80) })),
    };
    const { object, event } = hydrate(big);

    expect(JSON.stringify(big).length).toBeGreaterThan(MAX_ENTRY_BYTES);
    expect(event.detail).toMatchObject({ truncated: true, object: { key: object.key, size: object.size } });
    expect(event.detail).not.toHaveProperty('data');
  });

  it('keeps small data inline', () => {
    const small = { id: 'ord-BIG' };
    const { event } = hydrate(small);

    expect(event.detail).toMatchObject({ data: small });
    expect(event.detail).not.toHaveProperty('truncated');
  });
});
