/**
 * The DLQ operations the console calls: the same `bin/ops/dlq/` functions as `hydrant dlq
 * ls|show|redrive|purge`, given the target's queues by the names the CLI uses.
 */
import { resolveQueue } from '../cli/dlq/resolve-queue';
import { describeMessage, type DlqMessage } from '../ops/dlq/describe';
import { listDlqs as listAll, type DlqSummary } from '../ops/dlq/list';
import { peekMessages, queueDepth } from '../ops/dlq/peek';
import { purgeDlq as purge } from '../ops/dlq/purge';
import { redriveDlq as redrive, type RedriveResult } from '../ops/dlq/redrive';
import type { OnProgress, OpsTarget } from '../ops/context';

export type { DlqMessage, DlqSummary, RedriveResult };

export function listDlqs(target: OpsTarget): Promise<DlqSummary[]> {
  return listAll(target.clients.sqs, target.endpoints.dlqs);
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

/** Each message back to where it failed; progress as moved / to move. */
export async function redriveDlq(
  target: OpsTarget,
  name: string,
  onProgress: OnProgress,
): Promise<RedriveResult> {
  const dlq = resolveQueue(target.endpoints.dlqs, name, 'DLQ');
  return redrive(target.clients, {
    dlq,
    queues: target.endpoints.queues,
    onProgress: (p) =>
      p.kind === 'move-task'
        ? onProgress(p.moved, p.toMove, p.status.toLowerCase())
        : onProgress(p.done, p.total),
  });
}

export async function purgeDlq(target: OpsTarget, name: string): Promise<{ name: string; purged: number }> {
  const queue = resolveQueue(target.endpoints.dlqs, name, 'DLQ');
  return { name: queue.name, ...(await purge(target.clients.sqs, queue.url)) };
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
