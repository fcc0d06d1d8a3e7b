/**
 * An order as the shop sees it: its timeline (`orders/<orderId>/timeline/`) and the status the
 * orders service's own `deriveOrderStatus` gives it, so the CLI, the console and the pipeline agree.
 */
import { deriveOrderStatus, type OrderStatusResult } from '../../../lambdas/shop/order-status';
import {
  parseTimelineKey,
  timelinePrefix,
  type TimelineEntry,
  type TimelineFact,
} from '../../../lambdas/shop/timeline';
import { NotFoundError } from '../errors';
import { getObjectText, listObjects, readMany } from '../objects/objects';
import type { OpsTarget } from '../context';

export type TimelineRow = TimelineFact & Partial<TimelineEntry> & { readonly key: string };

export interface OrderView extends OrderStatusResult {
  readonly orderId: string;
  readonly timeline: readonly TimelineRow[];
}

export async function readOrder(target: OpsTarget, orderId: string): Promise<OrderView> {
  const listed = await listObjects(target, timelinePrefix(orderId), 10_000);
  const facts = listed.flatMap((o) => {
    try {
      return [{ key: o.key, ...parseTimelineKey(o.key) }];
    } catch {
      return []; // Not a timeline entry (e.g. a stray object): it cannot decide the status.
    }
  });
  if (facts.length === 0) {
    throw new NotFoundError(
      `Order ${orderId} has no timeline under ${timelinePrefix(orderId)}: check the id, or list orders with ` +
        '`hydrant objects ls orders/`',
    );
  }
  const timeline: TimelineRow[] = await readMany(
    facts.map((f) => f.key),
    async (key) => {
      const fact = facts.find((f) => f.key === key)!;
      const { json } = await getObjectText(target, key);
      return { ...(json as Partial<TimelineEntry>), ...fact };
    },
  );
  timeline.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.key.localeCompare(b.key));
  return { orderId, ...deriveOrderStatus(timeline), timeline };
}
