/**
 * Redrive of the DLQ of an SQS queue through SQS's own message move task: StartMessageMoveTask,
 * then ListMessageMoveTasks until the task ends. Cancelling (the signal) cancels the task.
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
import { RedriveFailedError } from './errors';

const POLL_MS = 250;
/** Tolerated difference between this machine's clock and SQS's when matching a finished task. */
const CLOCK_SLACK_MS = 60_000;

export interface MoveTaskProgress {
  readonly moved: number;
  readonly toMove?: number;
  readonly status: string;
}

export interface MoveTaskResult {
  readonly status: string;
  readonly moved: number;
  readonly toMove?: number;
}

export async function runMoveTask(
  sqs: SQSClient,
  options: {
    readonly sourceArn: string;
    readonly destinationArn?: string;
    readonly rate?: number;
    readonly signal?: AbortSignal;
    readonly onProgress?: (p: MoveTaskProgress) => void;
  },
): Promise<MoveTaskResult> {
  const startedAt = Date.now();
  const started = await sqs.send(
    new StartMessageMoveTaskCommand({
      SourceArn: options.sourceArn,
      DestinationArn: options.destinationArn,
      MaxNumberOfMessagesPerSecond: options.rate,
    }),
  );
  let task: ListMessageMoveTasksResultEntry | undefined;
  for (;;) {
    const list = await sqs.send(
      new ListMessageMoveTasksCommand({ SourceArn: options.sourceArn, MaxResults: 10 }),
    );
    const results = list.Results ?? [];
    // Only a running task lists its handle; once it ends, it is the most recent entry.
    task =
      results.find((t) => t.TaskHandle === started.TaskHandle) ??
      results.find((t) => !t.TaskHandle && (t.StartedTimestamp ?? 0) >= startedAt - CLOCK_SLACK_MS) ??
      task;
    const moved = task?.ApproximateNumberOfMessagesMoved ?? 0;
    options.onProgress?.({
      moved,
      toMove: task?.ApproximateNumberOfMessagesToMove,
      status: task?.Status ?? 'RUNNING',
    });
    if (task && task.Status !== 'RUNNING') break;
    if (options.signal?.aborted) {
      await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: started.TaskHandle }));
      throw new RedriveFailedError(`Cancelled after ${moved} message(s)`);
    }
    await sleep(POLL_MS, undefined, { signal: options.signal }).catch(() => undefined);
  }
  const moved = task.ApproximateNumberOfMessagesMoved ?? 0;
  if (task.Status !== 'COMPLETED') {
    throw new RedriveFailedError(
      `The move task ended ${task.Status} after ${moved} message(s)` +
        (task.FailureReason ? `: ${task.FailureReason}` : ''),
    );
  }
  return { status: task.Status, moved, toMove: task.ApproximateNumberOfMessagesToMove };
}

/**
 * The queue whose redrive policy names this DLQ, if exactly one does. Passing it explicitly also
 * moves messages a hydrator sent to the DLQ itself, which SQS could not trace to a source queue.
 */
export async function sourceQueueOf(
  sqs: SQSClient,
  queueUrls: readonly string[],
  dlqArn: string,
): Promise<{ readonly arn: string; readonly count: number }> {
  const sources: string[] = [];
  for (const url of queueUrls) {
    const out = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn', 'RedrivePolicy'] }),
    );
    const policy = out.Attributes?.RedrivePolicy;
    if (policy && (JSON.parse(policy) as { deadLetterTargetArn?: string }).deadLetterTargetArn === dlqArn) {
      sources.push(out.Attributes!.QueueArn!);
    }
  }
  return { arn: sources[0] ?? '', count: sources.length };
}
