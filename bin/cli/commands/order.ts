/**
 * `hydrant order <orderId>`: the order's timeline from `orders/<orderId>/timeline/` and its status,
 * derived by the shop's own `deriveOrderStatus` so the CLI and the pipeline always agree.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { Command } from 'commander';
import { deriveOrderStatus, type OrderStatusResult } from '../../../lambdas/shop/order-status';
import {
  parseTimelineKey,
  timelinePrefix,
  type TimelineEntry,
  type TimelineFact,
} from '../../../lambdas/shop/timeline';
import { action, type ContextFactory } from '../context';
import { NotFoundError } from '../errors';
import { table } from '../output';
import { getObjectText, listObjects } from './objects';

export interface OrderView extends OrderStatusResult {
  readonly orderId: string;
  readonly timeline: readonly (TimelineFact & Partial<TimelineEntry> & { readonly key: string })[];
}

const READ_CONCURRENCY = 8;

export async function readOrder(s3: S3Client, bucket: string, orderId: string): Promise<OrderView> {
  const listed = await listObjects(s3, bucket, timelinePrefix(orderId), 10_000);
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
  const timeline = [];
  for (let i = 0; i < facts.length; i += READ_CONCURRENCY) {
    const chunk = facts.slice(i, i + READ_CONCURRENCY);
    const entries = await Promise.all(
      chunk.map(async (fact) => {
        const { body } = await getObjectText(s3, bucket, fact.key);
        const entry = JSON.parse(body) as Partial<TimelineEntry>;
        return { ...entry, ...fact };
      }),
    );
    timeline.push(...entries);
  }
  timeline.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.key.localeCompare(b.key));
  return { orderId, ...deriveOrderStatus(timeline), timeline };
}

export function orderCommand(makeContext: ContextFactory): Command {
  return new Command('order')
    .description("an order's timeline and its derived status")
    .argument('<orderId>', 'order id')
    .action(
      action(makeContext, async (ctx, orderId: string) => {
        const endpoints = await ctx.endpoints();
        const { s3 } = await ctx.clients();
        const view = await readOrder(s3, endpoints.bucket, orderId);
        ctx.output.result(view, (s) => [
          `${s.bold(`order ${orderId}`)}  ${s.cyan(view.status)}` +
            (view.since ? s.dim(` since ${view.since}`) : '') +
            (view.partiallyRefunded ? s.yellow(' (partially refunded)') : ''),
          '',
          ...table(
            ['OCCURRED AT', 'KIND', 'SOURCE', 'EVENT'],
            view.timeline.map((e) => [
              e.occurredAt,
              e.eventId === view.decidedBy ? s.bold(e.kind) : e.kind,
              [e.source, e.detailType].filter(Boolean).join(' / '),
              e.eventId,
            ]),
            s,
          ),
        ]);
      }),
    );
}
