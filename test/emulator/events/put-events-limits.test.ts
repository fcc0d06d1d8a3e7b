import {
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
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

const MiB = 1024 * 1024;

describe('PutEvents limits and PutTargets checks over the real SDK', () => {
  let emulator: Emulator;
  let events: EventBridgeClient;
  let sqs: SQSClient;

  const entry = (detail: string, source = 'limits.test') => ({
    Source: source,
    DetailType: 'Big',
    Detail: detail,
  });
  /** A Detail whose entry (source + detail-type + detail) is exactly `bytes` long. */
  const detailOfEntrySize = (bytes: number, source = 'limits.test') =>
    `{"p":"${'x'.repeat(bytes - source.length - 'Big'.length - 8)}"}`;

  beforeAll(async () => {
    emulator = await startTestEmulator({ events: { log: () => undefined } });
    ({ events, sqs } = clients(emulator.endpoint));
  });
  afterAll(() => emulator.close());

  it('rejects a request whose entries total more than 1 MiB as a whole, with the AWS message', async () => {
    const half = entry(detailOfEntrySize(MiB / 2 + 1));
    await expect(events.send(new PutEventsCommand({ Entries: [half, half] }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Total size of the entries in the request is over the limit.',
    });
  });

  it('delivers an event of almost 1 MiB to a queue that takes 1 MiB messages', async () => {
    const url = (
      await sqs.send(
        new CreateQueueCommand({ QueueName: 'big-events', Attributes: { MaximumMessageSize: String(MiB) } }),
      )
    ).QueueUrl!;
    const arn = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))
    ).Attributes!.QueueArn!;
    await events.send(new PutRuleCommand({ Name: 'big', EventPattern: '{"source":["big.test"]}' }));
    await events.send(new PutTargetsCommand({ Rule: 'big', Targets: [{ Id: 'q', Arn: arn }] }));
    const detail = detailOfEntrySize(MiB - 8192, 'big.test');
    const put = await events.send(new PutEventsCommand({ Entries: [entry(detail, 'big.test')] }));
    expect(put.FailedEntryCount).toBe(0);
    await emulator.services.events.idle();
    const [message] = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages ?? [];
    expect(JSON.parse(message!.Body!).detail).toEqual(JSON.parse(detail));
  });

  it('fails per entry (HTTP 200) an entry within the limit whose event would not fit a queue', async () => {
    const put = await events.send(new PutEventsCommand({ Entries: [entry(detailOfEntrySize(MiB - 10))] }));
    expect(put.FailedEntryCount).toBe(1);
    expect(put.Entries![0]).toMatchObject({ ErrorCode: 'InvalidArgument' });
  });

  it('fails per entry a Detail nested deeper than 1000 levels', async () => {
    const deep = `${'{"a":'.repeat(1001)}1${'}'.repeat(1001)}`;
    const ok = `${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`;
    const put = await events.send(new PutEventsCommand({ Entries: [entry(deep), entry(ok)] }));
    expect(put.Entries![0]).toMatchObject({ ErrorCode: 'MalformedDetail' });
    expect(put.Entries![1]!.EventId).toBeDefined();
  });

  it('rejects a target whose InputTemplate names a variable it does not define', async () => {
    await events.send(new PutRuleCommand({ Name: 'templated', EventPattern: '{"source":["t"]}' }));
    const target = (InputTemplate: string) => ({
      Id: 't',
      Arn: 'arn:aws:sqs:us-east-1:000000000000:nowhere',
      InputTransformer: { InputPathsMap: { order: '$.detail.order' }, InputTemplate },
    });
    await expect(
      events.send(
        new PutTargetsCommand({ Rule: 'templated', Targets: [target('{"o": <order>, "x": <other>}')] }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    const ok = await events.send(
      new PutTargetsCommand({
        Rule: 'templated',
        Targets: [target('{"o": <order>, "r": <aws.events.rule-name>}')],
      }),
    );
    expect(ok.FailedEntryCount).toBe(0);
  });
});
