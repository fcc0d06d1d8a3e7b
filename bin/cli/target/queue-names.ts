/**
 * Readable names for queues whose names CloudFormation generated, `<stack>-<logicalId><8 hex>-<suffix>`:
 * `Hydrant-HydrationOrdersDeadLetterQueueDF6E6164-65CCAF1D747A` → `hydration-orders-dlq`. The full
 * SQS name and the URL still select the queue (see dlq/resolve-queue.ts).
 */
import { kebab, queuesFromOutputs } from './stack-outputs';

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

/**
 * Local queue names as a deployed stack names them: a queue that a stack output points at takes the
 * output's name (`OrdersHydrationDlqUrl` → `orders-hydration`), so the same command line works with
 * and without `--stack`; any other queue keeps its readable generated name.
 */
export function withOutputNames(
  queues: Readonly<Record<string, string>>,
  outputs: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const readable = withReadableNames(queues);
  if (!outputs) return readable;
  const named = queuesFromOutputs(new Map(Object.entries(outputs)));
  const nameByUrl = new Map(
    [...Object.entries(named.queues), ...Object.entries(named.dlqs)].map(([name, url]) => [url, name]),
  );
  const taken = new Set(nameByUrl.values());
  return Object.fromEntries(
    Object.entries(readable).map(([name, url]) => {
      const outputName = nameByUrl.get(url);
      if (outputName) return [outputName, url];
      return [taken.has(name) ? `${name}-queue` : name, url];
    }),
  );
}
