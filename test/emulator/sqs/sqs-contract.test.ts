import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  InvalidAttributeName,
  ListDeadLetterSourceQueuesCommand,
  ListQueuesCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  QueueNameExists,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../emulator/index';
import { clients, startTestEmulator } from '../helpers/emulator';

describe('SQS over the real SDK', () => {
  let emulator: Emulator;
  let sqs: SQSClient;
  let n = 0;
  const queue = async (attributes: Record<string, string> = {}) =>
    (await sqs.send(new CreateQueueCommand({ QueueName: `q${n++}`, Attributes: attributes }))).QueueUrl!;
  const arnOf = async (url: string) =>
    (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] })))
      .Attributes!.QueueArn!;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    sqs = clients(emulator.endpoint).sqs;
  });
  afterAll(() => emulator.close());

  it('creates queues with AWS-shaped URLs and finds them again', async () => {
    const url = await queue();
    expect(url).toBe(`http://127.0.0.1:${emulator.port}/000000000000/q0`);
    expect((await sqs.send(new GetQueueUrlCommand({ QueueName: 'q0' }))).QueueUrl).toBe(url);
    expect((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'q0' }))).QueueUrls).toEqual([url]);
    expect(await arnOf(url)).toBe('arn:aws:sqs:us-east-1:000000000000:q0');
  });

  it('raises QueueDoesNotExist and QueueNameExists as the SDK error classes', async () => {
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: 'missing' }))).rejects.toBeInstanceOf(
      QueueDoesNotExist,
    );
    const url = await queue({ VisibilityTimeout: '10' });
    const name = url.split('/').pop()!;
    await expect(
      sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '20' } })),
    ).rejects.toBeInstanceOf(QueueNameExists);
    await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' })),
    ).rejects.toBeInstanceOf(QueueDoesNotExist);
  });

  it('round-trips bodies and message attributes with digests the SDK verifies', async () => {
    const url = await queue();
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'héllo ✓',
        MessageAttributes: {
          kind: { DataType: 'String', StringValue: 'order' },
          count: { DataType: 'Number', StringValue: '3' },
          blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) },
        },
      }),
    );
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    const message = received.Messages![0]!;
    expect(message.MessageId).toBe(sent.MessageId);
    expect(message.Body).toBe('héllo ✓');
    expect(message.MessageAttributes!.kind!.StringValue).toBe('order');
    expect(message.MessageAttributes!.blob!.BinaryValue).toEqual(new Uint8Array([1, 2, 3]));
    expect(message.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(message.Attributes!.ApproximateReceiveCount).toBe('1');
    expect(Number(message.Attributes!.SentTimestamp)).toBeGreaterThan(0);
    expect(Number(message.Attributes!.ApproximateFirstReceiveTimestamp)).toBeGreaterThan(0);
  });

  it('hides received messages for the visibility timeout and shows them again when it is reset', async () => {
    const url = await queue();
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'a' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 30 }));
    expect(await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).not.toHaveProperty('Messages');
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: first.Messages![0]!.ReceiptHandle!,
        VisibilityTimeout: 0,
      }),
    );
    const again = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['All'] }),
    );
    expect(again.Messages![0]!.Attributes!.ApproximateReceiveCount).toBe('2');
    await sqs.send(
      new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: again.Messages![0]!.ReceiptHandle! }),
    );
    await sqs
      .send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: url,
          ReceiptHandle: again.Messages![0]!.ReceiptHandle!,
          VisibilityTimeout: 0,
        }),
      )
      .catch(() => undefined);
    expect(await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).not.toHaveProperty('Messages');
  });

  it('long-polls until a message arrives', async () => {
    const url = await queue();
    const started = Date.now();
    const pending = sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 10 }));
    setTimeout(() => void sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'late' })), 150);
    const result = await pending;
    expect(result.Messages![0]!.Body).toBe('late');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('delays messages by DelaySeconds', async () => {
    const url = await queue();
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'later', DelaySeconds: 1 }));
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
    );
    expect(attributes.Attributes!.ApproximateNumberOfMessagesDelayed).toBe('1');
    const result = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 3 }));
    expect(result.Messages![0]!.Body).toBe('later');
  });

  it('sends and deletes in batches, reporting failures per entry', async () => {
    const url = await queue();
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: 'one' },
          { Id: 'b', MessageBody: 'two' },
          { Id: 'c', MessageBody: 'three', DelaySeconds: 9999 },
        ],
      }),
    );
    expect(sent.Successful!.map((s) => s.Id)).toEqual(['a', 'b']);
    expect(sent.Failed).toEqual([
      expect.objectContaining({ Id: 'c', SenderFault: true, Code: 'InvalidParameterValue' }),
    ]);
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(received.Messages!.map((m) => m.Body)).toEqual(['one', 'two']);
    const deleted = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: received.Messages!.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
    expect(deleted.Successful).toHaveLength(2);
  });

  it('moves a message to the dead-letter queue after maxReceiveCount receives, keeping its attributes', async () => {
    const dlq = await queue();
    const source = await queue({
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await arnOf(dlq), maxReceiveCount: 2 }),
    });
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: source,
        MessageBody: 'poison',
        MessageAttributes: { reason: { DataType: 'String', StringValue: 'bad' } },
      }),
    );
    for (let i = 0; i < 2; i++) {
      const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl: source }));
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: source,
          ReceiptHandle: r.Messages![0]!.ReceiptHandle!,
          VisibilityTimeout: 0,
        }),
      );
    }
    expect(await sqs.send(new ReceiveMessageCommand({ QueueUrl: source }))).not.toHaveProperty('Messages');
    const dead = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlq,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    expect(dead.Messages![0]!.Body).toBe('poison');
    expect(dead.Messages![0]!.MessageAttributes!.reason!.StringValue).toBe('bad');
    expect(dead.Messages![0]!.Attributes!.DeadLetterQueueSourceArn).toBe(await arnOf(source));
    expect((await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }))).queueUrls).toEqual([
      source,
    ]);
  });

  it('purges queues and updates attributes', async () => {
    const url = await queue();
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    await sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: '5' } }));
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
    );
    expect(attributes.Attributes).toMatchObject({ VisibilityTimeout: '5', ApproximateNumberOfMessages: '0' });
    await expect(
      sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['NoSuchAttribute' as never] }),
      ),
    ).rejects.toBeInstanceOf(InvalidAttributeName);
  });
});
