/**
 * Per-id faults of the mock partner: what the partner does when a request names a given order or
 * item id. Set at run time through `PUT /admin/faults` (`ids`), or by id convention, beside the
 * fixtures' `missing-…` (never known):
 *
 * | id starts with    | the partner                                                    |
 * | ----------------- | -------------------------------------------------------------- |
 * | `fail-<n>-`       | answers HTTP 503 to the first n calls for the id, then serves it |
 * | `throttle-<n>-`   | answers HTTP 429 with `Retry-After: 1` n times, then serves it  |
 * | `html-<n>-`       | answers HTTP 200 with an HTML maintenance page n times           |
 * | `slow-<ms>-`      | waits ms milliseconds (at most 25000) before every answer       |
 *
 * Without the number (`fail-ord-1`) the fault never ends; `slow-` alone waits 3000 ms.
 */
export const ID_FAULT_KINDS = ['fail', 'throttle', 'html', 'slow'] as const;
export type IdFaultKind = (typeof ID_FAULT_KINDS)[number];

export interface IdFault {
  readonly kind: IdFaultKind;
  /** Calls that get the fault (counted per id); unset: every call. Not for `slow`. */
  readonly times?: number;
  /** Delay of `slow`. @default 3000 */
  readonly ms?: number;
}

export const MAX_TIMES = 1000;
export const MAX_SLOW_MS = 25_000;
export const DEFAULT_SLOW_MS = 3000;

const CONVENTION = /^(fail|throttle|html|slow)-(?:(\d{1,5})-)?./;

/** The fault an id asks for by its prefix, if any. */
export function idFaultByConvention(id: string): IdFault | undefined {
  const match = CONVENTION.exec(id);
  if (!match) return undefined;
  const kind = match[1] as IdFaultKind;
  const n = match[2] === undefined ? undefined : Number(match[2]);
  if (kind === 'slow') return { kind, ms: Math.min(n ?? DEFAULT_SLOW_MS, MAX_SLOW_MS) };
  return { kind, ...(n === undefined ? {} : { times: Math.min(n, MAX_TIMES) }) };
}

/** Problems with an `ids` entry, worded for the admin route's 400 answer. */
export function idFaultProblems(id: string, value: unknown): string[] {
  const where = `ids["${id}"]`;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [`${where} must be an object like {"kind":"fail","times":3}`];
  const fault = value as Record<string, unknown>;
  const problems: string[] = [];
  if (!(ID_FAULT_KINDS as readonly unknown[]).includes(fault.kind))
    problems.push(`${where}.kind must be one of ${ID_FAULT_KINDS.join(', ')}`);
  const whole = (key: string, max: number) => {
    const v = fault[key];
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 1 && (v as number) <= max))
      problems.push(`${where}.${key} must be a whole number from 1 to ${max}`);
  };
  whole('times', MAX_TIMES);
  whole('ms', MAX_SLOW_MS);
  const unknown = Object.keys(fault).filter((k) => !['kind', 'times', 'ms'].includes(k));
  if (unknown.length > 0) problems.push(`${where} has unknown keys: ${unknown.join(', ')}`);
  return problems;
}

/** Every string in a GraphQL request's variables: the ids it asks about, whatever the schema's argument shapes. */
export function requestedIds(variables: unknown, depth = 0): string[] {
  if (typeof variables === 'string') return [variables];
  if (depth > 4 || typeof variables !== 'object' || variables === null) return [];
  return Object.values(variables).flatMap((v) => requestedIds(v, depth + 1));
}
