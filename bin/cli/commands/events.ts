/** `hydrant events tail|replay`: a live view of the events crossing the bus, and archive replays. */
import { Command } from 'commander';
import { action, type ContextFactory } from '../context';
import { BusWatcher, watchPattern, type BusEventRecord } from '../../ops/events/bus-watcher';
import type { Style } from '../style';
import { replayCommand } from './events-replay';
import { parseCount, parseSeconds } from './parse';

const MAX_WAIT_SECONDS = 20;

export function eventsCommand(makeContext: ContextFactory): Command {
  const events = new Command('events').description('watch the event bus and replay its archive');

  events
    .command('tail')
    .description('print events as they cross the bus, until Ctrl-C (uses a temporary rule and queue)')
    .option('--source <source...>', 'only these sources, e.g. stripe delivery shop.hydration')
    .option('--detail-type <type...>', 'only these detail-types, e.g. "Order Hydrated"')
    .option('--count <n>', 'stop after this many events', parseCount)
    .option('--timeout <seconds>', 'stop after this long', parseSeconds)
    .action(
      action(
        makeContext,
        async (ctx, opts: { source?: string[]; detailType?: string[]; count?: number; timeout?: number }) => {
          const endpoints = await ctx.endpoints();
          const clients = await ctx.clients();
          const session = new BusWatcher(clients, endpoints.bus, 'hydrant-tail');
          const deadline = opts.timeout === undefined ? Infinity : Date.now() + opts.timeout * 1000;
          let seen = 0;
          try {
            await session.open(watchPattern({ sources: opts.source, detailTypes: opts.detailType }));
            ctx.output.note(`tailing ${endpoints.bus} on ${endpoints.description} (Ctrl-C to stop)`);
            while (!ctx.io.signal?.aborted && Date.now() < deadline && seen < (opts.count ?? Infinity)) {
              const wait = Math.min(MAX_WAIT_SECONDS, Math.max(1, Math.ceil((deadline - Date.now()) / 1000)));
              for (const event of await session.next(wait, ctx.io.signal)) {
                if (seen >= (opts.count ?? Infinity)) break;
                seen++;
                ctx.output.record(event, (s) => formatEvent(event, s));
              }
            }
          } finally {
            const problems = await session.close();
            for (const p of problems) ctx.output.error(`cleanup failed, remove it by hand: ${p}`);
          }
        },
      ),
    );

  events.addCommand(replayCommand(makeContext));

  return events;
}

function formatEvent(event: BusEventRecord, s: Style): string {
  const time = typeof event.time === 'string' ? event.time.replace(/^.*T/, '').replace(/Z$/, '') : '';
  const detail = JSON.stringify(event.detail ?? null);
  return [
    s.dim(time),
    s.cyan(String(event.source ?? '?')),
    s.bold(String(event['detail-type'] ?? '?')),
    s.dim(String(event.id ?? '')),
    detail.length > 160 ? `${detail.slice(0, 159)}…` : detail,
  ].join('  ');
}
