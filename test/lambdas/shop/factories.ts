/**
 * Typed factories for the events the shop services receive, and an in-memory bucket behind
 * aws-sdk-client-mock that honours If-Match / If-None-Match like S3 (412 PreconditionFailed).
 */
import {
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  type S3ClientResolvedConfig,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/client-s3';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { S3ObjectStore } from '../../../lambdas/shared/aws/s3-object-store';
import type { BusEnvelope } from '../../../lambdas/shop/bus-event';
import type { ItemByIDQuery, SingleOrderQuery } from '../../../lambdas/hydration/operations.generated';
import { mapItem, mapOrder } from '../../../lambdas/shared/partner-mapping';

type PartnerOrder = NonNullable<SingleOrderQuery['order']>;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const BUCKET = 'pipeline-bucket';

const response = (file: string) => JSON.parse(readFileSync(path.join(ROOT, 'query_response', file), 'utf8'));

/** `response.data.order` of query_response/order_found.json: the partner's order as it answers it. */
export function samplePartnerOrder(): Record<string, unknown> {
  return response('order_found.json').data.order;
}

/** The normalized order a hydrated event carries (the partner order through the mapping). */
export function sampleOrder(): Record<string, unknown> {
  return mapOrder(samplePartnerOrder() as PartnerOrder) as unknown as Record<string, unknown>;
}

/** `response.data` of query_response/item_found.json: item, buyability and inventory item. */
export function samplePartnerItemData(): Record<string, unknown> {
  return response('item_found.json').data;
}

/** The normalized item a hydrated event carries. */
export function sampleItem(): Record<string, unknown> {
  return mapItem(samplePartnerItemData() as ItemByIDQuery) as unknown as Record<string, unknown>;
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

export interface HydratedOrderOptions {
  eventType?: 'ORDER_PLACED' | 'ORDER_UPDATED' | 'REFUND_SUCCESS';
  order?: Record<string, unknown>;
  eventId?: string;
  eventTime?: string;
  truncated?: boolean;
  complete?: boolean;
}

export function hydratedOrderKey(
  orderId: string,
  eventTime: string,
  eventType: string,
  eventId: string,
): string {
  return `hydrated/orders/${orderId}/${eventTime}_${eventType}_${eventId}.json`;
}

export function orderHydrated(options: HydratedOrderOptions = {}): BusEnvelope {
  const order = options.order ?? sampleOrder();
  const eventType = options.eventType ?? 'ORDER_PLACED';
  const eventId = options.eventId ?? nextId('partner-evt');
  const eventTime = options.eventTime ?? '2026-11-21T09:41:57Z';
  return {
    id: nextId('bus'),
    source: 'shop.hydration',
    'detail-type': 'Order Hydrated',
    time: '2026-11-21T09:42:03Z',
    detail: {
      sourceEventId: eventId,
      eventType,
      orderId: order.id,
      complete: options.complete ?? true,
      object: {
        bucket: BUCKET,
        key: hydratedOrderKey(String(order.id), eventTime, eventType, eventId),
        sha256: 'a'.repeat(64),
        size: 4321,
      },
      ...(options.truncated ? { truncated: true } : { data: order }),
    },
  };
}

export interface HydratedItemOptions {
  item?: Record<string, unknown>;
  eventId?: string;
  eventTime?: string;
  truncated?: boolean;
}

export function itemHydrated(options: HydratedItemOptions = {}): BusEnvelope {
  const item = options.item ?? sampleItem();
  const eventId = options.eventId ?? nextId('partner-evt');
  const eventTime = options.eventTime ?? '2026-11-21T08:00:00Z';
  return {
    id: nextId('bus'),
    source: 'shop.hydration',
    'detail-type': 'Item Hydrated',
    time: eventTime,
    detail: {
      sourceEventId: eventId,
      eventType: 'BUYABILITY_STATUS_CHANGE',
      itemId: item.id,
      complete: true,
      object: {
        bucket: BUCKET,
        key: `hydrated/items/${String(item.id)}/${eventTime}_${eventId}.json`,
        sha256: 'b'.repeat(64),
        size: 812,
      },
      ...(options.truncated ? { truncated: true } : { data: item }),
    },
  };
}

/**
 * A hydrated S3 object (DESIGN §4): the partner's response verbatim, `{order}` for an order, the
 * whole `data` (item, buyability, inventoryItem) for an item.
 */
export function hydratedObject(field: 'order' | 'item', partnerData: unknown): string {
  return JSON.stringify({
    schemaVersion: 1,
    sourceEvent: {},
    query: { operationName: field === 'order' ? 'singleOrder' : 'itemByID', variables: {} },
    response: { data: field === 'order' ? { order: partnerData } : partnerData },
    complete: true,
    hydratedAt: '2026-11-21T09:42:00.000Z',
  });
}

export function stripeEvent(
  type: string,
  object: Record<string, unknown>,
  options: { id?: string; created?: number } = {},
): BusEnvelope {
  const id = options.id ?? nextId('evt');
  return {
    id: nextId('bus'),
    source: 'stripe',
    'detail-type': type,
    time: '2026-11-20T18:30:05Z',
    detail: {
      id,
      object: 'event',
      type,
      created: options.created ?? 1_795_458_600,
      livemode: false,
      data: { object },
    },
  };
}

export function deliveryEvent(
  detailType: 'DeliveryStarted' | 'Delivered' | 'DeliveryCanceled' | 'DeliveryFailed',
  overrides: Record<string, unknown> = {},
): BusEnvelope {
  return {
    id: nextId('bus'),
    source: 'delivery',
    'detail-type': detailType,
    time: '2026-11-21T16:05:10Z',
    detail: {
      provider: 'acme-post',
      eventId: nextId('dlv'),
      orderId: 'ord-4Q8ZT2MX7K',
      customerId: 'cust-1',
      trackingNumber: 'TBA318220571000',
      occurredAt: '2026-11-21T16:05:00.000Z',
      ...overrides,
    },
  };
}

export const silentLogger = { info: () => undefined, warn: () => undefined };

export function preconditionFailed(): S3ServiceException {
  return new S3ServiceException({
    name: 'PreconditionFailed',
    $fault: 'client',
    $metadata: { httpStatusCode: 412 },
    message: 'At least one of the pre-conditions you specified did not hold',
  });
}

function notFound(): S3ServiceException {
  return new S3ServiceException({
    name: 'NoSuchKey',
    $fault: 'client',
    $metadata: { httpStatusCode: 404 },
    message: 'The specified key does not exist.',
  });
}

export interface FakeBucket {
  readonly s3: AwsStub<ServiceInputTypes, ServiceOutputTypes, S3ClientResolvedConfig>;
  readonly objects: Map<string, { body: string; etag: string }>;
  readonly store: S3ObjectStore;
  json(key: string): unknown;
  /** Runs at the start of each PutObject, e.g. to let a concurrent writer win the race. */
  beforePut?: (key: string) => void;
}

/** Serves GetObject/PutObject from memory with S3's conditional-write semantics; `s3.restore()` after. */
export function fakeBucket(): FakeBucket {
  const s3 = mockClient(S3Client);
  const objects = new Map<string, { body: string; etag: string }>();
  s3.on(GetObjectCommand).callsFake((input: { Key: string }) => {
    const found = objects.get(input.Key);
    if (!found) throw notFound();
    return { ETag: found.etag, Body: { transformToString: async () => found.body }, Metadata: {} };
  });
  s3.on(PutObjectCommand).callsFake(
    (input: { Key: string; Body: string; IfMatch?: string; IfNoneMatch?: string }) => {
      bucket.beforePut?.(input.Key);
      const current = objects.get(input.Key);
      if (input.IfNoneMatch === '*' && current) throw preconditionFailed();
      if (input.IfMatch !== undefined && current?.etag !== input.IfMatch) throw preconditionFailed();
      const etag = `"${createHash('md5').update(input.Body).digest('hex')}"`;
      objects.set(input.Key, { body: input.Body, etag });
      return { ETag: etag };
    },
  );
  const bucket: FakeBucket = {
    s3,
    objects,
    store: new S3ObjectStore(new S3Client({ region: 'eu-west-1' }), BUCKET),
    json: (key) => JSON.parse(objects.get(key)?.body ?? 'null'),
  };
  return bucket;
}
