/** `hydrant dlq ls|show|redrive|purge`: the dead-letter queues, with why each message is there. */
import { PurgeQueueCommand, type Message } from '@aws-sdk/client-sqs';
import { Command } from 'commander';
import { action, type ContextFactory } from '../context';
import { UsageError } from '../errors';
import { formatAge, table } from '../output';
import { attributeStrings, failureReason, type FailureReason } from '../dlq/failure-reason';
import { peekMessages, queueDepth, sentAt } from '../../ops/dlq/peek';
import { resolveQueue } from '../dlq/resolve-queue';
import { parseCount, parseRate } from './parse';
import { redrive, SOURCE_QUEUES } from './dlq-redrive';

export interface DlqSummary {
  readonly name: string;
  readonly url: string;
  readonly depth: number;
  readonly inFlight: number;
  readonly oldestSentAt?: string;
  readonly oldestAgeSeconds?: number;
}

export interface DlqMessage {
  readonly messageId: string;
  readonly sentAt?: string;
  /** Receives from the DLQ before this peek (earlier peeks count too). */
  readonly receiveCount?: number;
  readonly reason: FailureReason;
  readonly attributes: Record<string, string>;
  readonly body: unknown;
}

export function describeMessage(m: Message): DlqMessage {
  const attributes = attributeStrings(m.MessageAttributes);
  // The peek itself counts as one receive; report the count before it.
  const receiveCount = m.Attributes?.ApproximateReceiveCount
    ? Number(m.Attributes.ApproximateReceiveCount) - 1
    : undefined;
  let body: unknown = m.Body ?? '';
  try {
    body = JSON.parse(m.Body ?? '');
  } catch {
    // Not JSON: shown as text.
  }
  return {
    messageId: m.MessageId!,
    sentAt: sentAt(m) ? new Date(sentAt(m)).toISOString() : undefined,
    receiveCount,
    reason: failureReason(attributes),
    attributes,
    body,
  };
}

export function dlqCommand(makeContext: ContextFactory): Command {
  const dlq = new Command('dlq').description('inspect, redrive and purge the dead-letter queues');

  dlq
    .command('ls')
    .description('every DLQ with its depth and the age of its oldest message')
    .action(
      action(makeContext, async (ctx) => {
        const endpoints = await ctx.endpoints();
        const { sqs } = await ctx.clients();
        const now = Date.now();
        const summaries: DlqSummary[] = await Promise.all(
          Object.entries(endpoints.dlqs).map(async ([name, url]) => {
            const depth = await queueDepth(sqs, url);
            // PARITY: CloudWatch's ApproximateAgeOfOldestMessage is not emulated; the oldest of a
            // peek of up to 10 messages is exact for the emulator and a sample on AWS.
            const oldest =
              depth.visible > 0 ? (await peekMessages(sqs, url, 10, depth.visible))[0] : undefined;
            const sent = oldest ? sentAt(oldest) : 0;
            return {
              name,
              url,
              depth: depth.visible,
              inFlight: depth.inFlight,
              ...(sent
                ? {
                    oldestSentAt: new Date(sent).toISOString(),
                    oldestAgeSeconds: Math.round((now - sent) / 1000),
                  }
                : {}),
            };
          }),
        );
        ctx.output.result({ dlqs: summaries }, (s) =>
          summaries.length === 0
            ? s.dim(`${endpoints.description} lists no DLQs`)
            : table(
                ['DLQ', 'DEPTH', 'IN FLIGHT', 'OLDEST'],
                summaries.map((q) => [
                  q.name,
                  q.depth > 0 ? s.red(String(q.depth)) : s.green('0'),
                  String(q.inFlight),
                  q.oldestAgeSeconds === undefined ? '-' : `${formatAge(q.oldestAgeSeconds * 1000)} ago`,
                ]),
                s,
              ),
        );
      }),
    );

  dlq
    .command('show')
    .description('messages with their failure reasons, left in the queue')
    .argument('<queue>', 'DLQ name (see `hydrant dlq ls`), queue name or URL')
    .option('--limit <n>', 'most messages to show', parseCount, 10)
    .action(
      action(makeContext, async (ctx, name: string, opts: { limit: number }) => {
        const endpoints = await ctx.endpoints();
        const queue = resolveQueue(endpoints.dlqs, name, 'DLQ');
        const { sqs } = await ctx.clients();
        const messages = (await peekMessages(sqs, queue.url, opts.limit)).map(describeMessage);
        ctx.output.result({ queue: queue.name, url: queue.url, messages }, (s) =>
          messages.length === 0
            ? s.green(`${queue.name} is empty`)
            : messages.flatMap((m) => [
                `${s.bold(m.messageId)}  ${s.dim(`sent ${m.sentAt ?? '?'}`)}`,
                `  ${s.red(m.reason.errorType)}: ${m.reason.message}` +
                  (m.reason.attempts === undefined ? '' : s.dim(` (${m.reason.attempts} attempts)`)),
                ...(m.reason.source ? [s.dim(`  from ${m.reason.source}`)] : []),
                `  ${s.dim(oneLine(m.body))}`,
                '',
              ]),
        );
      }),
    );

  dlq
    .command('redrive')
    .description('move the messages back to their source queue (StartMessageMoveTask), with progress')
    .argument('<queue>', 'DLQ name, queue name or URL')
    .option('--rate <n>', 'messages per second, 1-500 (default: as fast as SQS allows)', parseRate)
    .option('--to <queue>', 'destination queue (default: the queue whose redrive policy targets this DLQ)')
    .action(
      action(makeContext, async (ctx, name: string, opts: { rate?: number; to?: string }) => {
        const result = await redrive(ctx, name, opts);
        ctx.output.result(result, (s) =>
          s.green(
            `moved ${result.moved} message(s) from DLQ ${result.queue} to ` +
              (result.destination === SOURCE_QUEUES ? SOURCE_QUEUES : `queue ${result.destination}`),
          ),
        );
      }),
    );

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
        const before = await queueDepth(sqs, queue.url);
        await sqs.send(new PurgeQueueCommand({ QueueUrl: queue.url }));
        ctx.output.result(
          { queue: queue.name, url: queue.url, purged: before.visible + before.inFlight },
          (s) => s.yellow(`purged ${queue.name} (${before.visible + before.inFlight} message(s))`),
        );
      }),
    );

  return dlq;
}

function oneLine(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
