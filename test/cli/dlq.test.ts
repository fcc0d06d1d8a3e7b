import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DlqMessage, DlqSummary } from '../../bin/cli/commands/dlq';
import { startLocalHydrant, type LocalHydrant } from './helpers';

let local: LocalHydrant;

async function depth(sqs: SQSClient, url: string): Promise<number> {
  const out = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(out.Attributes!.ApproximateNumberOfMessages);
}

beforeAll(async () => {
  local = await startLocalHydrant();
  // As a hydrator does after its last attempt: the original body, the reason in attributes.
  await local.sqs.send(
    new SendMessageCommand({
      QueueUrl: local.dlqs['order-hydration'],
      MessageBody: JSON.stringify({ id: 'evt-1', detail: { eventType: 'ORDER_PLACED' } }),
      MessageAttributes: {
        errorType: { DataType: 'String', StringValue: 'PartnerNotFound' },
        errorMessage: { DataType: 'String', StringValue: 'order o-1 not found after 5 attempts' },
        attempts: { DataType: 'Number', StringValue: '5' },
        sourceQueue: { DataType: 'String', StringValue: 'order-hydration-queue' },
      },
    }),
  );
  // A consumer that failed on every receive: the queue's redrive policy (maxReceiveCount 1) moves it.
  const source = local.queues['order-hydration']!;
  await local.sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: '{"id":"evt-2"}' }));
  await local.sqs.send(new ReceiveMessageCommand({ QueueUrl: source, VisibilityTimeout: 0 }));
  await local.sqs.send(new ReceiveMessageCommand({ QueueUrl: source, VisibilityTimeout: 0 }));
});

afterAll(() => local?.close());

describe('hydrant dlq', () => {
  it('lists every DLQ with its depth and oldest message age', async () => {
    const run = await local.run(['dlq', 'ls', '--json']);

    expect(run.code).toBe(0);
    const { dlqs } = run.json<{ dlqs: DlqSummary[] }>();
    const order = dlqs.find((q) => q.name === 'order-hydration')!;
    expect(order).toMatchObject({ depth: 2, inFlight: 0, url: local.dlqs['order-hydration'] });
    // The newest message was moved by the redrive policy, not sent by a hydrator.
    expect(order.newestReason).toMatchObject({
      origin: 'redrive-policy',
      errorType: 'MaxReceiveCountExceeded',
    });
    expect(order.oldestAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(Date.now() - Date.parse(order.oldestSentAt!)).toBeLessThan(60_000);
    const item = dlqs.find((q) => q.name === 'item-hydration')!;
    expect(item.depth).toBe(0);
    expect(item.oldestAgeSeconds).toBeUndefined();
  });

  it('shows messages with their failure reasons and leaves them in the queue', async () => {
    const run = await local.run(['dlq', 'show', 'order-hydration', '--json']);

    expect(run.code).toBe(0);
    const { messages } = run.json<{ messages: DlqMessage[] }>();
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatchObject({
      body: { id: 'evt-1' },
      reason: {
        origin: 'hydrator',
        errorType: 'PartnerNotFound',
        attempts: 5,
        source: 'order-hydration-queue',
      },
    });
    expect(messages[1]).toMatchObject({ body: { id: 'evt-2' }, reason: { origin: 'redrive-policy' } });
    expect(await depth(local.sqs, local.dlqs['order-hydration']!)).toBe(2);
  });

  it('limits what it shows and prints reasons as text', async () => {
    const run = await local.run(['dlq', 'show', 'order-hydration-dlq', '--limit', '1']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('PartnerNotFound: order o-1 not found after 5 attempts (5 attempts)');
    expect(run.stdout).not.toContain('evt-2');
  });

  it('exits 4 for an unknown DLQ and 2 for a bad --limit', async () => {
    const unknown = await local.run(['dlq', 'show', 'nope']);
    const badLimit = await local.run(['dlq', 'show', 'order-hydration', '--limit', '0']);

    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain('known DLQs are order-hydration, item-hydration');
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toContain('must be a whole number of 1 or more');
  });

  it('redrives to the source queue with progress until done', async () => {
    const run = await local.run(['dlq', 'redrive', 'order-hydration', '--rate', '50', '--json']);

    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual({
      queue: 'order-hydration',
      mode: 'move-task',
      dryRun: false,
      // The source queue's listed name; a queue and its DLQ may share it, as stack outputs name them.
      destination: 'order-hydration',
      status: 'COMPLETED',
      moved: 2,
      failed: 0,
      toMove: 2,
      remaining: 0,
    });
    expect(run.stderr).toMatch(/redriving order-hydration: \d\/2/);
    expect(await depth(local.sqs, local.dlqs['order-hydration']!)).toBe(0);
    expect(await depth(local.sqs, local.queues['order-hydration']!)).toBe(2);
  });

  it('takes --to as the source queue when a queue and a DLQ share a name, and says which is which', async () => {
    await local.sqs.send(
      new SendMessageCommand({ QueueUrl: local.dlqs['order-hydration'], MessageBody: '{}' }),
    );

    const run = await local.run(['dlq', 'redrive', 'order-hydration', '--to', 'order-hydration']);

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('moved 1 message(s) from DLQ order-hydration to queue order-hydration');
    expect(await depth(local.sqs, local.dlqs['order-hydration']!)).toBe(0);
    expect(await depth(local.sqs, local.queues['order-hydration']!)).toBe(3);
  });

  it('says which messages it left behind: those another reader held while it ran', async () => {
    const dlq = local.dlqs['order-hydration']!;
    for (const id of ['held', 'free'])
      await local.sqs.send(new SendMessageCommand({ QueueUrl: dlq, MessageBody: JSON.stringify({ id }) }));
    const held = await local.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 1, VisibilityTimeout: 60 }),
    );
    expect(held.Messages).toHaveLength(1);

    const run = await local.run(['dlq', 'redrive', 'order-hydration']);

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('moved 1 message(s) from DLQ order-hydration');
    expect(run.stdout).toContain(
      '1 message(s) are still in order-hydration: another reader held them (a redrive moves only visible messages)',
    );
  });

  it('purges only with --yes', async () => {
    await local.sqs.send(
      new SendMessageCommand({ QueueUrl: local.dlqs['item-hydration'], MessageBody: '{}' }),
    );

    const refused = await local.run(['dlq', 'purge', 'item-hydration']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('add --yes to confirm');
    expect(await depth(local.sqs, local.dlqs['item-hydration']!)).toBe(1);

    const purged = await local.run(['dlq', 'purge', 'item-hydration', '--yes', '--json']);
    expect(purged.code).toBe(0);
    expect(purged.json()).toMatchObject({ queue: 'item-hydration', purged: 1 });
    expect(await depth(local.sqs, local.dlqs['item-hydration']!)).toBe(0);

    // SQS allows one purge a minute per queue; the CLI passes on when to try again.
    const again = await local.run(['dlq', 'purge', 'item-hydration', '--yes']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/PurgeQueue .* every 60 seconds; try again in \d+ s/);
  });
});
