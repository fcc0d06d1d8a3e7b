import { describe, expect, it } from 'vitest';
import { InvalidEventError } from '../../../lambdas/hydration/errors';
import { parseItemEvent, parseOrderEvent } from '../../../lambdas/hydration/partner-event';
import { buyabilityEvent, orderEvent, PARTNER_SOURCE } from './helpers';

const text = (event: unknown) => JSON.stringify(event);

describe('parseOrderEvent', () => {
  it.each(['ORDER_PLACED', 'ORDER_UPDATED', 'REFUND_SUCCESS'])(
    'reads the order id of a %s event',
    (eventType) => {
      const event = orderEvent('ord-1', eventType);
      expect(parseOrderEvent(text(event), PARTNER_SOURCE)).toEqual({ event, eventType, orderId: 'ord-1' });
    },
  );

  it.each([
    ['a JSON array', '[]', /not an EventBridge event object/],
    ['no id', text({ ...orderEvent(), id: undefined }), /id must be/],
    ['an id with a slash', text({ ...orderEvent(), id: 'a/b' }), /id must be/],
    [
      'another source',
      text(orderEvent('o', 'ORDER_PLACED', { source: 'stripe' })),
      /source must be "partner.buywithprime"/,
    ],
    ['a time that is not ISO 8601', text({ ...orderEvent(), time: 'yesterday' }), /time must be/],
    ['no detail', text({ ...orderEvent(), detail: 'x' }), /detail must be an object/],
    ['an unknown eventType', text(orderEvent('o', 'ORDER_SHIPPED')), /detail.eventType must be one of/],
    [
      'no orderIdentifier',
      text(orderEvent('o', 'ORDER_PLACED', { detail: { eventType: 'ORDER_PLACED' } })),
      /orderId must be/,
    ],
  ])('rejects %s as a permanent InvalidEventError', (_name, body, message) => {
    expect(() => parseOrderEvent(body, PARTNER_SOURCE)).toThrow(InvalidEventError);
    expect(() => parseOrderEvent(body, PARTNER_SOURCE)).toThrow(message);
  });

  it('lists every problem of an event at once', () => {
    const body = text({ ...orderEvent(), source: 'x', time: 'now' });
    expect(() => parseOrderEvent(body, PARTNER_SOURCE)).toThrow(/source must be[\s\S]*time must be/);
  });
});

describe('parseItemEvent', () => {
  it('reads the item id of an itemId-identified buyability event', () => {
    expect(parseItemEvent(text(buyabilityEvent('item-1')), PARTNER_SOURCE)).toMatchObject({
      kind: 'item',
      itemId: 'item-1',
    });
  });

  it('skips an item identified otherwise, saying why', () => {
    expect(parseItemEvent(text(buyabilityEvent('SKU-1', 'sku')), PARTNER_SOURCE)).toMatchObject({
      kind: 'skipped',
      reason: expect.stringContaining('"sku" is not itemId'),
    });
  });

  it('rejects another detail-type and a missing item', () => {
    expect(() =>
      parseItemEvent(text({ ...buyabilityEvent(), 'detail-type': 'Order Placed' }), PARTNER_SOURCE),
    ).toThrow(/not santos.buyability.status.change/);
    expect(() => parseItemEvent(text({ ...buyabilityEvent(), detail: {} }), PARTNER_SOURCE)).toThrow(
      /identifierType must be a string/,
    );
  });
});
