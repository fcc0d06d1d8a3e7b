/**
 * Redrive of a DLQ fed by EventBridge or Lambda, one message at a time: receive (hidden while it is
 * handled), hand it back by its origin, and delete it only once it was handed back. A message that
 * cannot be handed back stays in the DLQ (visible again at the end) with its outcome reported.
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeMessage } from './describe';
import { handBack, type HandBackClients } from './hand-back';
import { describeRoute } from './route';
import type { FailureOrigin } from './explain';

/** Long enough to hand a batch of 10 back; if the caller dies mid-way, messages reappear after this. */
const HIDE_SECONDS = 120;

export interface MessageOutcome {
  readonly messageId: string;
  readonly origin: FailureOrigin;
  /** Where it went (or would go), in words. */
  readonly route: string;
  readonly outcome: 'redriven' | 'failed' | 'would-redrive' | 'cannot-redrive';
  readonly error?: string;
}

export interface ByOriginOptions {
  readonly url: string;
  /** Visible messages when the redrive started: it handles at most these. */
  readonly total: number;
  /** Messages per second. @default unlimited */
  readonly rate?: number;
  readonly signal?: AbortSignal;
  readonly onMessage?: (outcome: MessageOutcome, done: number, total: number) => void;
}

export async function redriveByOrigin(
  clients: HandBackClients,
  options: ByOriginOptions,
): Promise<MessageOutcome[]> {
  const outcomes: MessageOutcome[] = [];
  const seen = new Set<string>();
  const keep: Message[] = [];
  const started = Date.now();
  try {
    while (seen.size < options.total && !options.signal?.aborted) {
      const out = await clients.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: options.url,
          MaxNumberOfMessages: Math.min(10, options.total - seen.size),
          VisibilityTimeout: HIDE_SECONDS,
          WaitTimeSeconds: 1,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
        }),
      );
      const messages = out.Messages ?? [];
      if (messages.length === 0) break;
      for (const m of messages) {
        if (seen.has(m.MessageId!) || options.signal?.aborted) {
          keep.push(m);
          continue;
        }
        seen.add(m.MessageId!);
        const outcome = await redriveOne(clients, options.url, m);
        if (outcome.outcome !== 'redriven') keep.push(m);
        outcomes.push(outcome);
        options.onMessage?.(outcome, outcomes.length, options.total);
        if (options.rate) {
          const due = started + (outcomes.length / options.rate) * 1000;
          await sleep(Math.max(0, due - Date.now()), undefined, { signal: options.signal }).catch(
            () => undefined,
          );
        }
      }
    }
  } finally {
    await release(clients, options.url, keep);
  }
  return outcomes;
}

async function redriveOne(clients: HandBackClients, url: string, m: Message): Promise<MessageOutcome> {
  const described = describeMessage(m);
  const base = {
    messageId: described.messageId,
    origin: described.reason.origin,
    route: describeRoute(described.redrive),
  };
  if (described.redrive.kind === 'none' || described.redrive.kind === 'source-queue') {
    return {
      ...base,
      outcome: 'cannot-redrive',
      error:
        described.redrive.kind === 'none'
          ? described.redrive.why
          : 'it came through an SQS queue, but no queue names this DLQ in its redrive policy: pass --to <queue>',
    };
  }
  try {
    await handBack(clients, described.redrive);
  } catch (error) {
    return { ...base, outcome: 'failed', error: (error as Error).message };
  }
  // Handed back: only now does it leave the DLQ. A failed delete leaves a duplicate, never a loss.
  try {
    await clients.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
  } catch (error) {
    return {
      ...base,
      outcome: 'failed',
      error: `handed back, but not deleted from the DLQ (it will be redriven twice): ${(error as Error).message}`,
    };
  }
  return { ...base, outcome: 'redriven' };
}

async function release(clients: HandBackClients, url: string, messages: readonly Message[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 10) {
    await clients.sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: url,
        Entries: messages.slice(i, i + 10).map((m, j) => ({
          Id: String(j),
          ReceiptHandle: m.ReceiptHandle!,
          VisibilityTimeout: 0,
        })),
      }),
    );
  }
}
