/** Malformed SQS requests a hand-written client can send: answered 400 with AWS's code, never 500. */
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../emulator/index';
import { clients, startTestEmulator } from '../helpers/emulator';

describe('SQS malformed input', () => {
  let emulator: Emulator;
  let queueUrl: string;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    const { sqs } = clients(emulator.endpoint);
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'malformed' }))).QueueUrl!;
  });
  afterAll(() => emulator.close());

  /** A JSON 1.0 request as the SDK would send it, with `input` as given. */
  const call = async (operation: string, input: object) => {
    const response = await fetch(emulator.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `AmazonSQS.${operation}`,
        authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request',
      },
      body: JSON.stringify(input),
    });
    return { status: response.status, body: (await response.json()) as { __type?: string } };
  };

  it.each([
    ['GetQueueAttributes', () => ({ QueueUrl: queueUrl, AttributeNames: 'All' })],
    ['ReceiveMessage', () => ({ QueueUrl: queueUrl, MessageSystemAttributeNames: { All: true } })],
    ['SendMessageBatch', () => ({ QueueUrl: queueUrl, Entries: [null] })],
    ['DeleteMessageBatch', () => ({ QueueUrl: queueUrl, Entries: [42] })],
  ])('%s with a malformed list is InvalidParameterValue (400)', async (operation, input) => {
    const { status, body } = await call(operation, input());
    expect(status).toBe(400);
    expect(body.__type).toContain('InvalidParameterValue');
  });

  it.each([['a b!'], ['x'.repeat(81)], ['']])(
    'a batch entry Id %j is InvalidBatchEntryId (400)',
    async (id) => {
      const { status, body } = await call('SendMessageBatch', {
        QueueUrl: queueUrl,
        Entries: [{ Id: id, MessageBody: 'x' }],
      });
      expect(status).toBe(400);
      expect(body.__type).toContain('InvalidBatchEntryId');
    },
  );

  it.each([
    ['a Number that is not a number', { n: { DataType: 'Number', StringValue: 'abc' } }],
    ['a Number of 39 significant digits', { n: { DataType: 'Number', StringValue: '1'.repeat(39) } }],
    ['a name with a space', { 'a b': { DataType: 'String', StringValue: 'x' } }],
    ['a name under AWS.', { 'AWS.trace': { DataType: 'String', StringValue: 'x' } }],
    ['a name with a doubled period', { 'a..b': { DataType: 'String', StringValue: 'x' } }],
  ])('a message attribute with %s is InvalidParameterValue (400)', async (_, attributes) => {
    const { status, body } = await call('SendMessage', {
      QueueUrl: queueUrl,
      MessageBody: 'x',
      MessageAttributes: attributes,
    });
    expect(status).toBe(400);
    expect(body.__type).toContain('InvalidParameterValue');
  });

  it('takes Number attributes in any of their written forms', async () => {
    for (const value of ['12', '-0.5', '1.5e3', '+7', '00012.50', '.5']) {
      const { status } = await call('SendMessage', {
        QueueUrl: queueUrl,
        MessageBody: 'x',
        MessageAttributes: { 'n.v-1_x': { DataType: 'Number.float', StringValue: value } },
      });
      expect(status, value).toBe(200);
    }
  });

  it.each([
    ['a .fifo name without FifoQueue=true', { QueueName: 'orders.fifo' }],
    ['FifoQueue=true without a .fifo name', { QueueName: 'orders', Attributes: { FifoQueue: 'true' } }],
  ])('CreateQueue with %s is InvalidParameterValue (400)', async (_, input) => {
    const { status, body } = await call('CreateQueue', input);
    expect(status).toBe(400);
    expect(body.__type).toContain('InvalidParameterValue');
    expect(
      (await call('CreateQueue', { QueueName: 'orders.fifo', Attributes: { FifoQueue: 'true' } })).status,
    ).toBe(200);
  });
});
