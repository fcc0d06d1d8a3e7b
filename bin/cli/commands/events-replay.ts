/**
 * `hydrant events replay --from <ISO> [--to <ISO>] [--rule …] [--source …] [--detail-type …]`:
 * replays the bus archive (bin/ops/events/replay.ts) with progress until the replay completes.
 */
import { InvalidArgumentError, Command } from 'commander';
import { replayEvents } from '../../ops/events/replay';
import { action, type ContextFactory } from '../context';

interface ReplayOpts {
  readonly from: Date;
  readonly to?: Date;
  readonly rule?: string[];
  readonly source?: string[];
  readonly detailType?: string[];
  readonly archive?: string;
}

export function replayCommand(makeContext: ContextFactory): Command {
  return new Command('replay')
    .description(
      'replay archived events of a time window onto the bus, to every rule or the chosen ones; replayed ' +
        'events carry replay-name. A replay cannot filter by content: --source/--detail-type pick the rules ' +
        'whose patterns accept them, and those rules get every archived event of the window they match',
    )
    .requiredOption('--from <iso>', 'start of the window, e.g. 2026-11-30T12:00:00Z', parseIsoDate)
    .option('--to <iso>', 'end of the window (default: now)', parseIsoDate)
    .option('--rule <name...>', 'only these rules (name, or a part only one rule has)')
    .option('--source <source...>', 'only the rules that accept these sources')
    .option('--detail-type <type...>', 'only the rules that accept these detail-types')
    .option('--archive <name>', "the archive to replay (default: the bus's archive)")
    .action(
      action(makeContext, async (ctx, opts: ReplayOpts) => {
        const endpoints = await ctx.endpoints();
        const { events } = await ctx.clients();
        const progress = ctx.output.progress(`replaying ${endpoints.bus}`);
        let result;
        try {
          result = await replayEvents(events, {
            bus: endpoints.bus,
            from: opts.from,
            to: opts.to,
            rules: opts.rule,
            sources: opts.source,
            detailTypes: opts.detailType,
            archive: opts.archive,
            // AWS replays take minutes; the emulator's finish at once.
            pollMs: endpoints.awsEndpoint ? 200 : 5000,
            signal: ctx.io.signal,
            onProgress: (p) =>
              progress.update(Math.round(p.fraction * 100), 100, `% ${p.state.toLowerCase()}`),
          });
        } finally {
          progress.done(`replay of ${endpoints.bus}: done`);
        }
        ctx.output.result(result, (s) =>
          s.green(
            `replayed ${result.from} → ${result.to} from archive ${result.archive} to ` +
              (result.rules ? `rule(s) ${result.rules.join(', ')}` : `every rule of ${result.bus}`) +
              ` (replay ${result.replayName})`,
          ),
        );
      }),
    );
}

function parseIsoDate(value: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime()))
    throw new InvalidArgumentError('must be an ISO 8601 date, e.g. 2026-11-30T12:00:00Z');
  return date;
}
