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

  it('leaves data out and sets truncated when the entry would pass 256 KB', () => {
    const big = {
      id: 'ord-BIG',
      lineItems: Array.from({ length: 3000 }, (_, i) => ({ id: `li-${i}`, title: 'x'.repeat(80) })),
    };
    const object = buildHydratedObject(
      ORDER_HYDRATION,
      target.target,
      { status: 200, data: { order: big } },
      true,
      new Date(),
    );

    const event = buildHydratedEvent(
      ORDER_HYDRATION,
      target.target,
      object,
      'b',
      'shop.hydration',
      big,
      true,
    );

    expect(JSON.stringify(big).length).toBeGreaterThan(MAX_ENTRY_BYTES);
    expect(event.detail).toMatchObject({ truncated: true, object: { key: object.key, size: object.size } });
    expect(event.detail).not.toHaveProperty('data');
  });

  it('keeps small data inline', () => {
    const small = { id: 'ord-BIG' };
    const object = buildHydratedObject(
      ORDER_HYDRATION,
      target.target,
      { status: 200, data: { order: small } },
      true,
      new Date(),
    );

    const event = buildHydratedEvent(
      ORDER_HYDRATION,
      target.target,
      object,
      'b',
      'shop.hydration',
      small,
      true,
    );

    expect(event.detail).toMatchObject({ data: small });
    expect(event.detail).not.toHaveProperty('truncated');
  });
});
