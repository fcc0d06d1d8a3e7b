/**
 * `redriveDlq`: sends a DLQ's messages back to where they failed. The DLQ of an SQS queue goes
 * through SQS's message move task (or to `to`); a DLQ fed by EventBridge targets or Lambda
 * on-failure destinations is redriven message by message, by origin (redrive-by-origin.ts).
 * Reports progress through a callback and prints nothing.
 */
import { describeMessage } from './describe';
import type { HandBackClients } from './hand-back';
import { redriveByOrigin, type MessageOutcome } from './redrive-by-origin';
import { runMoveTask, sourceQueueOf } from './move-task';
import { peekMessages, queueDepth } from './peek';
import { describeRoute } from './route';

export interface NamedQueue {
  readonly name: string;
  readonly url: string;
}

export type RedriveProgress =
  | { readonly kind: 'move-task'; readonly moved: number; readonly toMove?: number; readonly status: string }
  | {
      readonly kind: 'message';
      readonly outcome: MessageOutcome;
      readonly done: number;
      readonly total: number;
    };

export interface RedriveOptions {
  readonly dlq: NamedQueue;
  /** The target's (non-DLQ) queues by name: where a DLQ's source queue is looked up. */
  readonly queues: Readonly<Record<string, string>>;
  /** Move every message to this queue instead (SQS move task). */
  readonly to?: NamedQueue;
  /** Messages per second. @default as fast as the services allow */
  readonly rate?: number;
  /** Report what would happen; change nothing. */
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: RedriveProgress) => void;
}

export interface RedriveResult {
  readonly queue: string;
  readonly mode: 'move-task' | 'by-origin';
  readonly dryRun: boolean;
  /** Where the messages go: a queue name, or how each message's origin decides. */
  readonly destination: string;
  readonly status: 'COMPLETED' | 'FAILED' | 'DRY_RUN';
  readonly moved: number;
  readonly failed: number;
  readonly toMove?: number;
  /** By origin: one outcome per message handled. */
  readonly messages?: readonly MessageOutcome[];
  /**
   * Messages still in the DLQ when the redrive ended, visible or in flight: those that failed, and
   * those another reader held (a redrive moves only visible messages) or that arrived meanwhile.
   */
  readonly remaining?: number;
}

/** The destination label when SQS moves each message back to the queue it came from. */
export const SOURCE_QUEUES = 'their source queues';
export const BY_ORIGIN = "each message's origin (function, target or bus)";

export async function redriveDlq(clients: HandBackClients, options: RedriveOptions): Promise<RedriveResult> {
  const { sqs } = clients;
  const { dlq } = options;
  const dryRun = options.dryRun === true;
  const { arn, visible } = await queueDepth(sqs, dlq.url);
  const base = { queue: dlq.name, dryRun };

  let destinationArn: string | undefined;
  let destination: string | undefined;
  if (options.to) {
    destinationArn = (await queueDepth(sqs, options.to.url)).arn;
    destination = options.to.name;
  } else {
    const sources = await sourceQueueOf(sqs, Object.values(options.queues), arn);
    if (sources.count === 1) {
      destinationArn = sources.arn;
      destination = labelOf(options.queues, sources.arn.split(':').at(-1)!);
    } else if (sources.count > 1) destination = SOURCE_QUEUES;
  }

  if (destination !== undefined) {
    const moveBase = { ...base, mode: 'move-task' as const, destination, failed: 0 };
    if (dryRun) return { ...moveBase, status: 'DRY_RUN', moved: 0, toMove: visible };
    if (visible === 0)
      return {
        ...moveBase,
        status: 'COMPLETED',
        moved: 0,
        toMove: 0,
        remaining: await remainingIn(sqs, dlq),
      };
    const task = await runMoveTask(sqs, {
      sourceArn: arn,
      destinationArn,
      rate: options.rate,
      signal: options.signal,
      onProgress: (p) => options.onProgress?.({ kind: 'move-task', ...p }),
    });
    return {
      ...moveBase,
      status: 'COMPLETED',
      moved: task.moved,
      toMove: task.toMove,
      remaining: await remainingIn(sqs, dlq),
    };
  }

  const originBase = { ...base, mode: 'by-origin' as const, destination: BY_ORIGIN };
  if (dryRun) {
    const messages = (await peekMessages(sqs, dlq.url, visible, visible)).map((m): MessageOutcome => {
      const d = describeMessage(m);
      const possible = d.redrive.kind !== 'none' && d.redrive.kind !== 'source-queue';
      return {
        messageId: d.messageId,
        origin: d.reason.origin,
        route: describeRoute(d.redrive),
        outcome: possible ? 'would-redrive' : 'cannot-redrive',
      };
    });
    return {
      ...originBase,
      status: 'DRY_RUN',
      moved: 0,
      failed: messages.filter((m) => m.outcome === 'cannot-redrive').length,
      toMove: visible,
      messages,
    };
  }
  const messages = await redriveByOrigin(clients, {
    url: dlq.url,
    total: visible,
    rate: options.rate,
    signal: options.signal,
    onMessage: (outcome, done, total) => options.onProgress?.({ kind: 'message', outcome, done, total }),
  });
  const moved = messages.filter((m) => m.outcome === 'redriven').length;
  return {
    ...originBase,
    status: moved === messages.length && !options.signal?.aborted ? 'COMPLETED' : 'FAILED',
    moved,
    failed: messages.length - moved,
    toMove: visible,
    messages,
    remaining: await remainingIn(sqs, dlq),
  };
}

async function remainingIn(sqs: HandBackClients['sqs'], dlq: NamedQueue): Promise<number> {
  const depth = await queueDepth(sqs, dlq.url);
  return depth.visible + depth.inFlight;
}

/** What to tell the user about messages the redrive left behind that did not fail, if any. */
export function leftBehind(result: RedriveResult): string | undefined {
  const others = (result.remaining ?? 0) - result.failed;
  if (result.dryRun || others <= 0) return undefined;
  return (
    `${others} message(s) are still in ${result.queue}: another reader held them (a redrive moves only ` +
    'visible messages) or they arrived meanwhile; run the redrive again'
  );
}

/** The name the target lists a queue under, from its SQS name. */
function labelOf(queues: Readonly<Record<string, string>>, sqsName: string): string {
  return (
    Object.entries(queues).find(([, url]) => url.slice(url.lastIndexOf('/') + 1) === sqsName)?.[0] ?? sqsName
  );
}
