/**
 * DLQ redrive through SQS's own message move task: StartMessageMoveTask, then
 * ListMessageMoveTasks until the task ends, with progress. Ctrl-C cancels the task.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html
 */
import {
  CancelMessageMoveTaskCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  StartMessageMoveTaskCommand,
  type ListMessageMoveTasksResultEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandContext } from '../context';
import { CliError } from '../errors';
import { queueDepth } from '../../ops/dlq/peek';
import { queueNameOf, resolveQueue } from '../dlq/resolve-queue';

const POLL_MS = 250;
/** Tolerated difference between this machine's clock and SQS's when matching a finished task. */
const CLOCK_SLACK_MS = 60_000;

export interface RedriveResult {
  readonly queue: string;
  readonly destination: string;
  readonly status: string;
  readonly moved: number;
  readonly toMove?: number;
}

/** The destination label when SQS moves each message back to the queue it came from. */
export const SOURCE_QUEUES = 'their source queues';

export async function redrive(
  ctx: CommandContext,
  name: string,
  opts: { rate?: number; to?: string },
): Promise<RedriveResult> {
  const endpoints = await ctx.endpoints();
  const queue = resolveQueue(endpoints.dlqs, name, 'DLQ');
  const { sqs } = await ctx.clients();
  const { arn, visible } = await queueDepth(sqs, queue.url);
  const destination = opts.to
    ? await queueArn(sqs, resolveQueue({ ...endpoints.dlqs, ...endpoints.queues }, opts.to, 'queue').url)
    : await sourceQueueOf(sqs, endpoints.queues, arn);
  const destinationLabel = destination
    ? labelOf({ ...endpoints.dlqs, ...endpoints.queues }, destination.split(':').at(-1)!)
    : SOURCE_QUEUES;
  if (visible === 0) {
    return { queue: queue.name, destination: destinationLabel, status: 'COMPLETED', moved: 0, toMove: 0 };
  }
  const startedAt = Date.now();
  const started = await sqs.send(
    new StartMessageMoveTaskCommand({
      SourceArn: arn,
      DestinationArn: destination,
      MaxNumberOfMessagesPerSecond: opts.rate,
    }),
  );
  const progress = ctx.output.progress(`redriving ${queue.name}`);
  let task: ListMessageMoveTasksResultEntry | undefined;
  try {
    for (;;) {
      const list = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arn, MaxResults: 10 }));
      const results = list.Results ?? [];
      // Only a running task lists its handle; once it ends, it is the most recent entry.
      task =
        results.find((t) => t.TaskHandle === started.TaskHandle) ??
        results.find((t) => !t.TaskHandle && (t.StartedTimestamp ?? 0) >= startedAt - CLOCK_SLACK_MS) ??
        task;
      const moved = task?.ApproximateNumberOfMessagesMoved ?? 0;
      progress.update(moved, task?.ApproximateNumberOfMessagesToMove, task?.Status?.toLowerCase() ?? '');
      if (task && task.Status !== 'RUNNING') break;
      if (ctx.io.signal?.aborted) {
        await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: started.TaskHandle }));
        throw new CliError(`Cancelled the redrive of ${queue.name} after ${moved} message(s)`);
      }
      await sleep(POLL_MS, undefined, { signal: ctx.io.signal }).catch(() => undefined);
    }
  } finally {
    progress.done(`redrive of ${queue.name}: ${task?.Status?.toLowerCase() ?? 'unknown'}`);
  }
  const moved = task.ApproximateNumberOfMessagesMoved ?? 0;
  if (task.Status !== 'COMPLETED') {
    throw new CliError(
      `The redrive of ${queue.name} ended ${task.Status} after ${moved} message(s)` +
        (task.FailureReason ? `: ${task.FailureReason}` : ''),
    );
  }
  return {
    queue: queue.name,
    destination: destinationLabel,
    status: task.Status,
    moved,
    toMove: task.ApproximateNumberOfMessagesToMove,
  };
}

async function queueArn(sqs: SQSClient, url: string): Promise<string> {
  return (await queueDepth(sqs, url)).arn;
}

/**
 * The queue whose redrive policy names this DLQ. Passing it explicitly also moves messages that a
 * hydrator sent to the DLQ itself, which SQS could not trace back to a source queue.
 */
async function sourceQueueOf(
  sqs: SQSClient,
  queues: Readonly<Record<string, string>>,
  dlqArn: string,
): Promise<string | undefined> {
  const sources: string[] = [];
  for (const url of Object.values(queues)) {
    const out = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn', 'RedrivePolicy'] }),
    );
    const policy = out.Attributes?.RedrivePolicy;
    if (policy && (JSON.parse(policy) as { deadLetterTargetArn?: string }).deadLetterTargetArn === dlqArn) {
      sources.push(out.Attributes!.QueueArn!);
    }
  }
  return sources.length === 1 ? sources[0] : undefined;
}

/** The name the target lists a queue under, from its SQS name. */
function labelOf(queues: Readonly<Record<string, string>>, sqsName: string): string {
  return Object.entries(queues).find(([, url]) => queueNameOf(url) === sqsName)?.[0] ?? sqsName;
}
