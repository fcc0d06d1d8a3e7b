import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createContext } from '../../../emulator/protocol/aws-context';
import { EventsProvider } from '../../../emulator/services/events/provider';
import { ResourceNotFoundException } from '../../../emulator/services/lambda/errors';
import { LambdaService } from '../../../emulator/services/lambda/lambda-service';
import { SqsProvider } from '../../../emulator/services/sqs/provider';
import { StateStore } from '../../../emulator/state/state-store';
import { captureLogs, fixtureFunction, runtime, waitFor } from './helpers';

const ARN = (service: string, resource: string) => `arn:aws:${service}:eu-west-1:000000000000:${resource}`;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A Lambda service whose records go to in-process SQS and EventBridge, with retries 10 ms apart. */
async function setup(options: { store?: StateStore; retryDelaysMs?: number[] } = {}) {
  const context = createContext(runtime.region);
  const sqs = new SqsProvider(context);
  const events = new EventsProvider(context, { queues: sqs, log: () => undefined });
  const logs = captureLogs();
  const lambda = new LambdaService(runtime, logs.sinks, {
    store: options.store,
    queues: sqs,
    events,
    asyncRetryDelaysMs: options.retryDelaysMs ?? [10, 20],
  });
  cleanups.push(async () => {
    await lambda.close();
    events.close();
    sqs.close();
  });
  for (const name of ['failures', 'successes']) await sqs.dispatch('CreateQueue', { QueueName: name });
  return { sqs, events, lambda, logs };
}

async function records(sqs: SqsProvider, queue: string): Promise<Record<string, unknown>[]> {
  const { QueueUrl } = await sqs.dispatch('GetQueueUrl', { QueueName: queue });
  const out = (await sqs.dispatch('ReceiveMessage', {
    QueueUrl,
    MaxNumberOfMessages: 10,
    MessageAttributeNames: ['All'],
  })) as { Messages?: { Body: string; MessageAttributes?: object }[] };
  return (out.Messages ?? []).map((m) => ({ ...JSON.parse(m.Body), attributes: m.MessageAttributes }));
}

const destinations = {
  DestinationConfig: {
    OnFailure: { Destination: ARN('sqs', 'failures') },
    OnSuccess: { Destination: ARN('sqs', 'successes') },
  },
};

