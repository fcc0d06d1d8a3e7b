/**
 * Managing rules and targets, and the listings operators reach for (`aws events
 * list-rule-names-by-target`, `list-replays`, `list-archives` with filters, `list-rules` pages),
 * over the real SDK.
 */
import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  DeleteRuleCommand,
  DescribeReplayCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  ListArchivesCommand,
  ListReplaysCommand,
  ListRuleNamesByTargetCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  StartReplayCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../emulator/index';
import { clients, startTestEmulator } from '../helpers/emulator';

const QUEUE = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

describe('EventBridge rules, targets and listings', () => {
  let emulator: Emulator;
  let events: EventBridgeClient;

  beforeAll(async () => {
    emulator = await startTestEmulator({ events: { log: () => undefined } });
    ({ events } = clients(emulator.endpoint));
    await events.send(new CreateEventBusCommand({ Name: 'listings' }));
    for (const [rule, targets] of [
      ['c-rule', ['shared', 'only-c']],
      ['a-rule', ['shared']],
      ['b-rule', ['other']],
    ] as const) {
      await events.send(
        new PutRuleCommand({ Name: rule, EventBusName: 'listings', EventPattern: '{"source":["x"]}' }),
      );
      await events.send(
        new PutTargetsCommand({
          Rule: rule,
          EventBusName: 'listings',
          Targets: targets.map((queue) => ({ Id: queue, Arn: QUEUE(queue) })),
        }),
      );
    }
  });
  afterAll(() => emulator.close());

  it('manages rules and targets', async () => {
    await events.send(
      new PutRuleCommand({
        Name: 'manage',
        EventPattern: JSON.stringify({ source: ['x'] }),
        Description: 'd',
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'manage',
        Targets: [{ Id: 'a', Arn: 'arn:aws:sqs:us-east-1:000000000000:a' }],
      }),
    );
    expect(
      (await events.send(new ListTargetsByRuleCommand({ Rule: 'manage' }))).Targets!.map((t) => t.Id),
    ).toEqual(['a']);
    await expect(events.send(new DeleteRuleCommand({ Name: 'manage' }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await events.send(new DisableRuleCommand({ Name: 'manage' }));
    expect((await events.send(new DescribeRuleCommand({ Name: 'manage' }))).State).toBe('DISABLED');
    await events.send(new RemoveTargetsCommand({ Rule: 'manage', Ids: ['a'] }));
    await events.send(new DeleteRuleCommand({ Name: 'manage' }));
    expect((await events.send(new ListRulesCommand({ NamePrefix: 'manage' }))).Rules).toEqual([]);
  });

  it('names the rules of a bus that target an ARN, in pages', async () => {
    const byTarget = (TargetArn: string, extra: { Limit?: number; NextToken?: string } = {}) =>
      events.send(new ListRuleNamesByTargetCommand({ TargetArn, EventBusName: 'listings', ...extra }));
    expect((await byTarget(QUEUE('shared'))).RuleNames).toEqual(['a-rule', 'c-rule']);
    expect((await byTarget(QUEUE('other'))).RuleNames).toEqual(['b-rule']);
    expect((await byTarget(QUEUE('nobody'))).RuleNames).toEqual([]);
    const first = await byTarget(QUEUE('shared'), { Limit: 1 });
    expect(first.RuleNames).toEqual(['a-rule']);
    const second = await byTarget(QUEUE('shared'), { Limit: 1, NextToken: first.NextToken });
    expect(second).toMatchObject({ RuleNames: ['c-rule'] });
    expect(second.NextToken).toBeUndefined();
    // The default bus holds none of these rules.
    expect(
      (await events.send(new ListRuleNamesByTargetCommand({ TargetArn: QUEUE('shared') }))).RuleNames,
    ).toEqual([]);
  });

  it('pages ListRules and refuses a Limit outside 1–100 or a NextToken it did not hand out', async () => {
    const first = await events.send(new ListRulesCommand({ EventBusName: 'listings', Limit: 2 }));
    expect(first.Rules?.map((r) => r.Name)).toEqual(['a-rule', 'b-rule']);
    const rest = await events.send(
      new ListRulesCommand({ EventBusName: 'listings', Limit: 2, NextToken: first.NextToken }),
    );
    expect(rest.Rules?.map((r) => r.Name)).toEqual(['c-rule']);
    expect(rest.NextToken).toBeUndefined();
    await expect(events.send(new ListRulesCommand({ EventBusName: 'listings', Limit: 101 }))).rejects.toThrow(
      /Limit 101 is not valid/,
    );
    await expect(
      events.send(new ListRulesCommand({ EventBusName: 'listings', NextToken: 'not-a-token' })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('lists replays and archives, filtered by name prefix, state and source', async () => {
    const busArn = 'arn:aws:events:us-east-1:000000000000:event-bus/listings';
    const archive = await events.send(
      new CreateArchiveCommand({ ArchiveName: 'kept', EventSourceArn: busArn }),
    );
    await events.send(
      new CreateArchiveCommand({
        ArchiveName: 'default-kept',
        EventSourceArn: 'arn:aws:events:us-east-1:000000000000:event-bus/default',
      }),
    );
    const archives = (input: object) =>
      events.send(new ListArchivesCommand(input)).then((out) => out.Archives?.map((a) => a.ArchiveName));
    expect(await archives({ EventSourceArn: busArn })).toEqual(['kept']);
    expect(await archives({ NamePrefix: 'default' })).toEqual(['default-kept']);
    expect(await archives({ State: 'DISABLED' })).toEqual([]);

    for (const ReplayName of ['night-1', 'night-2', 'day-1'])
      await events.send(
        new StartReplayCommand({
          ReplayName,
          EventSourceArn: archive.ArchiveArn!,
          EventStartTime: new Date(Date.now() - 60_000),
          EventEndTime: new Date(),
          Destination: { Arn: busArn },
        }),
      );
    await expect
      .poll(async () => (await events.send(new DescribeReplayCommand({ ReplayName: 'day-1' }))).State)
      .toBe('COMPLETED');
    const night = await events.send(new ListReplaysCommand({ NamePrefix: 'night' }));
    expect(night.Replays?.map((r) => r.ReplayName)).toEqual(['night-1', 'night-2']);
    expect(night.Replays?.[0]).toMatchObject({ EventSourceArn: archive.ArchiveArn, State: 'COMPLETED' });
    expect(night.Replays?.[0]?.EventStartTime).toBeInstanceOf(Date);
    expect(
      (await events.send(new ListReplaysCommand({ State: 'RUNNING' }))).Replays?.map((r) => r.ReplayName),
    ).toEqual([]);
  });
});
