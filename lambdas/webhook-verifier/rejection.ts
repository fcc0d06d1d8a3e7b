/**
 * What a rejected webhook leaves behind: `rejected/<provider>/<yyyy-mm-dd>/<requestId>.json` (DESIGN §4),
 * kept 30 days (the bucket's lifecycle rule). Anyone can post to the public URLs, so a record keeps
 * the envelope with the body cut to `KEPT_BODY_BYTES` plus the whole body's size and sha256: enough
 * to recognise and investigate it, without letting forged traffic store megabytes per request.
 */
import { createHash } from 'node:crypto';
import type { RejectionReason } from './errors';

/** How much of a rejected body is kept. */
export const KEPT_BODY_BYTES = 4096;

const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export interface RejectionRecord {
  readonly reason: RejectionReason;
  readonly message: string;
  readonly rejectedAt: string;
  /** The EventBridge event id of the `Webhook Received` event. */
  readonly busEventId: string;
  /** The envelope as it arrived (the detail of the `Webhook Received` event), `body` cut to a few KB. */
  readonly envelope: unknown;
  /** The whole body's UTF-8 size and sha256, when the envelope had a string body. */
  readonly body?: { readonly bytes: number; readonly sha256: string; readonly truncated: boolean };
}

/** The envelope to keep, its body cut at a UTF-8 character boundary, and what the whole body was. */
export function keptEnvelope(detail: unknown): Pick<RejectionRecord, 'envelope' | 'body'> {
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return { envelope: detail };
  const envelope = detail as Record<string, unknown>;
  if (typeof envelope.body !== 'string') return { envelope };
  const bytes = Buffer.from(envelope.body, 'utf8');
  const truncated = bytes.length > KEPT_BODY_BYTES;
  return {
    envelope: truncated ? { ...envelope, body: cutUtf8(bytes, KEPT_BODY_BYTES) } : envelope,
    body: { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), truncated },
  };
}

/** The longest prefix of `bytes` of at most `limit` bytes that ends on a character boundary. */
function cutUtf8(bytes: Buffer, limit: number): string {
  let end = limit;
  // Continuation bytes are 10xxxxxx: step back to the start of the character cut in two.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

/**
 * The S3 key, from the request's receive day (UTC). Provider and request id come from the request,
 * so anything that is not a plain path segment is replaced rather than trusted.
 */
export function rejectedObjectKey(
  provider: unknown,
  receivedAt: unknown,
  requestId: unknown,
  fallbackId: string,
  now: Date,
): string {
  const day = typeof receivedAt === 'number' && Number.isFinite(receivedAt) ? new Date(receivedAt) : now;
  const date = (Number.isNaN(day.getTime()) ? now : day).toISOString().slice(0, 10);
  const segment = (value: unknown, fallback: string) =>
    typeof value === 'string' && SAFE_SEGMENT.test(value) ? value : fallback;
  return `rejected/${segment(provider, 'unknown')}/${date}/${segment(requestId, segment(fallbackId, 'unknown'))}.json`;
}
