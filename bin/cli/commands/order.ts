/**
 * `hydrant order <orderId>`: the order's timeline from `orders/<orderId>/timeline/` and its status,
 * derived by the shop's own `deriveOrderStatus` so the CLI and the pipeline always agree.
 */
import { Command } from 'commander';
import { readOrder } from '../../ops/orders/order';
import { action, type ContextFactory } from '../context';
import { table } from '../output';

export function orderCommand(makeContext: ContextFactory): Command {
  return new Command('order')
    .description("an order's timeline and its derived status")
    .argument('<orderId>', 'order id')
    .action(
      action(makeContext, async (ctx, orderId: string) => {
        const view = await readOrder(await ctx.target(), orderId);
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
