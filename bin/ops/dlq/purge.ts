/** `purgeDlq`: deletes every message of a DLQ (the caller asks for confirmation). */
import { PurgeQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { queueDepth } from './peek';

export async function purgeDlq(sqs: SQSClient, url: string): Promise<{ readonly purged: number }> {
  const before = await queueDepth(sqs, url);
  await sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
  return { purged: before.visible + before.inFlight };
}
