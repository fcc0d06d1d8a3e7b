/** `showDlq`: up to `limit` messages of a DLQ, explained, left in the queue. */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { describeMessage, type DlqMessage } from './describe';
import { peekMessages } from './peek';

export async function showDlq(sqs: SQSClient, url: string, limit: number): Promise<DlqMessage[]> {
  return (await peekMessages(sqs, url, limit)).map(describeMessage);
}
