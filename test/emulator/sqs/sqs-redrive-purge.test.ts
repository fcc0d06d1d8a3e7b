/**
 * Two SQS rules AWS enforces and clients meet in everyday use: a RedrivePolicy must name a
 * dead-letter queue that exists, with maxReceiveCount 1 to 1000 (checked when the policy is set),
 * and a queue can be purged once every 60 seconds (PurgeQueueInProgress, 403).
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_PurgeQueue.html
 */
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  PurgeQueueCommand,
  PurgeQueueInProgress,
  SendMessageCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../emulator/index';
import { createContext } from '../../../emulator/protocol/aws-context';
import { SqsProvider } from '../../../emulator/services/sqs/provider';
import { clients, startTestEmulator } from '../helpers/emulator';

describe('SQS redrive policies and purges', () => {
  let emulator: Emulator;
  let sqs: SQSClient;
  let dlqArn: string;
  let n = 0;
  const queue = async (attributes: Record<string, string> = {}) =>
    (await sqs.send(new CreateQueueCommand({ QueueName: `rp${n++}`, Attributes: attributes }))).QueueUrl!;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    sqs = clients(emulator.endpoint).sqs;
    const dlq = await queue();
    dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['QueueArn'] })))
      .Attributes!.QueueArn!;
  });
  afterAll(() => emulator.close());

  it('takes a RedrivePolicy naming an existing queue, on CreateQueue and SetQueueAttributes', async () => {
    const policy = JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1000 });
    const created = await queue({ RedrivePolicy: policy });
    const later = await queue();
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: later, Attributes: { RedrivePolicy: policy } }));
    for (const url of [created, later]) {
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['RedrivePolicy'] }),
      );
      expect(JSON.parse(Attributes!.RedrivePolicy!)).toEqual({
        deadLetterTargetArn: dlqArn,
        maxReceiveCount: 1000,
      });
    }
  });

  it.each([
    [
      { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:missing', maxReceiveCount: 3 },
      /Dead letter target does not exist/,
    ],
    [{ maxReceiveCount: 3 }, /does not contain mandatory attribute: deadLetterTargetArn/],
    [{ deadLetterTargetArn: 'DLQ' }, /does not contain mandatory attribute: maxReceiveCount/],
    [
      { deadLetterTargetArn: 'DLQ', maxReceiveCount: 1001 },
      /maxReceiveCount: 1001, valid values are from 1 to 1000/,
    ],
    [{ deadLetterTargetArn: 'DLQ', maxReceiveCount: 0 }, /maxReceiveCount: 0/],
  ])('refuses RedrivePolicy %j with InvalidParameterValue', async (policy, message) => {
    const value = JSON.stringify(policy).replace('"DLQ"', JSON.stringify(dlqArn));
    const error = { name: 'InvalidParameterValue', message: expect.stringMatching(message) };
    await expect(
      sqs.send(new CreateQueueCommand({ QueueName: `refused${n++}`, Attributes: { RedrivePolicy: value } })),
    ).rejects.toMatchObject(error);
    const url = await queue();
    await expect(
      sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { RedrivePolicy: value } })),
    ).rejects.toMatchObject(error);
    const created = await sqs
      .send(new CreateQueueCommand({ QueueName: `refused${n++}`, Attributes: { RedrivePolicy: value } }))
      .catch((e: Error) => e);
    expect(
      (created as Error).message.startsWith(
        `Value ${value} for parameter RedrivePolicy is invalid. Reason: `,
      ),
    ).toBe(true);
  });

  it('refuses a second PurgeQueue within 60 seconds with PurgeQueueInProgress (403)', async () => {
    const url = await queue();
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'gone' }));
    await sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
    const error = await sqs.send(new PurgeQueueCommand({ QueueUrl: url })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PurgeQueueInProgress);
    expect(error).toMatchObject({
      $metadata: { httpStatusCode: 403 },
      message: expect.stringMatching(/60 seconds/),
    });
    // Another queue is not held up by this one's purge.
    await sqs.send(new PurgeQueueCommand({ QueueUrl: await queue() }));
  });

  it('allows the next purge once 60 seconds have passed', async () => {
    let now = Date.parse('2026-11-30T12:00:00Z');
    const provider = new SqsProvider(createContext(), { now: () => now });
    const { QueueUrl } = await provider.dispatch('CreateQueue', { QueueName: 'clock' });
    await provider.dispatch('PurgeQueue', { QueueUrl });
    now += 59_000;
    await expect(provider.dispatch('PurgeQueue', { QueueUrl })).rejects.toThrow(/try again in 1 s/);
    now += 1_000;
    await provider.dispatch('PurgeQueue', { QueueUrl });
    provider.close();
  });
});
