/** What a rejected webhook leaves behind: `rejected/<provider>/<yyyy-mm-dd>/<requestId>.json` (DESIGN §4). */
import type { RejectionReason } from './errors';

const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export interface RejectionRecord {
  readonly reason: RejectionReason;
  readonly message: string;
  readonly rejectedAt: string;
  /** The EventBridge event id of the `Webhook Received` event. */
  readonly busEventId: string;
  /** The envelope exactly as it arrived (the detail of the `Webhook Received` event). */
  readonly envelope: unknown;
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
