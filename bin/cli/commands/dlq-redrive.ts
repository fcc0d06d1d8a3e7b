/**
 * `hydrant dlq redrive <dlq>`: each message back to where it failed (bin/ops/dlq/redrive.ts), with
 * progress, a per-message outcome, --rate and --dry-run; exit 1 when any message stayed behind.
 */
import { Command } from 'commander';
import { leftBehind, redriveDlq, type RedriveResult } from '../../ops/dlq/redrive';
import { action, type ContextFactory } from '../context';
import { CliError, ReportedFailure } from '../../ops/errors';
import type { Style } from '../style';
import { resolveQueue } from '../dlq/resolve-queue';
import { parseRate } from './parse';

interface RedriveOpts {
  readonly rate?: number;
  readonly to?: string;
  readonly dryRun?: boolean;
}

export function redriveCommand(makeContext: ContextFactory): Command {
  return new Command('redrive')
    .description(
      'send the messages back to where they failed: an SQS queue’s DLQ through SQS’s message move task, ' +
        'an EventBridge target DLQ message to its TARGET_ARN, a Lambda failure record to its function ' +
        '(asynchronous invoke); a message leaves the DLQ only once handed back',
    )
    .argument('<queue>', 'DLQ name, queue name or URL')
    .option('--rate <n>', 'messages per second, 1-500 (default: as fast as the services allow)', parseRate)
    .option('--to <queue>', 'move every message to this queue instead (SQS message move task)')
    .option('--dry-run', 'say where each message would go; change nothing')
    .action(
      action(makeContext, async (ctx, name: string, opts: RedriveOpts) => {
        const endpoints = await ctx.endpoints();
        const dlq = resolveQueue(endpoints.dlqs, name, 'DLQ');
        const to = opts.to
          ? resolveQueue({ ...endpoints.dlqs, ...endpoints.queues }, opts.to, 'queue')
          : undefined;
        const clients = await ctx.clients();
        const progress = opts.dryRun ? undefined : ctx.output.progress(`redriving ${dlq.name}`);
        let result: RedriveResult;
        try {
          result = await redriveDlq(clients, {
            dlq,
            queues: endpoints.queues,
            to,
            rate: opts.rate,
            dryRun: opts.dryRun,
            signal: ctx.io.signal,
            onProgress: (p) => {
              if (p.kind === 'move-task') progress?.update(p.moved, p.toMove, p.status.toLowerCase());
              else {
                progress?.update(p.done, p.total);
                if (p.outcome.outcome !== 'redriven')
                  ctx.output.note(`${p.outcome.messageId}: ${p.outcome.outcome}: ${p.outcome.error ?? ''}`);
              }
            },
          });
        } catch (error) {
          progress?.done(`redrive of ${dlq.name}: stopped`);
          throw new CliError(`The redrive of ${dlq.name} stopped: ${(error as Error).message}`, {
            cause: error,
          });
        }
        progress?.done(`redrive of ${dlq.name}: ${result.status.toLowerCase()}`);
        ctx.output.result(result, (s) => render(result, s));
        if (result.failed > 0 && !result.dryRun) {
          throw new ReportedFailure(
            `${result.failed} of ${result.moved + result.failed} message(s) stayed in ${dlq.name}; see the outcomes above`,
          );
        }
      }),
    );
}

function render(result: RedriveResult, s: Style): string[] {
  const lines: string[] = [];
  for (const m of result.messages ?? []) {
    const mark =
      m.outcome === 'redriven' || m.outcome === 'would-redrive' ? s.green(m.outcome) : s.red(m.outcome);
    lines.push(
      `${m.messageId}  ${mark}  ${s.dim(`${m.origin}: ${m.route}`)}${m.error ? `  ${s.red(m.error)}` : ''}`,
    );
  }
  if (result.dryRun) {
    lines.push(
      s.yellow(
        `dry run: ${result.toMove ?? 0} message(s) in ${result.queue} would go to ${result.destination}` +
          (result.mode === 'move-task' ? ' (SQS message move task)' : ''),
      ),
    );
  } else if (result.mode === 'move-task') {
    lines.push(
      s.green(
        `moved ${result.moved} message(s) from DLQ ${result.queue} to ${queueLabel(result.destination)}`,
      ),
    );
  } else {
    const summary =
      `redrove ${result.moved} message(s) from DLQ ${result.queue}` +
      (result.failed ? `, ${result.failed} stayed` : '');
    lines.push(result.failed ? s.red(summary) : s.green(summary));
  }
  const left = leftBehind(result);
  if (left) lines.push(s.yellow(left));
  return lines;
}

function queueLabel(destination: string): string {
  return destination.startsWith('their ') ? destination : `queue ${destination}`;
}
