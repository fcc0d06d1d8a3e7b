/**
 * The hydrated S3 object (DESIGN §4) and the `shop.hydration` event that points at it (DESIGN §3).
 * Data goes inline only while the PutEvents entry stays within EventBridge's 256 KB limit.
 */
import { createHash } from 'node:crypto';
import type { BusEvent } from '../shared/ports';
import type { HydrationSpec, HydrationTarget } from './hydration-spec';
import type { PartnerResponse } from './ports';

export const HYDRATED_SCHEMA_VERSION = 1;
/** https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html */
export const MAX_ENTRY_BYTES = 256 * 1024;
/** PutEvents counts the Time field as 14 bytes. */
const TIME_FIELD_BYTES = 14;

export interface HydratedObject {
  readonly key: string;
  readonly body: string;
  readonly sha256: string;
  readonly size: number;
}

export function buildHydratedObject(
  spec: HydrationSpec,
  target: HydrationTarget,
  response: PartnerResponse,
  complete: boolean,
  hydratedAt: Date,
): HydratedObject {
  const document = {
    schemaVersion: HYDRATED_SCHEMA_VERSION,
    sourceEvent: target.event,
    query: { operationName: spec.operationName, variables: target.variables },
    response: response.errors?.length
      ? { data: response.data, errors: response.errors }
      : { data: response.data },
    complete,
    hydratedAt: hydratedAt.toISOString(),
  };
  const body = JSON.stringify(document, null, 2) + '\n';
  return {
    key: target.key,
    body,
    sha256: createHash('sha256').update(body).digest('hex'),
    size: Buffer.byteLength(body),
  };
}

export function buildHydratedEvent(
  spec: HydrationSpec,
  target: HydrationTarget,
  object: HydratedObject,
  bucket: string,
  source: string,
  data: unknown,
  complete: boolean,
): BusEvent {
  const pointer = {
    sourceEventId: target.event.id,
    eventType: target.eventType,
    [spec.idField]: target.id,
    complete,
    object: { bucket, key: object.key, sha256: object.sha256, size: object.size },
  };
  const inline = { ...pointer, data };
  const detail =
    entryBytes(source, spec.detailType, inline) <= MAX_ENTRY_BYTES ? inline : { ...pointer, truncated: true };
  return { source, detailType: spec.detailType, detail };
}

function entryBytes(source: string, detailType: string, detail: unknown): number {
  return (
    Buffer.byteLength(source) +
    Buffer.byteLength(detailType) +
    Buffer.byteLength(JSON.stringify(detail)) +
    TIME_FIELD_BYTES
  );
}
