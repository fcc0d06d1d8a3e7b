/**
 * The order timeline: one immutable S3 object per event that touched an order, at
 * `orders/<orderId>/timeline/<occurredAt>_<kind>_<eventId>.json`. The key alone carries what the
 * status derivation needs, so a reader may derive an order's status from a listing without GETs.
 */
import type { TrustedSource } from '../shared/contracts';
import { InvalidShopEventError } from './errors';

export const TIMELINE_KINDS = [
  'placed',
  'updated',
  'paid',
  'payment_failed',
  'shipped',
  'delivery_failed',
  'delivered',
  'canceled',
  'partially_refunded',
  'refunded',
] as const;

export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** The fields of an entry that its key encodes. */
export interface TimelineFact {
  readonly orderId: string;
  readonly kind: TimelineKind;
  /** ISO 8601 UTC, when the fact happened at its source (not when hydrant received it). */
  readonly occurredAt: string;
  /** The source event's stable id (Stripe `evt_…`, delivery `eventId`, partner event id). */
  readonly eventId: string;
}

/** The stored object. */
export interface TimelineEntry extends TimelineFact {
  readonly source: TrustedSource;
  /** The EventBridge detail-type that produced the entry. */
  readonly detailType: string;
  /** A small, PII-free summary (amounts in integer minor units, tracking number, S3 pointer). */
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
  readonly recordedAt: string;
}

export const TIMELINE_PREFIX = 'orders/';

export function timelinePrefix(orderId: string): string {
  return `${TIMELINE_PREFIX}${encodeSegment(orderId)}/timeline/`;
}

export function timelineKey(fact: TimelineFact): string {
  return `${timelinePrefix(fact.orderId)}${fact.occurredAt}_${fact.kind}_${encodeSegment(fact.eventId)}.json`;
}

const KEY = /^orders\/([^/]+)\/timeline\/([^_/]+)_([^/]+)\.json$/;
/** Longest first, so `payment_failed_…` is never read as a kind `payment`. */
const KINDS_LONGEST_FIRST = [...TIMELINE_KINDS].sort((a, b) => b.length - a.length);

/** The fact a timeline key encodes; throws `InvalidShopEventError` for a key that is not one. */
export function parseTimelineKey(key: string): TimelineFact {
  const match = KEY.exec(key);
  const rest = match?.[3] ?? '';
  const kind = KINDS_LONGEST_FIRST.find((k) => rest.startsWith(`${k}_`) && rest.length > k.length + 1);
  if (!match || !kind) {
    throw new InvalidShopEventError(
      `"${key}" is not an order timeline key (${TIMELINE_PREFIX}<orderId>/timeline/<occurredAt>_<kind>_<eventId>.json)`,
    );
  }
  return {
    orderId: decodeURIComponent(match[1]),
    occurredAt: match[2],
    kind,
    eventId: decodeURIComponent(rest.slice(kind.length + 1)),
  };
}

export function isTimelineKind(value: unknown): value is TimelineKind {
  return typeof value === 'string' && (TIMELINE_KINDS as readonly string[]).includes(value);
}

/** Ids come from outside; keep them from adding path segments. */
function encodeSegment(value: string): string {
  return encodeURIComponent(value);
}
