/**
 * Reads messages without consuming them: receive with a short visibility timeout, then make every
 * received message visible again at once (ChangeMessageVisibility 0). Hiding them while reading
 * lets a page of more than 10 be read without seeing the same message twice. The only trace is
 * ApproximateReceiveCount going up by one, which DLQs (no redrive policy of their own) ignore.
 */
import {
  ChangeMessageVisibilityBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** Long enough for a page of reads; if the CLI dies mid-way, messages reappear after this. */
const HIDE_SECONDS = 30;

export interface QueueDepth {
  readonly arn: string;
  readonly visible: number;
  readonly inFlight: number;
}

export async function queueDepth(sqs: SQSClient, url: string): Promise<QueueDepth> {
  const out = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ['QueueArn', 'ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  const a = out.Attributes ?? {};
  return {
    arn: a.QueueArn ?? '',
    visible: Number(a.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(a.ApproximateNumberOfMessagesNotVisible ?? 0),
  };
}

/** Up to `limit` messages with all their attributes, left visible afterwards. */
export async function peekMessages(
  sqs: SQSClient,
  url: string,
  limit: number,
  visible?: number,
): Promise<Message[]> {
  const expected = visible ?? (await queueDepth(sqs, url)).visible;
  const wanted = Math.min(limit, expected);
  const seen = new Map<string, Message>();
  try {
    while (seen.size < wanted) {
      const out = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: Math.min(10, wanted - seen.size),
          VisibilityTimeout: HIDE_SECONDS,
          // Long polling asks every SQS server, so a small queue is not missed by sampling.
          WaitTimeSeconds: 1,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      const messages = out.Messages ?? [];
      if (messages.length === 0) break;
      for (const m of messages) seen.set(m.MessageId!, m);
    }
  } finally {
    await release(sqs, url, [...seen.values()]);
  }
  return [...seen.values()].sort((a, b) => sentAt(a) - sentAt(b));
}

export function sentAt(message: Message): number {
  return Number(message.Attributes?.SentTimestamp ?? 0);
}

async function release(sqs: SQSClient, url: string, messages: readonly Message[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 10) {
    await sqs.send(
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
