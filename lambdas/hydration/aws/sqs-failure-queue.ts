/** `FailureQueue` over SQS: ChangeMessageVisibility for backoff, SendMessage to the DLQ with the reason. */
import { ChangeMessageVisibilityCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { OperationalError } from '../../shared/errors';
import type { DeadLetterAttributes, FailureQueue } from '../ports';

/** SQS message attribute values are limited to 256 KB in total; keep the reason readable and short. */
const MAX_ERROR_MESSAGE = 1_000;

export class SqsFailureQueue implements FailureQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
    private readonly deadLetterQueueUrl: string,
  ) {}

  async delayRetry(receiptHandle: string, seconds: number): Promise<void> {
    try {
      await this.client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: this.queueUrl,
          ReceiptHandle: receiptHandle,
          VisibilityTimeout: seconds,
        }),
      );
    } catch (cause) {
      throw new OperationalError(`ChangeMessageVisibility on ${this.queueUrl} failed`, { cause });
    }
  }

  async deadLetter(body: string, attributes: DeadLetterAttributes): Promise<void> {
    const text = (value: string) => ({ DataType: 'String', StringValue: value });
    try {
      await this.client.send(
        new SendMessageCommand({
          QueueUrl: this.deadLetterQueueUrl,
          MessageBody: body,
          MessageAttributes: {
            errorType: text(attributes.errorType),
            errorMessage: text(attributes.errorMessage.slice(0, MAX_ERROR_MESSAGE)),
            attempts: { DataType: 'Number', StringValue: String(attributes.attempts) },
            firstFailedAt: text(attributes.firstFailedAt),
            lastFailedAt: text(attributes.lastFailedAt),
            sourceQueue: text(attributes.sourceQueue),
          },
        }),
      );
    } catch (cause) {
      throw new OperationalError(`SendMessage to the DLQ ${this.deadLetterQueueUrl} failed`, { cause });
    }
  }
}
