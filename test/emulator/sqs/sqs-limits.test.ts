/**
 * SQS message-size limits: 1 MiB per message (body plus attributes) by default, the queue's
 * MaximumMessageSize (1 KiB to 1 MiB) when set lower, and 1 MiB for a batch's messages together.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html
 */
import {
  BatchRequestTooLong,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../emulator/index';
import { clients, startTestEmulator } from '../helpers/emulator';

const MiB = 1_048_576;

describe('SQS message-size limits', () => {
  let emulator: Emulator;
  let sqs: SQSClient;
  let n = 0;
  const queue = async (attributes: Record<string, string> = {}) =>
    (await sqs.send(new CreateQueueCommand({ QueueName: `limits${n++}`, Attributes: attributes }))).QueueUrl!;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    sqs = clients(emulator.endpoint).sqs;
  });
  afterAll(() => emulator.close());

  it('defaults MaximumMessageSize to 1 MiB and takes a message of exactly 1 MiB', async () => {
    const url = await queue();
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['MaximumMessageSize'] }),
    );
    expect(attributes.Attributes!.MaximumMessageSize).toBe(String(MiB));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x'.repeat(MiB) }));
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    expect(received.Messages![0]!.Body).toHaveLength(MiB);
  });

  it.each([
    { name: 'a body one byte over 1 MiB', body: 'x'.repeat(MiB + 1), attributes: undefined },
    {
      name: 'a body that fits only without its attributes',
      body: 'x'.repeat(MiB - 10),
      attributes: { tag: { DataType: 'String', StringValue: 'abc' } },
    },
    {
      name: 'multi-byte characters counted as UTF-8 bytes',
      body: 'é'.repeat(MiB / 2 + 1),
      attributes: undefined,
    },
  ])('rejects $name with InvalidParameterValue', async ({ body, attributes }) => {
    const url = await queue();
    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageAttributes: attributes })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: `One or more parameters are invalid. Reason: Message must be shorter than ${MiB} bytes.`,
      $metadata: { httpStatusCode: 400 },
    });
  });

  it("holds messages to the queue's own MaximumMessageSize", async () => {
    const url = await queue({ MaximumMessageSize: '1024' });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x'.repeat(1024) }));
    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x'.repeat(1025) })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringContaining('1024 bytes'),
    });
  });

  it.each(['1023', String(MiB + 1), 'big'])(
    'refuses MaximumMessageSize %s with InvalidAttributeValue',
    async (value) => {
      const url = await queue();
      await expect(
        sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { MaximumMessageSize: value } })),
      ).rejects.toMatchObject({ name: 'InvalidAttributeValue' });
    },
  );

  it('fails a batch whose messages together exceed 1 MiB with BatchRequestTooLong, sending none', async () => {
    const url = await queue();
    const half = 'x'.repeat(MiB / 2);
    await expect(
      sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: url,
          Entries: [
            { Id: 'a', MessageBody: half },
            { Id: 'b', MessageBody: `${half}!` },
          ],
        }),
      ),
    ).rejects.toBeInstanceOf(BatchRequestTooLong);
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    expect(attributes.Attributes!.ApproximateNumberOfMessages).toBe('0');
  });

  it("reports an entry over the queue's limit as Failed while the others are sent", async () => {
    const url = await queue({ MaximumMessageSize: '1024' });
    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'small', MessageBody: 'ok' },
          { Id: 'large', MessageBody: 'x'.repeat(2000) },
        ],
      }),
    );
    expect(result.Successful!.map((e) => e.Id)).toEqual(['small']);
    expect(result.Failed).toEqual([
      expect.objectContaining({ Id: 'large', Code: 'InvalidParameterValue', SenderFault: true }),
    ]);
  });

  it('checks the dispatch types at compile time (typed in-process calls)', async () => {
    const url = await queue();
    const sent = await emulator.services.sqs.dispatch('SendMessage', { QueueUrl: url, MessageBody: 'typed' });
    expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    const typo = emulator.services.sqs.dispatch('SendMessage', {
      QueueUrl: url,
      // @ts-expect-error MessageBody is the field; a typo does not compile.
      Body: 'x',
    });
    await expect(typo).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });
});
