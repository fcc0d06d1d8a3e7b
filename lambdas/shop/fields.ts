/** Reading fields of untrusted JSON with errors that name the path that was wrong. */
import { InvalidShopEventError } from './errors';

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function record(value: unknown, path: string): Json {
  if (!isRecord(value)) throw new InvalidShopEventError(`${path} must be an object (got ${describe(value)})`);
  return value;
}

export function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidShopEventError(`${path} must be a non-empty string (got ${describe(value)})`);
  }
  return value;
}

export function optionalText(value: unknown, path: string): string | undefined {
  return value === undefined || value === null ? undefined : text(value, path);
}

export function integer(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new InvalidShopEventError(`${path} must be a whole number (got ${describe(value)})`);
  }
  return value;
}

export function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value))
    throw new InvalidShopEventError(`${path} must be a list (got ${describe(value)})`);
  return value;
}

/** An instant as normalized ISO 8601 UTC (`2026-11-21T09:41:57.000Z`), so keys sort by time. */
export function instant(value: unknown, path: string): string {
  const parsed = typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) {
    throw new InvalidShopEventError(`${path} must be an ISO 8601 date-time (got ${describe(value)})`);
  }
  return parsed.toISOString();
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
