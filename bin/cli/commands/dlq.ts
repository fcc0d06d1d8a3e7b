/** `hydrant dlq ls|show|redrive|purge`: the dead-letter queues, with why each message is there. */
import { Command } from 'commander';
import { listDlqs } from '../../ops/dlq/list';
import { purgeDlq } from '../../ops/dlq/purge';
import { showDlq } from '../../ops/dlq/show';
import { describeRoute } from '../../ops/dlq/route';
import { action, type ContextFactory } from '../context';
import { UsageError } from '../../ops/errors';
import { formatAge, table } from '../output';
import { resolveQueue } from '../dlq/resolve-queue';
import { redriveCommand } from './dlq-redrive';
import { parseCount } from './parse';

export type { DlqSummary } from '../../ops/dlq/list';
export type { DlqMessage } from '../../ops/dlq/describe';

export function dlqCommand(makeContext: ContextFactory): Command {
  const dlq = new Command('dlq').description('inspect, redrive and purge the dead-letter queues');

  dlq
    .command('ls')
    .description('every DLQ with its depth, the age of its oldest message and why its newest is there')
    .action(
      action(makeContext, async (ctx) => {
        const endpoints = await ctx.endpoints();
        const { sqs } = await ctx.clients();
        const summaries = await listDlqs(sqs, endpoints.dlqs);
        ctx.output.result({ dlqs: summaries }, (s) =>
          summaries.length === 0
            ? s.dim(`${endpoints.description} lists no DLQs`)
            : table(
                ['DLQ', 'DEPTH', 'IN FLIGHT', 'OLDEST', 'NEWEST REASON'],
                summaries.map((q) => [
                  q.name,
                  q.depth > 0 ? s.red(String(q.depth)) : s.green('0'),
                  String(q.inFlight),
                  q.oldestAgeSeconds === undefined ? '-' : `${formatAge(q.oldestAgeSeconds * 1000)} ago`,
                  q.newestReasonSummary ? oneLine(q.newestReasonSummary, 80) : '-',
                ]),
                s,
              ),
        );
      }),
    );

  dlq
    .command('show')
    .description('messages with their failure reasons and where a redrive sends them, left in the queue')
    .argument('<queue>', 'DLQ name (see `hydrant dlq ls`), queue name or URL')
    .option('--limit <n>', 'most messages to show', parseCount, 10)
    .action(
      action(makeContext, async (ctx, name: string, opts: { limit: number }) => {
        const endpoints = await ctx.endpoints();
        const queue = resolveQueue(endpoints.dlqs, name, 'DLQ');
        const { sqs } = await ctx.clients();
        const messages = await showDlq(sqs, queue.url, opts.limit);
        ctx.output.result({ queue: queue.name, url: queue.url, messages }, (s) =>
          messages.length === 0
            ? s.green(`${queue.name} is empty`)
            : messages.flatMap((m) => [
                `${s.bold(m.messageId)}  ${s.dim(`sent ${m.sentAt ?? '?'}  (${m.reason.origin})`)}`,
                `  ${s.red(m.reason.errorType)}${m.reason.message ? `: ${m.reason.message}` : ''}` +
                  (m.reason.attempts === undefined ? '' : s.dim(` (${m.reason.attempts} attempts)`)),
                ...(m.reason.source ? [s.dim(`  from ${m.reason.source}`)] : []),
                s.dim(`  redrive: ${describeRoute(m.redrive)}`),
                `  ${s.dim(oneLine(m.body, 200))}`,
                '',
              ]),
        );
      }),
    );

  dlq.addCommand(redriveCommand(makeContext));

  dlq
    .command('purge')
    .description('delete every message in a DLQ (needs --yes)')
    .argument('<queue>', 'DLQ name, queue name or URL')
    .option('--yes', 'confirm: the messages are gone for good')
    .action(
      action(makeContext, async (ctx, name: string, opts: { yes?: boolean }) => {
        const endpoints = await ctx.endpoints();
        const queue = resolveQueue(endpoints.dlqs, name, 'DLQ');
        if (!opts.yes) {
          throw new UsageError(`Purging ${queue.name} deletes its messages for good: add --yes to confirm`);
        }
        const { sqs } = await ctx.clients();
        const { purged } = await purgeDlq(sqs, queue.url);
        ctx.output.result({ queue: queue.name, url: queue.url, purged }, (s) =>
          s.yellow(`purged ${queue.name} (${purged} message(s))`),
        );
      }),
    );

  return dlq;
}

function oneLine(body: unknown, max: number): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
