import { describe, expect, it } from 'vitest';
import { createContext } from '../../../emulator/protocol/aws-context';
import { EventsProvider } from '../../../emulator/services/events/provider';
import { SqsProvider } from '../../../emulator/services/sqs/provider';

/** In-process providers on a virtual clock: every backoff sleep advances time instantly. */
function setup() {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const sleeps: number[] = [];
  const context = createContext();
  const sqs = new SqsProvider(context, { now: () => now });
  const events = new EventsProvider(context, {
    queues: sqs,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    log: () => undefined,
  });
  return { sqs, events, sleeps };
}

async function failingTarget(events: EventsProvider, retryPolicy: object) {
  await events.dispatch('PutRule', { Name: 'r', EventPattern: JSON.stringify({ source: ['s'] }) });
  await events.dispatch('PutTargets', {
    Rule: 'r',
    Targets: [
      {
        Id: 'fn',
        Arn: 'arn:aws:lambda:us-east-1:000000000000:function:f',
        RetryPolicy: retryPolicy,
        DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:dlq' },
      },
    ],
  });
}

async function deadLetterAttributes(sqs: SqsProvider) {
  const { QueueUrl } = await sqs.dispatch('GetQueueUrl', { QueueName: 'dlq' });
  const { Messages } = (await sqs.dispatch('ReceiveMessage', {
    QueueUrl,
    MessageAttributeNames: ['All'],
  })) as {
    Messages: { MessageAttributes: Record<string, { StringValue: string }> }[];
  };
  return Object.fromEntries(
    Object.entries(Messages[0]!.MessageAttributes).map(([k, v]) => [k, v.StringValue]),
  );
}

describe('EventBridge target retry policy', () => {
  it('backs off exponentially and gives up at MaximumEventAgeInSeconds', async () => {
    const { sqs, events, sleeps } = setup();
    await sqs.dispatch('CreateQueue', { QueueName: 'dlq' });
    let calls = 0;
    events.setLambdaInvoker({
      invoke: () => {
        calls++;
        return Promise.reject(Object.assign(new Error('throttled'), { errorCode: 'THROTTLING' }));
      },
    });
    await failingTarget(events, { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 60 });
    await events.dispatch('PutEvents', { Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] });
    await events.idle();
    expect(sleeps).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(calls).toBe(6);
    expect(await deadLetterAttributes(sqs)).toMatchObject({
      ERROR_CODE: 'THROTTLING',
      EXHAUSTED_RETRY_CONDITION: 'MaximumEventAgeInSeconds',
      RETRY_ATTEMPTS: '5',
    });
  });

  it('does not retry with MaximumRetryAttempts 0', async () => {
    const { sqs, events, sleeps } = setup();
    await sqs.dispatch('CreateQueue', { QueueName: 'dlq' });
    events.setLambdaInvoker({ invoke: () => Promise.reject(new Error('boom')) });
    await failingTarget(events, { MaximumRetryAttempts: 0 });
    await events.dispatch('PutEvents', { Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] });
    await events.idle();
    expect(sleeps).toEqual([]);
    expect(await deadLetterAttributes(sqs)).toMatchObject({
      EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
      RETRY_ATTEMPTS: '0',
    });
  });

  it('delivers once the function recovers, with nothing in the DLQ', async () => {
    const { sqs, events } = setup();
    await sqs.dispatch('CreateQueue', { QueueName: 'dlq' });
    const payloads: string[] = [];
    events.setLambdaInvoker({
      invoke: async (_arn, payload) => {
        payloads.push(payload);
        if (payloads.length < 3) throw new Error('cold');
      },
    });
    await failingTarget(events, { MaximumRetryAttempts: 5 });
    await events.dispatch('PutEvents', { Entries: [{ Source: 's', DetailType: 'd', Detail: '{"n":1}' }] });
    await events.idle();
    expect(payloads).toHaveLength(3);
    expect(JSON.parse(payloads[2]!).detail).toEqual({ n: 1 });
    const { QueueUrl } = await sqs.dispatch('GetQueueUrl', { QueueName: 'dlq' });
    expect(await sqs.dispatch('ReceiveMessage', { QueueUrl })).toEqual({});
  });

  it('ends pending retries when closed, without dead-lettering them', async () => {
    const context = createContext();
    const sqs = new SqsProvider(context);
    await sqs.dispatch('CreateQueue', { QueueName: 'dlq' });
    const events = new EventsProvider(context, {
      queues: sqs,
      retryBaseDelayMs: 60_000,
      log: () => undefined,
    });
    let calls = 0;
    events.setLambdaInvoker({
      invoke: () => {
        calls++;
        return Promise.reject(new Error('down'));
      },
    });
    await failingTarget(events, { MaximumRetryAttempts: 10 });
    await events.dispatch('PutEvents', { Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] });
    const idle = events.idle();
    await new Promise((resolve) => setTimeout(resolve, 20));
    events.close();
    await idle;
    expect(calls).toBe(1);
    const { QueueUrl } = await sqs.dispatch('GetQueueUrl', { QueueName: 'dlq' });
    expect(await sqs.dispatch('ReceiveMessage', { QueueUrl })).toEqual({});
  });

  it('sends an event the target queue refuses (too large for it) straight to the DLQ, without retries', async () => {
    const { sqs, events, sleeps } = setup();
    await sqs.dispatch('CreateQueue', { QueueName: 'dlq' });
    await sqs.dispatch('CreateQueue', { QueueName: 'small', Attributes: { MaximumMessageSize: '1024' } });
    await events.dispatch('PutRule', { Name: 'r', EventPattern: JSON.stringify({ source: ['s'] }) });
    await events.dispatch('PutTargets', {
      Rule: 'r',
      Targets: [
        {
          Id: 'q',
          Arn: 'arn:aws:sqs:us-east-1:000000000000:small',
          DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:dlq' },
        },
      ],
    });
    const detail = JSON.stringify({ text: 'x'.repeat(2048) });
    await events.dispatch('PutEvents', { Entries: [{ Source: 's', DetailType: 'd', Detail: detail }] });
    await events.idle();
    expect(sleeps).toEqual([]);
    const attributes = await deadLetterAttributes(sqs);
    expect(attributes.ERROR_CODE).toBe('InvalidParameterValue');
    expect(attributes.RETRY_ATTEMPTS).toBe('0');
  });
});
