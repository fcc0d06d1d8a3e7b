/**
 * Finds a queue the user named: by its endpoints name, its SQS queue name or its URL, else by a
 * part of its name that only one queue has (`order` for `Hydrant-OrderQueueDlq…-9F2C…`).
 */
import { NotFoundError, UsageError } from '../../ops/errors';

export interface NamedQueue {
  readonly name: string;
  readonly url: string;
}

export function resolveQueue(
  queues: Readonly<Record<string, string>>,
  wanted: string,
  kind: 'DLQ' | 'queue',
): NamedQueue {
  const entries = Object.entries(queues);
  const lower = wanted.toLowerCase();
  const match =
    entries.find(([name]) => name === wanted) ??
    entries.find(([name]) => name.toLowerCase() === lower) ??
    entries.find(([, url]) => url === wanted || queueNameOf(url) === wanted);
  if (match) return { name: match[0], url: match[1] };
  const partial = entries.filter(([name]) => name.toLowerCase().includes(lower));
  if (partial.length === 1) return { name: partial[0]![0], url: partial[0]![1] };
  if (partial.length > 1) {
    throw new UsageError(
      `"${wanted}" matches ${partial.length} ${kind}s (${partial.map(([n]) => n).join(', ')}): be more specific`,
    );
  }
  const known = entries.map(([name]) => name).join(', ');
  throw new NotFoundError(
    `No ${kind} named "${wanted}"` +
      (known ? `: known ${kind}s are ${known}` : `: the target lists no ${kind}s`),
  );
}

export function queueNameOf(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}
