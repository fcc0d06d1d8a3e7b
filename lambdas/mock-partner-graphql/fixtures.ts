/**
 * The mock partner's data, derived from the samples in `query_response/`: every well-formed id is
 * a known order or item shaped like the found sample, except ids starting with `missing-`, which
 * the partner never knows (to exercise not-found). Partial answers reuse the error of
 * `order_partial.json`.
 */
import { GraphQLError } from 'graphql';
import itemFound from '../../query_response/item_found.json';
import itemNotFound from '../../query_response/item_not_found.json';
import orderFound from '../../query_response/order_found.json';
import orderNotFound from '../../query_response/order_not_found.json';
import orderPartial from '../../query_response/order_partial.json';

export const MISSING_PREFIX = 'missing-';

type Fixture = Record<string, unknown>;

const partialError = orderPartial.errors[0];

/** The error AppSync gives for a resolver that found nothing (see order_not_found.json). */
export function notFoundError(kind: 'order' | 'item'): GraphQLError {
  const sample = (kind === 'order' ? orderNotFound : itemNotFound).errors[0];
  return new GraphQLError(sample.message, { extensions: { errorType: sample.errorType } });
}

function dependencyError(what: string): () => never {
  return () => {
    throw new GraphQLError(partialError.message.replace('Payment details', what), {
      extensions: { errorType: partialError.errorType },
    });
  };
}

export function orderFixture(orderId: string, partial: boolean): Fixture | undefined {
  if (orderId.startsWith(MISSING_PREFIX)) return undefined;
  const order: Fixture = { ...structuredClone(orderFound.data.order), id: orderId };
  if (partial) order.payment = dependencyError('Payment details');
  return order;
}

export function itemFixture(itemId: string, partial: boolean): Fixture | undefined {
  if (itemId.startsWith(MISSING_PREFIX)) return undefined;
  const item: Fixture = { ...structuredClone(itemFound.data.item), id: itemId };
  if (partial) item.availability = dependencyError('Inventory details');
  return item;
}
