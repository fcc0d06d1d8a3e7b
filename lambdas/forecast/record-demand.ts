/**
 * The forecast service: one demand record per placed order at `forecast/<yyyy-mm-dd>/<orderId>.json`
 * (the order's UTC date), units per item. A repeated event overwrites the same record.
 */
import type { ObjectStore } from '../shared/ports';
import type { ShopLogger } from '../shop/bus-event';
import { InvalidShopEventError } from '../shop/errors';
import { instant, integer, list, optionalText, record, text } from '../shop/fields';
import { readHydratedObject } from '../shop/hydrated-event';
import type { ForecastInput, ForecastLineItem } from './forecast-input';

export interface DemandRecord {
  readonly orderId: string;
  readonly orderDate: string;
  readonly lines: readonly ForecastLineItem[];
  readonly units: number;
}

export interface ForecastDeps {
  readonly store: ObjectStore;
  readonly logger: ShopLogger;
}

export function demandKey(orderDate: string, orderId: string): string {
  return `forecast/${orderDate.slice(0, 10)}/${encodeURIComponent(orderId)}.json`;
}

export async function recordDemand(input: ForecastInput, deps: ForecastDeps): Promise<{ key: string }> {
  const fields: unknown =
    'truncated' in input && input.truncated ? await fromHydratedObject(input.hydratedObject, deps) : input;
  const demand = readDemand(fields);
  const key = demandKey(demand.orderDate, demand.orderId);
  await deps.store.put(key, `${JSON.stringify(demand, null, 2)}\n`);
  deps.logger.info('Demand recorded', { key, units: demand.units });
  return { key };
}

/** Projects the full (normalized) hydrated order to the forecast fields at once; nothing else is kept. */
async function fromHydratedObject(key: string, deps: ForecastDeps): Promise<unknown> {
  const order = record(await readHydratedObject(key, 'order', deps.store), `${key} order`);
  return { orderId: order.id, orderDate: order.createdAt, lineItems: order.lineItems };
}

function readDemand(input: unknown): DemandRecord {
  const fields = record(input, 'forecast input');
  const lines = list(fields.lineItems, 'lineItems').map((raw, i) => {
    const line = record(raw, `lineItems[${i}]`);
    const quantity = integer(line.quantity, `lineItems[${i}].quantity`);
    if (quantity < 1)
      throw new InvalidShopEventError(`lineItems[${i}].quantity must be at least 1 (got ${quantity})`);
    return {
      itemId: text(line.itemId, `lineItems[${i}].itemId`),
      sku: optionalText(line.sku, `lineItems[${i}].sku`) ?? null,
      quantity,
    };
  });
  const orderId = text(fields.orderId, 'orderId');
  if (lines.length === 0) {
    throw new InvalidShopEventError(`Order ${orderId} has no line items; there is no demand to record`);
  }
  return {
    orderId,
    orderDate: instant(fields.orderDate, 'orderDate'),
    lines,
    units: lines.reduce((total, line) => total + line.quantity, 0),
  };
}
