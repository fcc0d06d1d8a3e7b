/**
 * Members of the wrong JSON type where a structure, list or string belongs (null, a number, a
 * string, a list, an object, a boolean), for every operation that walks a list or map of its
 * input: each must answer a 4xx in its protocol's shape, never an InternalFailure. The seeded fuzz
 * test found the first two (a null PutTargets target, a null ListSecrets filter); this table keeps
 * the whole family covered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../emulator/index';
import { startTestEmulator } from '../helpers/emulator';

const WRONG = [null, 1, 'x', [], {}, true];

/** Operation and a request body with the wrong value put where a shape is expected. */
const CASES: [string, (v: unknown, queueUrl: string) => unknown][] = [
  ['AWSEvents.PutTargets', (v) => ({ Rule: 'all', Targets: [v] })],
  ['AWSEvents.PutEvents', (v) => ({ Entries: [v] })],
  ['AWSEvents.RemoveTargets', (v) => ({ Rule: 'all', Ids: [v] })],
  ['AWSEvents.ListRuleNamesByTarget', (v) => ({ TargetArn: v })],
  ['AWSEvents.ListReplays', (v) => ({ NamePrefix: v, State: v })],
  ['AWSEvents.StartReplay', (v) => ({ ReplayName: 'x', EventSourceArn: v, Destination: v })],
  ['AWSEvents.TestEventPattern', (v) => ({ EventPattern: v, Event: v })],
  ['AmazonSQS.SendMessageBatch', (v, q) => ({ QueueUrl: q, Entries: [v] })],
  ['AmazonSQS.DeleteMessageBatch', (v, q) => ({ QueueUrl: q, Entries: [v] })],
  ['AmazonSQS.ChangeMessageVisibilityBatch', (v, q) => ({ QueueUrl: q, Entries: [v] })],
  ['AmazonSQS.SendMessage', (v, q) => ({ QueueUrl: q, MessageBody: 'x', MessageAttributes: { a: v } })],
  ['AmazonSQS.TagQueue', (v, q) => ({ QueueUrl: q, Tags: v })],
  ['AmazonSQS.GetQueueAttributes', (v, q) => ({ QueueUrl: q, AttributeNames: [v] })],
  ['AmazonSQS.SetQueueAttributes', (v, q) => ({ QueueUrl: q, Attributes: { RedrivePolicy: v } })],
  ['AmazonSQS.StartMessageMoveTask', (v) => ({ SourceArn: v, DestinationArn: v })],
  ['secretsmanager.CreateSecret', (v) => ({ Name: 'tagged', SecretString: 'v', Tags: [v] })],
  ['secretsmanager.TagResource', (v) => ({ SecretId: 's', Tags: [v] })],
  ['secretsmanager.UntagResource', (v) => ({ SecretId: 's', TagKeys: v })],
  ['secretsmanager.BatchGetSecretValue', (v) => ({ SecretIdList: [v] })],
  ['secretsmanager.BatchGetSecretValue', (v) => ({ Filters: [{ Key: 'name', Values: v }] })],
  ['secretsmanager.ListSecrets', (v) => ({ Filters: [v] })],
  ['secretsmanager.GetRandomPassword', (v) => ({ PasswordLength: v, ExcludeCharacters: v })],
  ['secretsmanager.PutSecretValue', (v) => ({ SecretId: 's', SecretString: 'x', VersionStages: [v] })],
];

describe('members of the wrong JSON type', () => {
  let emulator: Emulator;
  let queueUrl: string;
  const call = async (target: string, body: unknown) => {
    const version = target.startsWith('AmazonSQS') ? '1.0' : '1.1';
    const response = await fetch(emulator.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': target, 'content-type': `application/x-amz-json-${version}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { __type?: string } };
  };

  beforeAll(async () => {
    emulator = await startTestEmulator({ events: { log: () => undefined } });
    queueUrl = `${emulator.endpoint}/000000000000/shapes`;
    await call('AmazonSQS.CreateQueue', { QueueName: 'shapes' });
    await call('AWSEvents.PutRule', { Name: 'all', EventPattern: '{"source":["x"]}' });
    await call('secretsmanager.CreateSecret', { Name: 's', SecretString: 'v' });
  });
  afterAll(() => emulator.close());

  it.each(CASES)('%s answers each wrong shape without an InternalFailure', async (target, make) => {
    const answers = [];
    for (const value of WRONG) {
      const { status, body } = await call(target, make(value, queueUrl));
      answers.push(`${JSON.stringify(value)} → ${status} ${body.__type ?? ''}`);
      expect(status, answers.join('; ')).toBeLessThan(500);
      if (status >= 400) expect(body.__type, answers.join('; ')).toEqual(expect.any(String));
    }
  });
});
