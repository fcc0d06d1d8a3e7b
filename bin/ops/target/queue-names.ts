/**
 * Readable names for queues whose names CloudFormation generated, `<stack>-<logicalId><8 hex>-<suffix>`:
 * `Hydrant-HydrationOrdersDeadLetterQueueDF6E6164-65CCAF1D747A` → `hydration-orders-dlq`. The full
 * SQS name and the URL still select the queue (see bin/cli/dlq/resolve-queue.ts).
 */
import { kebab } from './kebab';

const GENERATED = /^[A-Za-z0-9]+-([A-Za-z0-9]+?)[0-9A-F]{8}-[0-9A-Za-z]{12,13}$/;

export function readableQueueName(name: string): string {
  const logicalId = GENERATED.exec(name)?.[1];
  if (!logicalId) return name;
  return kebab(logicalId)
    .replace(/-?dead-?letter-queue$/, '-dlq')
    .replace(/-queue$/, '')
    .replace(/^-/, '');
}

/** The same map with readable names; a name that two queues would share stays as it was. */
export function withReadableNames(queues: Readonly<Record<string, string>>): Record<string, string> {
  const readable = Object.keys(queues).map((name) => [name, readableQueueName(name)] as const);
  const counts = new Map<string, number>();
  for (const [, r] of readable) counts.set(r, (counts.get(r) ?? 0) + 1);
  return Object.fromEntries(readable.map(([name, r]) => [counts.get(r) === 1 ? r : name, queues[name]!]));
}
