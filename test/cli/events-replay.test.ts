import {
  CreateArchiveCommand,
  DescribeEventBusCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, ReceiveMessageCommand, DeleteMessageBatchCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplayResult } from '../../bin/ops/events/replay';
import { BUS, startLocalHydrant, type LocalHydrant } from './helpers';

let local: LocalHydrant;
const queues: Record<string, string> = {};
let before: string;

/** Receives and deletes what a queue holds; returns the events. */
async function drain(name: string): Promise<Record<string, unknown>[]> {
  const out = await local.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queues[name], MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
  );
  const messages = out.Messages ?? [];
  if (messages.length > 0) {
    await local.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queues[name],
        Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
      }),
    );
  }
  return messages.map((m) => JSON.parse(m.Body!));
}

beforeAll(async () => {
  local = await startLocalHydrant();
  const { Arn } = await local.events.send(new DescribeEventBusCommand({ Name: BUS }));
  await local.events.send(new CreateArchiveCommand({ ArchiveName: 'shop-archive', EventSourceArn: Arn }));
  for (const [rule, source] of [
    ['copy-stripe', 'stripe'],
    ['copy-delivery', 'delivery'],
  ] as const) {
    queues[rule] = (await local.sqs.send(new CreateQueueCommand({ QueueName: rule }))).QueueUrl!;
    await local.events.send(
      new PutRuleCommand({
        Name: rule,
        EventBusName: BUS,
        EventPattern: JSON.stringify({ source: [source] }),
      }),
    );
    await local.events.send(
      new PutTargetsCommand({
        Rule: rule,
        EventBusName: BUS,
        Targets: [{ Id: 'q', Arn: `arn:aws:sqs:us-east-1:000000000000:${rule}` }],
      }),
    );
  }
  before = new Date(Date.now() - 1000).toISOString();
  await local.events.send(
    new PutEventsCommand({
      Entries: [
        { EventBusName: BUS, Source: 'stripe', DetailType: 'charge.refunded', Detail: '{"n":1}' },
        { EventBusName: BUS, Source: 'delivery', DetailType: 'Delivery Webhook Received', Detail: '{"n":2}' },
      ],
    }),
  );
  await local.emulator.services.events.idle();
  expect(await drain('copy-stripe')).toHaveLength(1);
  expect(await drain('copy-delivery')).toHaveLength(1);
});

afterAll(() => local?.close());

describe('hydrant events replay', () => {
  it('replays the window to the rules that accept --source, marked with replay-name', async () => {
    const run = await local.run(['events', 'replay', '--from', before, '--source', 'stripe', '--json']);

    expect(run.code, run.stderr).toBe(0);
    const result = run.json<ReplayResult>();
    expect(result).toMatchObject({
      archive: 'shop-archive',
      bus: BUS,
      rules: ['copy-stripe'],
      state: 'COMPLETED',
    });
    expect(run.stderr).toContain('replaying shop-events');
    await local.emulator.services.events.idle();
    expect(await drain('copy-stripe')).toMatchObject([
      { source: 'stripe', detail: { n: 1 }, 'replay-name': result.replayName },
    ]);
    expect(await drain('copy-delivery')).toEqual([]);
  });

  it('replays to every rule without filters, and to a named rule with --rule', async () => {
    const all = await local.run(['events', 'replay', '--from', before, '--json']);
    expect(all.code, all.stderr).toBe(0);
    expect(all.json<ReplayResult>().rules).toBeUndefined();
    await local.emulator.services.events.idle();
    expect(await drain('copy-stripe')).toHaveLength(1);
    expect(await drain('copy-delivery')).toHaveLength(1);

    const named = await local.run(['events', 'replay', '--from', before, '--rule', 'delivery']);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout).toContain('to rule(s) copy-delivery');
    await local.emulator.services.events.idle();
    expect(await drain('copy-delivery')).toHaveLength(1);
    expect(await drain('copy-stripe')).toEqual([]);
  });

  it('says what is wrong: a bad date, a window the wrong way round, no rule for a source', async () => {
    const badDate = await local.run(['events', 'replay', '--from', 'yesterday']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('must be an ISO 8601 date');

    const backwards = await local.run([
      'events',
      'replay',
      '--from',
      '2026-01-02T00:00:00Z',
      '--to',
      '2026-01-01T00:00:00Z',
    ]);
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toContain('--from must be a date before --to');

    const noRule = await local.run(['events', 'replay', '--from', before, '--source', 'partner']);
    expect(noRule.code).toBe(1);
    expect(noRule.stderr).toContain('No rule on shop-events accepts source partner');
  });
});
