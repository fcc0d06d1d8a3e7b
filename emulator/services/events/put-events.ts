/**
 * PutEvents entry validation and event construction, as AWS does it: failures are reported per
 * entry (HTTP 200, FailedEntryCount), only a malformed request fails as a whole.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
 */
import { randomUUID } from 'node:crypto';
import { ValidationException } from '../../protocol/errors';
import { jsonDepthExceeds } from '../../protocol/json';

export interface PutEventsEntry {
  Source?: unknown;
  DetailType?: unknown;
  Detail?: unknown;
  Resources?: unknown;
  Time?: unknown;
  EventBusName?: unknown;
  TraceHeader?: unknown;
}

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

export type EntryResult = { event: EventEnvelope } | { ErrorCode: string; ErrorMessage: string };

const MAX_ENTRIES = 10;
const MAX_DETAIL_DEPTH = 1100;
const MAX_ENTRY_BYTES = 1024 * 1024;

export function checkEntries(entries: unknown): PutEventsEntry[] {
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
  return entries as PutEventsEntry[];
}

const missing = (name: string) => ({
  ErrorCode: 'InvalidArgument',
  ErrorMessage: `Parameter ${name} is not valid. Reason: ${name} is a required argument.`,
});

export function buildEvent(entry: PutEventsEntry, region: string, account: string, now: number): EntryResult {
  if (typeof entry.Source !== 'string' || entry.Source === '') return missing('Source');
  if (typeof entry.DetailType !== 'string' || entry.DetailType === '') return missing('DetailType');
  if (typeof entry.Detail !== 'string' || entry.Detail === '') return missing('Detail');
  // "PutEvents will only process nested JSON up to 1100 levels deep" (API reference); deeper
  // values would overflow every later walk over the event, including the state snapshot.
  if (jsonDepthExceeds(entry.Detail, MAX_DETAIL_DEPTH))
    return {
      ErrorCode: 'MalformedDetail',
      ErrorMessage: `Detail nests deeper than ${MAX_DETAIL_DEPTH} levels.`,
    };
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  const resources = Array.isArray(entry.Resources) ? entry.Resources.map(String) : [];
  const size =
    14 +
    Buffer.byteLength(entry.Source) +
    Buffer.byteLength(entry.DetailType) +
    Buffer.byteLength(entry.Detail) +
    resources.reduce((n, r) => n + Buffer.byteLength(r), 0);
  if (size > MAX_ENTRY_BYTES) {
    return {
      ErrorCode: 'InvalidArgument',
      ErrorMessage: `Entry size ${size} bytes exceeds the 1 MB PutEvents entry limit.`,
    };
  }
  const time = typeof entry.Time === 'number' ? entry.Time * 1000 : now;
  return {
    event: {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account,
      time: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region,
      resources,
      detail: detail as Record<string, unknown>,
    },
  };
}
