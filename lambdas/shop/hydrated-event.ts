/**
 * `shop.hydration` events (`Order Hydrated`, `Item Hydrated`; DESIGN §3, graphql/README.md) and
 * their data: inline when it fitted in the event, otherwise read from the hydrated S3 object
 * (`{response: {data: {order | item}}}`) that the event points to.
 */
import type { ObjectStore } from '../shared/ports';
import { ITEM_HYDRATED } from '../shared/contracts';
import { InvalidShopEventError } from './errors';
import { instant, integer, isRecord, optionalText, record, text } from './fields';

export { HYDRATION_SOURCE, ITEM_HYDRATED, ORDER_HYDRATED } from '../shared/contracts';
export const HYDRATED_PREFIX = 'hydrated/';

export interface HydratedObjectPointer {
  readonly bucket: string;
  readonly key: string;
  readonly sha256: string;
  readonly size: number;
}

export interface HydratedDetail {
  readonly sourceEventId: string;
  readonly eventType: string;
  /** `orderId` for orders, `itemId` for items. */
  readonly subjectId: string;
  readonly complete: boolean;
  readonly object: HydratedObjectPointer;
  readonly data?: unknown;
  readonly truncated: boolean;
}

export function parseHydratedDetail(detailType: string, detail: unknown): HydratedDetail {
  const d = record(detail, 'detail');
  const idField = detailType === ITEM_HYDRATED ? 'itemId' : 'orderId';
  const object = record(d.object, 'detail.object');
  const truncated = d.truncated === true;
  if (!truncated && !isRecord(d.data)) {
    throw new InvalidShopEventError('detail.data is missing although detail.truncated is not true');
  }
  return {
    sourceEventId: text(d.sourceEventId, 'detail.sourceEventId'),
    eventType: text(d.eventType, 'detail.eventType'),
    subjectId: text(d[idField], `detail.${idField}`),
    complete: d.complete !== false,
    object: {
      bucket: text(object.bucket, 'detail.object.bucket'),
      key: text(object.key, 'detail.object.key'),
      sha256: optionalText(object.sha256, 'detail.object.sha256') ?? '',
      size: object.size === undefined ? 0 : integer(object.size, 'detail.object.size'),
    },
    data: truncated ? undefined : d.data,
    truncated,
  };
}

/** The hydrated order or item: inline data, or `response.data.<field>` of the S3 object. */
export async function loadHydratedData(
  detail: Pick<HydratedDetail, 'data' | 'truncated' | 'object'>,
  field: 'order' | 'item',
  store: ObjectStore,
): Promise<unknown> {
  if (!detail.truncated) return detail.data;
  return readHydratedObject(detail.object.key, field, store);
}

export async function readHydratedObject(
  key: string,
  field: 'order' | 'item',
  store: ObjectStore,
): Promise<unknown> {
  if (!key.startsWith(HYDRATED_PREFIX) || key.includes('..')) {
    throw new InvalidShopEventError(`Hydrated object key "${key}" is outside ${HYDRATED_PREFIX}`);
  }
  const stored = await store.get(key);
  if (!stored) {
    throw new InvalidShopEventError(`Hydrated object ${key} does not exist; the event points to nothing`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored.body);
  } catch (cause) {
    throw new InvalidShopEventError(`Hydrated object ${key} is not JSON`, { cause });
  }
  const response = record(record(parsed, key).response, `${key} response`);
  return record(response.data, `${key} response.data`)[field];
}

/**
 * When the partner event happened: the `<eventTime>` that starts the hydrated object's file name
 * (DESIGN §4: `<eventTime>_<eventType>_<eventId>.json`), else the bus event's own time.
 */
export function partnerEventTime(detail: Pick<HydratedDetail, 'object'>, busTime: string): string {
  const fileName = detail.object.key.split('/').at(-1) ?? '';
  const candidate = fileName.split('_')[0];
  if (candidate && !Number.isNaN(Date.parse(candidate))) return instant(candidate, 'detail.object.key');
  return instant(busTime, 'time');
}
