/**
 * PutEvents entry validation and event construction, as AWS does it: failures are reported per
 * entry (HTTP 200, FailedEntryCount), only a malformed request fails as a whole.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
 *
 * Sizes: AWS raised events to 1 MB in January 2026
 * (https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb),
 * and the API reference says "the total entry size must be less than 1MB" for a request, with
 * entry sizes counted as https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html
 * describes. A request over it fails whole: ValidationException "Total size of the entries in
 * the request is over the limit.", the message AWS answers. 1 MB is taken as 1,048,576 bytes,
 * the SQS maximum message size (and its default MaximumMessageSize), so an event accepted here
 * fits an SQS target that keeps the default.
 */
import { randomUUID } from 'node:crypto';
import type { PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { ValidationException } from './errors';
import { jsonDepthExceeds } from '../../protocol/json';

export interface EventEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
  'replay-name'?: string;
}

/** On the wire `Time` is epoch seconds; the SDK type says Date. */
export type WireEntry = Omit<PutEventsRequestEntry, 'Time'> & { Time?: unknown };

export type EntryResult =
  { event: EventEnvelope } | Required<Pick<PutEventsResultEntry, 'ErrorCode' | 'ErrorMessage'>>;

const MAX_ENTRIES = 10;
export const MAX_REQUEST_BYTES = 1024 * 1024;
/** The SQS maximum message size: an event larger than this could not reach any queue. */
const MAX_EVENT_BYTES = 1024 * 1024;
/**
 * "PutEvents will only process nested JSON up to 1000 levels deep" (API reference as the SDK
 * 3.1169 docs carry it; older copies said 1100). Deeper values would overflow later walks over
 * the event, the state snapshot among them.
 */
const MAX_DETAIL_DEPTH = 1000;

export function checkEntries(entries: unknown): WireEntry[] {
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new ValidationException(
      "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
    );
  }
  if (entries.length > MAX_ENTRIES) {
    throw new ValidationException(
      `1 validation error detected: Value '${entries.length}' at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ENTRIES}`,
    );
  }
  if (!entries.every((e) => typeof e === 'object' && e !== null && !Array.isArray(e)))
    throw new ValidationException('Each entry of Entries must be an object.');
  const list = entries as WireEntry[];
  const total = list.reduce((sum, entry) => sum + entrySize(entry), 0);
  if (total > MAX_REQUEST_BYTES)
    throw new ValidationException('Total size of the entries in the request is over the limit.');
  return list;
}

/** https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html */
export function entrySize(entry: WireEntry): number {
  const bytes = (v: unknown) => (typeof v === 'string' ? Buffer.byteLength(v) : 0);
  let size = entry.Time !== undefined && entry.Time !== null ? 14 : 0;
  size += bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail);
  if (Array.isArray(entry.Resources)) for (const r of entry.Resources) size += bytes(r);
  return size;
}

const missing = (name: string) => ({
  ErrorCode: 'InvalidArgument',
  ErrorMessage: `Parameter ${name} is not valid. Reason: ${name} is a required argument.`,
});
const malformed = { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };

export function buildEvent(entry: WireEntry, region: string, account: string, now: number): EntryResult {
  if (typeof entry.Source !== 'string' || entry.Source === '') return missing('Source');
  if (typeof entry.DetailType !== 'string' || entry.DetailType === '') return missing('DetailType');
  if (typeof entry.Detail !== 'string' || entry.Detail === '') return missing('Detail');
  // PARITY: AWS documents the depth limit but not its error; a per-entry MalformedDetail.
  if (jsonDepthExceeds(entry.Detail, MAX_DETAIL_DEPTH)) return malformed;
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    return malformed;
  }
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) return malformed;
  const resources = Array.isArray(entry.Resources) ? entry.Resources.map(String) : [];
  const time = typeof entry.Time === 'number' && Number.isFinite(entry.Time) ? entry.Time * 1000 : now;
  const event: EventEnvelope = {
    version: '0',
    id: randomUUID(),
    'detail-type': entry.DetailType,
    source: entry.Source,
    account,
    time: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources,
    detail: detail as Record<string, unknown>,
  };
  // The envelope adds a few hundred bytes to the entry; only an entry that close to the limit
  // pays for measuring. PARITY: AWS does not say what happens to such an event at an SQS
  // target; the emulator refuses it here rather than accept what no queue could take.
  if (
    entrySize(entry) > MAX_EVENT_BYTES - 4096 &&
    Buffer.byteLength(JSON.stringify(event)) > MAX_EVENT_BYTES
  ) {
    return {
      ErrorCode: 'InvalidArgument',
      ErrorMessage: `The event built from this entry is larger than ${MAX_EVENT_BYTES} bytes, the most a target queue takes.`,
    };
  }
  return { event };
}
