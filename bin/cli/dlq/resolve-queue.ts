/** Finds a queue the user named: by its endpoints name, its SQS queue name, or its URL. */
import { NotFoundError } from '../errors';

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
  const match =
    entries.find(([name]) => name === wanted) ??
    entries.find(([name]) => name.toLowerCase() === wanted.toLowerCase()) ??
    entries.find(([, url]) => url === wanted || queueNameOf(url) === wanted);
  if (match) return { name: match[0], url: match[1] };
  const known = entries.map(([name]) => name).join(', ');
  throw new NotFoundError(
    `No ${kind} named "${wanted}"` +
      (known ? `: known ${kind}s are ${known}` : `: the target lists no ${kind}s`),
  );
}

export function queueNameOf(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}
