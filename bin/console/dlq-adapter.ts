/**
 * The DLQ operations the console calls: the same functions as
 * `hydrant dlq ls|show|redrive|purge` (`bin/ops/dlq/`, `bin/cli/dlq/`, `bin/cli/commands/dlq*.ts`);
 * when the DLQ operations move into `bin/ops/dlq/` as plain functions, this file shrinks to imports.
 */
import { PurgeQueueCommand } from '@aws-sdk/client-sqs';
import { describeMessage, type DlqMessage } from '../cli/commands/dlq';
import { redrive, type RedriveResult } from '../cli/commands/dlq-redrive';
import type { CommandContext } from '../cli/context';
import { resolveQueue } from '../cli/dlq/resolve-queue';
import { peekMessages, queueDepth, sentAt } from '../ops/dlq/peek';
import type { OnProgress, OpsTarget } from '../ops/target';

export type { DlqMessage };

export interface DlqOverview {
  readonly name: string;
  readonly url: string;
  readonly depth: number;
  readonly inFlight: number;
  readonly oldestSentAt?: string;
  /** The reason of the newest message peeked. */
  readonly newestReason?: DlqMessage['reason'];
}

export async function listDlqs(target: OpsTarget): Promise<DlqOverview[]> {
  const { sqs } = target.clients;
  return Promise.all(
    Object.entries(target.endpoints.dlqs).map(async ([name, url]) => {
      const depth = await queueDepth(sqs, url);
      const peeked = depth.visible > 0 ? await peekMessages(sqs, url, 10, depth.visible) : [];
      const oldest = peeked[0];
      const newest = peeked.at(-1);
      return {
        name,
        url,
        depth: depth.visible,
        inFlight: depth.inFlight,
        ...(oldest ? { oldestSentAt: new Date(sentAt(oldest)).toISOString() } : {}),
        ...(newest ? { newestReason: describeMessage(newest).reason } : {}),
      };
    }),
  );
}

export async function showDlq(
  target: OpsTarget,
  name: string,
  limit: number,
): Promise<{ name: string; url: string; depth: number; inFlight: number; messages: DlqMessage[] }> {
  const queue = resolveQueue(target.endpoints.dlqs, name, 'DLQ');
  const depth = await queueDepth(target.clients.sqs, queue.url);
  const messages = (await peekMessages(target.clients.sqs, queue.url, limit, depth.visible)).map(
    describeMessage,
  );
  return { name: queue.name, url: queue.url, depth: depth.visible, inFlight: depth.inFlight, messages };
}

export async function redriveDlq(
  target: OpsTarget,
  name: string,
  onProgress: OnProgress,
): Promise<RedriveResult> {
  // The CLI's redrive takes its command context; this one reports progress to the page instead.
  const ctx = {
    endpoints: async () => target.endpoints,
    clients: async () => target.clients,
    io: {},
    output: {
      progress: () => ({ update: onProgress, done: () => undefined }),
    },
  } as unknown as CommandContext;
  return redrive(ctx, name, {});
}

export async function purgeDlq(target: OpsTarget, name: string): Promise<{ name: string; purged: number }> {
  const queue = resolveQueue(target.endpoints.dlqs, name, 'DLQ');
  const before = await queueDepth(target.clients.sqs, queue.url);
  await target.clients.sqs.send(new PurgeQueueCommand({ QueueUrl: queue.url }));
  return { name: queue.name, purged: before.visible + before.inFlight };
}

/** DLQ messages whose body mentions `text` (an order id), a peek of up to `perQueue` per DLQ. */
export async function dlqMessagesMentioning(
  target: OpsTarget,
  text: string,
  perQueue = 10,
): Promise<{ dlq: string; message: DlqMessage }[]> {
  const found: { dlq: string; message: DlqMessage }[] = [];
  for (const [name, url] of Object.entries(target.endpoints.dlqs)) {
    const depth = await queueDepth(target.clients.sqs, url);
    if (depth.visible === 0) continue;
    for (const m of await peekMessages(target.clients.sqs, url, perQueue, depth.visible)) {
      const message = describeMessage(m);
      if (JSON.stringify(message.body).includes(text)) found.push({ dlq: name, message });
    }
  }
  return found;
}
