import {
  CancelMessageMoveTaskCommand,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../emulator/index';
import { clients, startTestEmulator } from '../helpers/emulator';

describe('SQS message move tasks', () => {
  let emulator: Emulator;
  let sqs: SQSClient;
  let n = 0;

  const arn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
  const count = async (url: string) =>
    Number(
      (
        await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
        )
      ).Attributes!.ApproximateNumberOfMessages,
    );
  /** A source queue whose messages all died into its DLQ. */
  async function deadLettered(messages: number) {
    const id = n++;
    const dlq = (await sqs.send(new CreateQueueCommand({ QueueName: `mt-dlq-${id}` }))).QueueUrl!;
    const source = (
      await sqs.send(
        new CreateQueueCommand({
          QueueName: `mt-src-${id}`,
          Attributes: {
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn(`mt-dlq-${id}`), maxReceiveCount: 1 }),
          },
        }),
      )
    ).QueueUrl!;
    for (let i = 0; i < messages; i++) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: source,
          MessageBody: `m${i}`,
          MessageAttributes: { i: { DataType: 'Number', StringValue: String(i) } },
        }),
      );
    }
    for (let i = 0; i < messages; i++)
      await sqs.send(new ReceiveMessageCommand({ QueueUrl: source, VisibilityTimeout: 0 }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: source, MaxNumberOfMessages: 10 }));
    expect(await count(dlq)).toBe(messages);
    return { id, dlq, source };
  }

  beforeAll(async () => {
    emulator = await startTestEmulator();
    sqs = clients(emulator.endpoint).sqs;
  });
  afterAll(() => emulator.close());

  it('moves dead letters back to their source queue when no destination is given', async () => {
    const { id, dlq, source } = await deadLettered(3);
    const { TaskHandle } = await sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: arn(`mt-dlq-${id}`) }),
    );
    expect(TaskHandle).toBeTruthy();
    await expect
      .poll(
        async () =>
          (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arn(`mt-dlq-${id}`) }))).Results![0]!
            .Status,
      )
      .toBe('COMPLETED');
    const [task] = (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arn(`mt-dlq-${id}`) })))
      .Results!;
    expect(task).toMatchObject({ ApproximateNumberOfMessagesMoved: 3, ApproximateNumberOfMessagesToMove: 3 });
    expect(await count(dlq)).toBe(0);
    const back = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: source,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
      }),
    );
    expect(back.Messages!.map((m) => m.Body).sort()).toEqual(['m0', 'm1', 'm2']);
    expect(back.Messages![0]!.MessageAttributes!.i).toBeDefined();
  });

  it('moves to an explicit destination', async () => {
    const { id } = await deadLettered(2);
    const target = (await sqs.send(new CreateQueueCommand({ QueueName: `mt-target-${id}` }))).QueueUrl!;
    await sqs.send(
      new StartMessageMoveTaskCommand({
        SourceArn: arn(`mt-dlq-${id}`),
        DestinationArn: arn(`mt-target-${id}`),
      }),
    );
    await expect.poll(() => count(target)).toBe(2);
  });

  it('cancels a running task', async () => {
    const { id, dlq } = await deadLettered(5);
    const { TaskHandle } = await sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: arn(`mt-dlq-${id}`), MaxNumberOfMessagesPerSecond: 1 }),
    );
    const cancelled = await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
    expect(cancelled.ApproximateNumberOfMessagesMoved).toBeLessThan(5);
    const [task] = (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arn(`mt-dlq-${id}`) })))
      .Results!;
    expect(task!.Status).toBe('CANCELLED');
    expect(await count(dlq)).toBeGreaterThan(0);
    await expect(sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('refuses a source queue that is no dead-letter queue', async () => {
    await sqs.send(new CreateQueueCommand({ QueueName: 'mt-plain' }));
    await expect(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arn('mt-plain') }))).rejects.toThrow(
      /not the dead-letter queue/,
    );
  });
});
