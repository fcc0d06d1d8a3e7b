/** Reads required environment variables, naming every missing one at once. */
import { HydrantError } from './errors';

export function requireEnv<K extends string>(...names: K[]): Record<K, string> {
  const missing = names.filter((n) => !process.env[n]);
  if (missing.length > 0) {
    throw new HydrantError(`Missing environment variables: ${missing.join(', ')}`);
  }
  return Object.fromEntries(names.map((n) => [n, process.env[n] as string])) as Record<K, string>;
}
