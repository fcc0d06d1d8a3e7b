/** Partner times (epoch MILLISECONDS, numbers) → ISO 8601 UTC (`2026-11-20T14:02:11.000Z`). */
import { PartnerMappingError } from './errors';

/** ECMAScript's Date range: ±8.64e15 ms around the epoch. */
const MAX_EPOCH_MS = 8.64e15;

export function toIsoTime(epochMs: number | null | undefined, path: string): string | null {
  if (epochMs === null || epochMs === undefined) return null;
  if (typeof epochMs !== 'number' || !Number.isFinite(epochMs) || Math.abs(epochMs) > MAX_EPOCH_MS) {
    throw new PartnerMappingError(path, `must be epoch milliseconds (got ${JSON.stringify(epochMs)})`);
  }
  // Sub-millisecond fractions cannot be written in ISO 8601 with milliseconds; drop them.
  return new Date(Math.trunc(epochMs)).toISOString();
}
