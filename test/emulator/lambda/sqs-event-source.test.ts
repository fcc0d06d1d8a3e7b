import { afterEach, describe, expect, it } from 'vitest';
import { createContext } from '../../../emulator/protocol/aws-context';
import { LambdaService } from '../../../emulator/services/lambda/lambda-service';
import { SqsProvider } from '../../../emulator/services/sqs/provider';
import { captureLogs, fixtureFunction, runtime, waitFor } from './helpers';

let lambda: LambdaService | undefined;
let sqs: SqsProvider | undefined;
afterEach(async () => {
  sqs?.close();
  await lambda?.close();
});

async function setUp(queueAttributes: Record<string, string> = {}) {
  const context = createContext('eu-west-1');
  sqs = new SqsProvider(context);
  const logs = captureLogs();
  lambda = new LambdaService(runtime, logs.sinks);
  const dlq = (await sqs.dispatch('CreateQueue', { QueueName: 'orders-dlq' })) as { QueueUrl: string };
  const dlqArn = await arnOf(dlq.QueueUrl);
  const queue = (await sqs.dispatch('CreateQueue', {
    QueueName: 'orders',
    Attributes: {
      VisibilityTimeout: '1',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }),
      ...queueAttributes,
    },
  })) as { QueueUrl: string };
  return {
    sqs,
    lambda,
    logs,
    queueUrl: queue.QueueUrl,
    queueArn: await arnOf(queue.QueueUrl),
    dlqUrl: dlq.QueueUrl,
  };
}

async function arnOf(url: string): Promise<string> {
  const result = (await sqs!.dispatch('GetQueueAttributes', {
    QueueUrl: url,
    AttributeNames: ['QueueArn'],
  })) as {
    Attributes: { QueueArn: string };
  };
  return result.Attributes.QueueArn;
}

async function send(queueUrl: string, ...bodies: string[]) {
  for (const body of bodies) await sqs!.dispatch('SendMessage', { QueueUrl: queueUrl, MessageBody: body });
}

async function depth(queueUrl: string): Promise<{ visible: number; inFlight: number }> {
  const result = (await sqs!.dispatch('GetQueueAttributes', {
    QueueUrl: queueUrl,
    AttributeNames: ['All'],
  })) as {
    Attributes: Record<string, string>;
  };
  return {
    visible: Number(result.Attributes.ApproximateNumberOfMessages),
    inFlight: Number(result.Attributes.ApproximateNumberOfMessagesNotVisible),
  };
}

function batches(text: string): string[][] {
  return [...text.matchAll(/\{"batch":(\[[^\]]*\])\}/g)].map((m) => JSON.parse(m[1]) as string[]);
}

describe('SQS event-source mapping', () => {
  it('collects a batch within the batching window and deletes the records that succeeded', async () => {
    const { lambda, sqs, logs, queueUrl, queueArn } = await setUp({ VisibilityTimeout: '30' });
    lambda.createFunction(fixtureFunction('batch'));
    await send(queueUrl, 'a', 'b', 'c');

    lambda.createEventSourceMapping(sqs, {
      functionName: 'hydrant-batch',
      queueArn,
      batchSize: 5,
      maximumBatchingWindowInSeconds: 1,
      maximumConcurrency: 2,
      reportBatchItemFailures: true,
    });
    setTimeout(() => void send(queueUrl, 'd'), 200);

    // The worker's log lines reach us through a pipe, and may trail the deletes they preceded.
    await waitFor(async () => {
      const d = await depth(queueUrl);
      return d.visible === 0 && d.inFlight === 0 && batches(logs.text()).flat().length >= 4;
    });
    expect(batches(logs.text()).flat().sort()).toEqual(['a', 'b', 'c', 'd']);
    const first = batches(logs.text()).find((b) => b.includes('a'));
    expect(first).toEqual(expect.arrayContaining(['a', 'b', 'c']));
  });

  it('keeps only reported failures, which come back after the visibility timeout and redrive to the DLQ', async () => {
    const { lambda, sqs, logs, queueUrl, queueArn, dlqUrl } = await setUp();
    lambda.createFunction(fixtureFunction('batch'));
    await send(queueUrl, 'ok-1', 'fail-1', 'ok-2');

    lambda.createEventSourceMapping(sqs, {
      functionName: 'hydrant-batch',
      queueArn,
      reportBatchItemFailures: true,
    });

    await waitFor(async () => (await depth(dlqUrl)).visible === 1, 15_000);
    expect((await depth(queueUrl)).visible + (await depth(queueUrl)).inFlight).toBe(0);
    const seen = batches(logs.text()).flat();
    expect(seen.filter((b) => b === 'fail-1')).toHaveLength(2);
    expect(seen.filter((b) => b.startsWith('ok'))).toHaveLength(2);
  });

  it('leaves the whole batch in flight when the function fails', async () => {
    const { lambda, sqs, logs, queueUrl, queueArn } = await setUp({ VisibilityTimeout: '30' });
    lambda.createFunction(fixtureFunction('batch'));
    await send(queueUrl, 'crash', 'fine');

    lambda.createEventSourceMapping(sqs, { functionName: 'hydrant-batch', queueArn, batchSize: 10 });

    await waitFor(() => logs.text().includes('failed (hydrant-batch failed: Error: crash)'));
    expect(await depth(queueUrl)).toEqual({ visible: 0, inFlight: 2 });
  });

  it('runs at most maximumConcurrency batches at once', async () => {
    const { lambda, sqs, queueUrl, queueArn } = await setUp();
    const fn = lambda.createFunction(fixtureFunction('slow'));
    for (let i = 0; i < 6; i++)
      await sqs.dispatch('SendMessage', { QueueUrl: queueUrl, MessageBody: `m${i}` });

    let peak = 0;
    const watcher = setInterval(() => (peak = Math.max(peak, fn.inFlight)), 5);
    const mapping = lambda.createEventSourceMapping(sqs, {
      functionName: 'hydrant-slow',
      queueArn,
      batchSize: 1,
      maximumConcurrency: 2,
    });
    await waitFor(async () => {
      const d = await depth(queueUrl);
      return d.visible === 0 && d.inFlight === 0;
    });
    clearInterval(watcher);

    expect(mapping.pollers).toBe(2);
    expect(peak).toBe(2);
  });
});
