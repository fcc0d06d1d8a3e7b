/**
 * The fault document the admin route stores (`PUT /admin/faults`): rates like the deployment's
 * `hydrant:mockPartnerFaults` plus per-id faults. A stored document replaces the deployment's
 * faults until it is cleared; every write starts a new generation, which restarts per-id counts.
 */
import { BadRequestError } from './errors';
import type { FaultConfig } from './faults';
import { idFaultProblems, type IdFault } from './id-faults';

export interface RuntimeFaults extends Partial<FaultConfig> {
  readonly ids?: Readonly<Record<string, IdFault>>;
}

export interface StoredFaults {
  /** Unset after a clear: the deployment's faults apply. */
  readonly faults?: RuntimeFaults;
  /** Changes on every write; per-id call counts are kept per generation. */
  readonly generation: string;
  readonly updatedAt: string;
}

const RATES = ['error5xxRate', 'error429Rate', 'errorsBlockRate', 'notFoundRate'] as const;
const MAX_IDS = 100;

/** The document, or a `BadRequestError` listing every problem. */
export function parseRuntimeFaults(value: unknown): RuntimeFaults {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BadRequestError('The body must be a JSON object such as {"error5xxRate":0.3,"ids":{…}}');
  const doc = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of RATES) {
    const v = doc[key];
    if (v !== undefined && !(typeof v === 'number' && v >= 0 && v <= 1))
      problems.push(`${key} must be a number from 0 to 1`);
  }
  const latency = doc.latencyMs;
  if (
    latency !== undefined &&
    !(Number.isInteger(latency) && (latency as number) >= 0 && (latency as number) <= 25_000)
  )
    problems.push('latencyMs must be a whole number from 0 to 25000');
  const seed = doc.seed;
  if (seed !== undefined && !(Number.isInteger(seed) && (seed as number) >= 0 && (seed as number) < 2 ** 32))
    problems.push('seed must be a 32-bit unsigned integer');
  if (doc.ids !== undefined) {
    if (typeof doc.ids !== 'object' || doc.ids === null || Array.isArray(doc.ids)) {
      problems.push('ids must be an object of id → {"kind","times","ms"}');
    } else {
      const entries = Object.entries(doc.ids);
      if (entries.length > MAX_IDS) problems.push(`ids may name at most ${MAX_IDS} ids`);
      for (const [id, fault] of entries) problems.push(...idFaultProblems(id, fault));
    }
  }
  const known = new Set<string>([...RATES, 'latencyMs', 'seed', 'ids']);
  const unknown = Object.keys(doc).filter((k) => !known.has(k));
  if (unknown.length > 0) problems.push(`unknown keys: ${unknown.join(', ')}`);
  if (problems.length > 0) throw new BadRequestError(`Invalid faults: ${problems.join('; ')}`);
  return doc as RuntimeFaults;
}
