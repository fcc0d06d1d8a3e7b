import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  DescribeArchiveCommand,
  DescribeReplayCommand,
  DescribeRuleCommand,
  InvalidEventPatternException,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  ResourceNotFoundException,
  StartReplayCommand,
  TestEventPatternCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../emulator/index';
import { clients, startTestEmulator } from '../helpers/emulator';

describe('EventBridge over the real SDK', () => {
  let emulator: Emulator;
  let events: EventBridgeClient;
  let sqs: SQSClient;
  let n = 0;

  const queue = async () => {
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: `eq${n++}` }))).QueueUrl!;
    const arn = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))
    ).Attributes!.QueueArn!;
    return { url, arn };
  };
  const receiveAll = async (url: string) =>
    (
      await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }),
      )
    ).Messages ?? [];
  const entry = (detail: object, extra: object = {}) => ({
    Source: 'hydrant.test',
    DetailType: 'Order Updated',
    Detail: JSON.stringify(detail),
    ...extra,
  });

  beforeAll(async () => {
    emulator = await startTestEmulator({
      events: { retryBaseDelayMs: 1, retryMaxDelayMs: 5, log: () => undefined },
    });
    ({ events, sqs } = clients(emulator.endpoint));
  });
  afterAll(() => emulator.close());

  it('routes matching events to an SQS target as the full event envelope', async () => {
    const q = await queue();
    await events.send(
      new PutRuleCommand({
        Name: 'big-orders',
        EventPattern: JSON.stringify({
          source: ['hydrant.test'],
          detail: { total: [{ numeric: ['>=', 100] }] },
        }),
      }),
    );
    await events.send(new PutTargetsCommand({ Rule: 'big-orders', Targets: [{ Id: 'q', Arn: q.arn }] }));
    const put = await events.send(
      new PutEventsCommand({ Entries: [entry({ total: 150 }), entry({ total: 5 })] }),
    );
    expect(put.FailedEntryCount).toBe(0);
    await emulator.services.events.idle();
    const messages = await receiveAll(q.url);
    expect(messages).toHaveLength(1);
    const body = JSON.parse(messages[0]!.Body!);
    expect(body).toMatchObject({
      version: '0',
      id: put.Entries![0]!.EventId,
      'detail-type': 'Order Updated',
      source: 'hydrant.test',
      account: '000000000000',
      region: 'us-east-1',
      resources: [],
      detail: { total: 150 },
    });
    expect(body.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('reports invalid entries per entry with HTTP 200', async () => {
    const put = await events.send(
      new PutEventsCommand({
        Entries: [
          { DetailType: 'x', Detail: '{}' },
          { Source: 's', Detail: '{}' },
          { Source: 's', DetailType: 'x' },
          { Source: 's', DetailType: 'x', Detail: '[1]' },
          { Source: 's', DetailType: 'x', Detail: '{not json' },
          { Source: 's', DetailType: 'x', Detail: '{}', EventBusName: 'no-such-bus' },
          { Source: 's', DetailType: 'x', Detail: '{}' },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(6);
    expect(put.Entries!.map((e) => e.ErrorCode ?? 'ok')).toEqual([
      'InvalidArgument',
      'InvalidArgument',
      'InvalidArgument',
      'MalformedDetail',
      'MalformedDetail',
      'ResourceNotFoundException',
      'ok',
    ]);
    expect(put.Entries![0]!.ErrorMessage).toContain('Source');
  });

  it('rejects more than 10 entries and invalid patterns with the SDK error classes', async () => {
    const eleven = Array.from({ length: 11 }, () => entry({}));
    await expect(events.send(new PutEventsCommand({ Entries: eleven }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(
      events.send(
        new PutRuleCommand({ Name: 'bad', EventPattern: JSON.stringify({ source: [{ wildcard: 'a**' }] }) }),
      ),
    ).rejects.toBeInstanceOf(InvalidEventPatternException);
    await expect(events.send(new DescribeRuleCommand({ Name: 'missing' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it('answers TestEventPattern', async () => {
    const event = JSON.stringify({
      id: '1',
      source: 'a',
      'detail-type': 'b',
      account: '000000000000',
      time: '2024-01-01T00:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: { ip: '10.1.2.3' },
    });
    const hit = await events.send(
      new TestEventPatternCommand({
        EventPattern: JSON.stringify({ detail: { ip: [{ cidr: '10.0.0.0/8' }] } }),
        Event: event,
      }),
    );
    const miss = await events.send(
      new TestEventPatternCommand({
        EventPattern: JSON.stringify({ detail: { ip: [{ cidr: '11.0.0.0/8' }] } }),
        Event: event,
      }),
    );
    expect([hit.Result, miss.Result]).toEqual([true, false]);
  });

  it('applies InputTransformer with the aws.events placeholders, and InputPath', async () => {
    const q = await queue();
    const rule = await events.send(
      new PutRuleCommand({
        Name: 'transform',
        EventPattern: JSON.stringify({ detail: { kind: ['transform'] } }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'transform',
        Targets: [
          {
            Id: 't',
            Arn: q.arn,
            InputTransformer: {
              InputPathsMap: { order: '$.detail.order', qty: '$.detail.qty' },
              InputTemplate:
                '{"text": "order <order> x<qty>", "qty": <qty>, "rule": "<aws.events.rule-name>", "arn": "<aws.events.rule-arn>", "event": <aws.events.event.json>, "at": "<aws.events.event.ingestion-time>"}',
            },
          },
          { Id: 'p', Arn: q.arn, InputPath: '$.detail.order' },
        ],
      }),
    );
    await events.send(
      new PutEventsCommand({ Entries: [entry({ kind: 'transform', order: 'A-1', qty: 3 })] }),
    );
    await emulator.services.events.idle();
    const bodies = (await receiveAll(q.url)).map((m) => JSON.parse(m.Body!));
    const transformed = bodies.find((b) => typeof b === 'object');
    expect(transformed).toMatchObject({
      text: 'order A-1 x3',
      qty: 3,
      rule: 'transform',
      arn: rule.RuleArn,
      event: { detail: { order: 'A-1' } },
    });
    expect(Date.parse(transformed.at)).toBeGreaterThan(0);
    expect(bodies).toContain('A-1');
  });

  it('forwards to another bus through a bus target', async () => {
    const q = await queue();
    const other = await events.send(new CreateEventBusCommand({ Name: 'partner-bus' }));
    await events.send(
      new PutRuleCommand({ Name: 'fwd', EventPattern: JSON.stringify({ detail: { kind: ['forward'] } }) }),
    );
    await events.send(
      new PutTargetsCommand({ Rule: 'fwd', Targets: [{ Id: 'bus', Arn: other.EventBusArn! }] }),
    );
    await events.send(
      new PutRuleCommand({
        Name: 'on-partner',
        EventBusName: 'partner-bus',
        EventPattern: JSON.stringify({ source: ['hydrant.test'] }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'on-partner',
        EventBusName: 'partner-bus',
        Targets: [{ Id: 'q', Arn: q.arn }],
      }),
    );
    await events.send(new PutEventsCommand({ Entries: [entry({ kind: 'forward' })] }));
    await emulator.services.events.idle();
    expect((await receiveAll(q.url)).map((m) => JSON.parse(m.Body!).detail.kind)).toEqual(['forward']);
  });

  it('cuts a cycle of bus targets and dead-letters the looping event', async () => {
    const dlq = await queue();
    const a = await events.send(new CreateEventBusCommand({ Name: 'loop-a' }));
    const b = await events.send(new CreateEventBusCommand({ Name: 'loop-b' }));
    for (const [bus, next] of [
      ['loop-a', b.EventBusArn!],
      ['loop-b', a.EventBusArn!],
    ] as const) {
      await events.send(
        new PutRuleCommand({
          Name: 'loop',
          EventBusName: bus,
          EventPattern: JSON.stringify({ source: ['hydrant.test'] }),
        }),
      );
      await events.send(
        new PutTargetsCommand({
          Rule: 'loop',
          EventBusName: bus,
          Targets: [{ Id: 'next', Arn: next, DeadLetterConfig: { Arn: dlq.arn } }],
        }),
      );
    }
    const put = await events.send(
      new PutEventsCommand({ Entries: [entry({ kind: 'loop' }, { EventBusName: 'loop-a' })] }),
    );
    expect(put.FailedEntryCount).toBe(0);
    await emulator.services.events.idle();
    const [dead] = await receiveAll(dlq.url);
    expect(dead!.MessageAttributes!.ERROR_CODE!.StringValue).toBe('LOOP_DETECTED');
  });

  it('retries a failing Lambda target and sends the event to its DLQ with the AWS attributes', async () => {
    const dlq = await queue();
    const calls: string[] = [];
    emulator.services.events.setLambdaInvoker({
      invoke: async (arn, payload) => {
        calls.push(payload);
        throw new Error(`function ${arn} failed`);
      },
    });
    const fn = 'arn:aws:lambda:us-east-1:000000000000:function:hydrator';
    const rule = await events.send(
      new PutRuleCommand({
        Name: 'to-lambda',
        EventPattern: JSON.stringify({ detail: { kind: ['lambda'] } }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'to-lambda',
        Targets: [
          {
            Id: 'fn',
            Arn: fn,
            RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
            DeadLetterConfig: { Arn: dlq.arn },
          },
        ],
      }),
    );
    const put = await events.send(new PutEventsCommand({ Entries: [entry({ kind: 'lambda' })] }));
    await emulator.services.events.idle();
    emulator.services.events.setLambdaInvoker(undefined);
    expect(calls).toHaveLength(3);
    const [dead] = await receiveAll(dlq.url);
    expect(JSON.parse(dead!.Body!).id).toBe(put.Entries![0]!.EventId);
    const attributes = Object.fromEntries(
      Object.entries(dead!.MessageAttributes!).map(([k, v]) => [k, v.StringValue]),
    );
    expect(attributes).toEqual({
      RULE_ARN: rule.RuleArn,
      TARGET_ARN: fn,
      ERROR_CODE: 'SDK_CLIENT_ERROR',
      ERROR_MESSAGE: `function ${fn} failed`,
      EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
      RETRY_ATTEMPTS: '2',
    });
  });

  it('sends an event straight to the DLQ when the target queue does not exist', async () => {
    const dlq = await queue();
    await events.send(
      new PutRuleCommand({
        Name: 'to-missing',
        EventPattern: JSON.stringify({ detail: { kind: ['missing'] } }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'to-missing',
        Targets: [
          { Id: 'gone', Arn: 'arn:aws:sqs:us-east-1:000000000000:gone', DeadLetterConfig: { Arn: dlq.arn } },
        ],
      }),
    );
    await events.send(new PutEventsCommand({ Entries: [entry({ kind: 'missing' })] }));
    await emulator.services.events.idle();
    const [dead] = await receiveAll(dlq.url);
    expect(dead!.MessageAttributes!.ERROR_CODE!.StringValue).toBe('RESOURCE_NOT_FOUND');
    expect(dead!.MessageAttributes!.RETRY_ATTEMPTS!.StringValue).toBe('0');
  });

  it('archives events and replays them onto the bus with replay-name', async () => {
    const q = await queue();
    const busArn = 'arn:aws:events:us-east-1:000000000000:event-bus/default';
    await events.send(
      new CreateArchiveCommand({
        ArchiveName: 'all',
        EventSourceArn: busArn,
        EventPattern: JSON.stringify({ detail: { kind: ['archived'] } }),
      }),
    );
    const start = new Date(Date.now() - 1000);
    await events.send(
      new PutEventsCommand({ Entries: [entry({ kind: 'archived' }), entry({ kind: 'other' })] }),
    );
    const archive = await events.send(new DescribeArchiveCommand({ ArchiveName: 'all' }));
    expect(archive.EventCount).toBe(1);
    const rule = await events.send(
      new PutRuleCommand({
        Name: 'replayed',
        EventPattern: JSON.stringify({ 'replay-name': [{ exists: true }] }),
      }),
    );
    await events.send(new PutTargetsCommand({ Rule: 'replayed', Targets: [{ Id: 'q', Arn: q.arn }] }));
    await events.send(
      new StartReplayCommand({
        ReplayName: 'r1',
        EventSourceArn: archive.ArchiveArn!,
        EventStartTime: start,
        EventEndTime: new Date(Date.now() + 1000),
        Destination: { Arn: busArn, FilterArns: [rule.RuleArn!] },
      }),
    );
    await expect
      .poll(async () => (await events.send(new DescribeReplayCommand({ ReplayName: 'r1' }))).State)
      .toBe('COMPLETED');
    await emulator.services.events.idle();
    const [message] = await receiveAll(q.url);
    expect(JSON.parse(message!.Body!)).toMatchObject({ 'replay-name': 'r1', detail: { kind: 'archived' } });
  });

  it('names an unknown operation in its error', async () => {
    const response = await fetch(emulator.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSEvents.PutPartnerEvents', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain('PutPartnerEvents');
  });
});
