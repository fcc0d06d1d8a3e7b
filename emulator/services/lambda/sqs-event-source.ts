/**
 * An SQS event-source mapping: pollers that receive batches (batch size, batching window), invoke
 * the function with at most `maximumConcurrency` batches at once, and delete what succeeded.
 * With ReportBatchItemFailures only the reported records stay; on a function error the whole batch
 * stays. Records that stay become visible again after the queue's visibility timeout, and the
 * queue's redrive policy counts their receives.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 */
import type { Dispatcher } from '../../protocol/json-provider';
import type { SqsOperations } from '../sqs/operations';
import type { LambdaFunction } from './lambda-function';

/** The SQS provider, as an event source calls it in-process. */
export type SqsDispatcher = Dispatcher<SqsOperations>;

export interface EventSourceMappingConfig {
  readonly functionName: string;
  readonly queueArn: string;
  /** @default 10 */
  readonly batchSize?: number;
  /** @default 0 */
  readonly maximumBatchingWindowInSeconds?: number;
  /** @default - the function's concurrency */
  readonly maximumConcurrency?: number;
  /** `FunctionResponseTypes` includes `ReportBatchItemFailures`. @default false */
  readonly reportBatchItemFailures?: boolean;
  /** @default true */
  readonly enabled?: boolean;
}

interface SqsMessage {
  MessageId: string;
  ReceiptHandle: string;
  Body: string;
  MD5OfBody?: string;
  Attributes?: Record<string, string>;
  MessageAttributes?: Record<
    string,
    {
      StringValue?: string;
      BinaryValue?: string;
      DataType: string;
      StringListValues?: string[];
      BinaryListValues?: string[];
    }
  >;
}

/** Idle pollers long-poll for this long, so stopping takes at most this long. */
const IDLE_WAIT_SECONDS = 1;

export class SqsEventSource {
  private running = false;
  private queueUrl?: string;
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly sqs: SqsDispatcher,
    private readonly fn: LambdaFunction,
    readonly config: EventSourceMappingConfig,
    private readonly region: string,
    private readonly log: (line: string) => void,
  ) {}

  get pollers(): number {
    return Math.max(1, Math.min(this.config.maximumConcurrency ?? this.fn.concurrency, this.fn.concurrency));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (let i = 0; i < this.pollers; i++) this.loops.push(this.poll());
  }

  /** Stops polling and waits for the batches in progress to finish. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops.splice(0));
  }

  private async poll(): Promise<void> {
    while (this.running) {
      try {
        const batch = await this.collectBatch();
        if (batch.length > 0) await this.process(batch);
      } catch (error) {
        if (!this.running) return;
        this.log(`SQS poller for ${this.config.queueArn}: ${String(error)}`);
        await sleep(1000);
      }
    }
  }

  private async collectBatch(): Promise<SqsMessage[]> {
    const batchSize = this.config.batchSize ?? 10;
    const started = Date.now();
    const messages = await this.receive(Math.min(10, batchSize), IDLE_WAIT_SECONDS);
    if (messages.length === 0) {
      // A provider that answers an empty long poll at once must not make the poller spin.
      if (Date.now() - started < 50) await sleep(100);
      return messages;
    }
    const deadline = started + (this.config.maximumBatchingWindowInSeconds ?? 0) * 1000;
    while (this.running && messages.length < batchSize && Date.now() < deadline) {
      const more = await this.receive(Math.min(10, batchSize - messages.length), 0);
      if (more.length === 0) await sleep(Math.min(50, deadline - Date.now()));
      messages.push(...more);
    }
    return messages;
  }

  private async receive(max: number, waitSeconds: number): Promise<SqsMessage[]> {
    const result = (await this.sqs.dispatch('ReceiveMessage', {
      QueueUrl: await this.url(),
      MaxNumberOfMessages: max,
      WaitTimeSeconds: waitSeconds,
      AttributeNames: ['All'],
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    })) as { Messages?: SqsMessage[] };
    return result.Messages ?? [];
  }

  private async process(messages: SqsMessage[]): Promise<void> {
    const event = { Records: messages.map((m) => this.toRecord(m)) };
    let result: string | null;
    try {
      result = await this.fn.invoke(JSON.stringify(event));
    } catch (error) {
      this.log(
        `batch of ${messages.length} failed (${(error as Error).message}); ` +
          'its messages return to the queue after the visibility timeout',
      );
      return;
    }
    const failed = this.failedIds(messages, result);
    if (failed === 'all') return;
    await this.delete(messages.filter((m) => !failed.has(m.MessageId)));
  }

  /** Message ids the function reported as failed; 'all' when the response is not a valid report. */
  private failedIds(messages: SqsMessage[], result: string | null): Set<string> | 'all' {
    if (!this.config.reportBatchItemFailures || result === null) return new Set();
    let response: unknown;
    try {
      response = JSON.parse(result);
    } catch {
      return new Set();
    }
    const failures = (response as { batchItemFailures?: unknown } | null)?.batchItemFailures;
    if (failures === undefined || failures === null) return new Set();
    if (!Array.isArray(failures)) return 'all';
    const ids = new Set(messages.map((m) => m.MessageId));
    const failed = new Set<string>();
    for (const failure of failures) {
      const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
      // Lambda treats an empty or unknown itemIdentifier as a failure of the whole batch.
      if (typeof id !== 'string' || !ids.has(id)) return 'all';
      failed.add(id);
    }
    return failed;
  }

  private async delete(messages: SqsMessage[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 10) {
      await this.sqs.dispatch('DeleteMessageBatch', {
        QueueUrl: await this.url(),
        Entries: messages.slice(i, i + 10).map((m, n) => ({ Id: String(n), ReceiptHandle: m.ReceiptHandle })),
      });
    }
  }

  private async url(): Promise<string> {
    if (!this.queueUrl) {
      const [, , , , account, name] = this.config.queueArn.split(':');
      const result = (await this.sqs.dispatch('GetQueueUrl', {
        QueueName: name,
        QueueOwnerAWSAccountId: account,
      })) as { QueueUrl: string };
      this.queueUrl = result.QueueUrl;
    }
    return this.queueUrl;
  }

  private toRecord(m: SqsMessage) {
    return {
      messageId: m.MessageId,
      receiptHandle: m.ReceiptHandle,
      body: m.Body,
      attributes: m.Attributes ?? {},
      messageAttributes: Object.fromEntries(
        Object.entries(m.MessageAttributes ?? {}).map(([name, a]) => [
          name,
          {
            stringValue: a.StringValue,
            binaryValue: a.BinaryValue,
            stringListValues: a.StringListValues ?? [],
            binaryListValues: a.BinaryListValues ?? [],
            dataType: a.DataType,
          },
        ]),
      ),
      md5OfBody: m.MD5OfBody,
      eventSource: 'aws:sqs',
      eventSourceARN: this.config.queueArn,
      awsRegion: this.region,
    };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
