/**
 * Quarantined webhooks: `rejected/<provider>/<yyyy-mm-dd>/<requestId>.json`, each holding the
 * verifier's reason and the envelope as it arrived (`lambdas/webhook-verifier/rejection.ts`).
 */
import { getObjectText, listObjects, readMany } from '../objects/objects';
import type { OpsTarget } from '../context';

export const REJECTED_PREFIX = 'rejected/';

export interface RejectedWebhook {
  readonly key: string;
  readonly provider: string;
  readonly reason: string;
  readonly message: string;
  readonly rejectedAt?: string;
  readonly busEventId?: string;
  /** The envelope as stored (body cut to a few KB); unreadable objects keep their raw text here. */
  readonly envelope: unknown;
  /** The whole body's size and sha256, when the verifier recorded them. */
  readonly body?: { readonly bytes: number; readonly sha256: string; readonly truncated: boolean };
}

export interface RejectedQuery {
  /** Only this provider's (`stripe`, `delivery`, a carrier name…). */
  readonly provider?: string;
  /** Most records to read, newest days first. */
  readonly limit: number;
  /** Keep only records whose envelope mentions this text (e.g. an order id). */
  readonly mentioning?: string;
}

export async function listRejected(target: OpsTarget, query: RejectedQuery): Promise<RejectedWebhook[]> {
  const prefix = `${REJECTED_PREFIX}${query.provider ? `${query.provider}/` : ''}`;
  // Keys sort by provider, then day: the newest days come first once sorted by their day segment.
  const keys = (await listObjects(target, prefix, 10_000))
    .sort(
      (a, b) =>
        dayOf(b.key).localeCompare(dayOf(a.key)) ||
        (b.lastModified ?? '').localeCompare(a.lastModified ?? ''),
    )
    .map((o) => o.key);
  const records = await readMany(
    query.mentioning === undefined ? keys.slice(0, query.limit) : keys.slice(0, Math.max(query.limit, 500)),
    (key) => readRejected(target, key),
  );
  const matching =
    query.mentioning === undefined
      ? records
      : records.filter((r) => JSON.stringify(r.envelope).includes(query.mentioning!));
  return matching
    .sort((a, b) => (b.rejectedAt ?? '').localeCompare(a.rejectedAt ?? ''))
    .slice(0, query.limit);
}

export async function readRejected(target: OpsTarget, key: string): Promise<RejectedWebhook> {
  const provider = key.slice(REJECTED_PREFIX.length).split('/')[0] ?? 'unknown';
  const { json, text } = await getObjectText(target, key);
  const doc = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    key,
    provider,
    reason: str(doc.reason) ?? 'unreadable',
    message: str(doc.message) ?? (json === undefined ? 'the record is not JSON' : ''),
    rejectedAt: str(doc.rejectedAt),
    busEventId: str(doc.busEventId),
    envelope: json === undefined ? text : doc.envelope,
    ...(typeof doc.body === 'object' && doc.body !== null
      ? { body: doc.body as RejectedWebhook['body'] }
      : {}),
  };
}

function dayOf(key: string): string {
  return key.split('/')[2] ?? '';
}