describe('Lambda asynchronous invocation', () => {
  it('retries a function error twice, then sends AWS’s RetriesExhausted record to the on-failure queue', async () => {
    const { sqs, lambda } = await setup();
    lambda.createFunction(fixtureFunction('broken'));
    lambda.putEventInvokeConfig('hydrant-broken', destinations);

    const requestId = lambda.invokeAsync('hydrant-broken', '{"id":"o-1"}');
    await lambda.idle();

    const [record, ...more] = await records(sqs, 'failures');
    expect(more).toEqual([]);
    expect(record).toMatchObject({
      version: '1.0',
      requestContext: {
        requestId,
        functionArn: `${ARN('lambda', 'function:hydrant-broken')}:$LATEST`,
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
      },
      requestPayload: { id: 'o-1' },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'PartnerUnavailableError', errorMessage: 'partner said no to o-1' },
      // An on-failure record carries everything in its body, no message attributes.
      attributes: undefined,
    });
    expect(Date.parse(String(record!.timestamp))).not.toBeNaN();
    expect((record!.responsePayload as { trace: string[] }).trace.join('\n')).toContain(
      'PartnerUnavailableError',
    );
    expect(await records(sqs, 'successes')).toEqual([]);
  });

  it('honours MaximumRetryAttempts 0', async () => {
    const { sqs, lambda } = await setup();
    lambda.createFunction(fixtureFunction('broken'));
    lambda.putEventInvokeConfig('hydrant-broken', { ...destinations, MaximumRetryAttempts: 0 });
    lambda.invokeAsync('hydrant-broken', '{"id":"o-2"}');
    await lambda.idle();
    const [record] = await records(sqs, 'failures');
    expect(record!.requestContext).toMatchObject({
      condition: 'RetriesExhausted',
      approximateInvokeCount: 1,
    });
  });

  it('gives up with EventAgeExceeded when the next retry would come after MaximumEventAgeInSeconds', async () => {
    const { sqs, lambda } = await setup({ retryDelaysMs: [61_000] });
    lambda.createFunction(fixtureFunction('broken'));
    lambda.putEventInvokeConfig('hydrant-broken', { ...destinations, MaximumEventAgeInSeconds: 60 });
    lambda.invokeAsync('hydrant-broken', '{"id":"o-3"}');
    await lambda.idle();
    const [record] = await records(sqs, 'failures');
    expect(record!.requestContext).toMatchObject({
      condition: 'EventAgeExceeded',
      approximateInvokeCount: 1,
    });
  });

  it('sends a Success record with the response to the on-success destination', async () => {
    const { sqs, lambda } = await setup();
    lambda.createFunction(fixtureFunction('echo'));
    lambda.putEventInvokeConfig('hydrant-echo', destinations);
    lambda.invokeAsync(ARN('lambda', 'function:hydrant-echo'), '{"n":7}');
    await lambda.idle();
    const [record] = await records(sqs, 'successes');
    expect(record).toMatchObject({
      requestContext: { condition: 'Success', approximateInvokeCount: 1 },
      requestPayload: { n: 7 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      responsePayload: { event: { n: 7 }, functionName: 'hydrant-echo' },
    });
    expect(record!.responseContext).not.toHaveProperty('functionError');
  });

  it('puts the record on an EventBridge bus as a "Lambda Function Invocation Result - Failure" event', async () => {
    const { sqs, events, lambda } = await setup();
    await sqs.dispatch('CreateQueue', { QueueName: 'bus-copy' });
    await events.dispatch('PutRule', {
      Name: 'results',
      EventPattern: JSON.stringify({ source: ['lambda'] }),
    });
    await events.dispatch('PutTargets', {
      Rule: 'results',
      Targets: [{ Id: 'q', Arn: ARN('sqs', 'bus-copy') }],
    });
    lambda.createFunction(fixtureFunction('broken'));
    lambda.putEventInvokeConfig('hydrant-broken', {
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: ARN('events', 'event-bus/default') } },
    });
    lambda.invokeAsync('hydrant-broken', '{"id":"o-4"}');
    await lambda.idle();
    await events.idle();
    const [event] = await records(sqs, 'bus-copy');
    expect(event).toMatchObject({
      source: 'lambda',
      'detail-type': 'Lambda Function Invocation Result - Failure',
      resources: [`${ARN('lambda', 'function:hydrant-broken')}:$LATEST`],
      detail: { requestContext: { condition: 'RetriesExhausted' }, requestPayload: { id: 'o-4' } },
    });
  });

  it('sends events for a function with reserved concurrency 0 to its on-failure destination without running it', async () => {
    const { sqs, lambda } = await setup();
    lambda.createFunction(fixtureFunction('echo', { functionName: 'off', reservedConcurrency: 0 }));
    lambda.putEventInvokeConfig('off', destinations);
    lambda.invokeAsync('off', '{}');
    await lambda.idle();
    const [record] = await records(sqs, 'failures');
    expect(record!.requestContext).toMatchObject({
      condition: 'RetriesExhausted',
      approximateInvokeCount: 0,
    });
    expect(record).not.toHaveProperty('responseContext');
  });

  it('refuses an event for a function that does not exist, and a config outside Lambda’s limits', async () => {
    const { lambda } = await setup();
    expect(() => lambda.invokeAsync('nope', '{}')).toThrow(ResourceNotFoundException);
    lambda.createFunction(fixtureFunction('echo'));
    expect(() =>
      lambda.putEventInvokeConfig('hydrant-echo', { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 30 }),
    ).toThrow(/MaximumRetryAttempts must be 0, 1 or 2.*MaximumEventAgeInSeconds must be 60 to 21600/);
  });

  it('resumes a pending retry after a restart on the same state, counting the attempts made before', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hydrant-lambda-async-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const before = new StateStore(dir);
    const first = await setup({ store: before, retryDelaysMs: [60_000] });
    first.lambda.createFunction(fixtureFunction('broken'));
    first.lambda.putEventInvokeConfig('hydrant-broken', destinations);
    first.lambda.invokeAsync('hydrant-broken', '{"id":"o-5"}');
    await waitFor(() => first.lambda.asyncBacklog()[0]?.invokeCount === 1 || undefined);
    await first.lambda.close();
    await before.close();

    const after = new StateStore(dir);
    cleanups.push(() => after.close());
    const second = await setup({ store: after, retryDelaysMs: [10] });
    second.lambda.createFunction(fixtureFunction('broken'));
    second.lambda.putEventInvokeConfig('hydrant-broken', destinations);
    expect(second.lambda.resumeAsyncInvocations()).toBe(1);
    await second.lambda.idle();

    const [record] = await records(second.sqs, 'failures');
    expect(record).toMatchObject({
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: { id: 'o-5' },
    });
  });

  it('as an EventBridge target: a function error goes to the on-failure destination, a missing function to the target DLQ', async () => {
    const { sqs, events, lambda } = await setup();
    await sqs.dispatch('CreateQueue', { QueueName: 'target-dlq' });
    events.setLambdaInvoker(lambda);
    lambda.createFunction(fixtureFunction('broken'));
    lambda.putEventInvokeConfig('hydrant-broken', destinations);
    await events.dispatch('PutRule', { Name: 'r', EventPattern: JSON.stringify({ source: ['shop'] }) });
    const target = (id: string, fn: string) => ({
      Id: id,
      Arn: ARN('lambda', `function:${fn}`),
      RetryPolicy: { MaximumRetryAttempts: 3 },
      DeadLetterConfig: { Arn: ARN('sqs', 'target-dlq') },
    });
    await events.dispatch('PutTargets', {
      Rule: 'r',
      Targets: [target('fn', 'hydrant-broken'), target('gone', 'gone')],
    });

    await events.dispatch('PutEvents', {
      Entries: [{ Source: 'shop', DetailType: 'Order', Detail: '{"n":1}' }],
    });
    await events.idle();
    await lambda.idle();

    const [record] = await records(sqs, 'failures');
    expect(record).toMatchObject({
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: { source: 'shop', detail: { n: 1 } },
    });
    const deadLetters = await records(sqs, 'target-dlq');
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]!.attributes).toMatchObject({
      ERROR_CODE: { StringValue: 'RESOURCE_NOT_FOUND' },
      TARGET_ARN: { StringValue: ARN('lambda', 'function:gone') },
    });
  });
});
