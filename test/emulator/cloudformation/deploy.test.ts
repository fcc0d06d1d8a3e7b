import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeSkipped } from '../../../emulator/cloudformation/deployer';
import { startLocalCloud, type LocalCloud } from '../../../emulator/local-cloud';
import { pruneStaleRules } from '../../../emulator/cloudformation/stale-rules';
import { captureLogs, waitFor } from '../lambda/helpers';
import { synthTestAssembly } from './test-stack';

let cloud: LocalCloud;
let assemblyDir: string;
const logs = captureLogs();
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

beforeAll(async () => {
  assemblyDir = synthTestAssembly();
  cloud = await startLocalCloud({
    assemblyDir,
    port: 0,
    stateDir: mkdtempSync(path.join(tmpdir(), 'hydrant-deploy-state-')),
    logs: logs.sinks,
    events: { retryBaseDelayMs: 20, retryMaxDelayMs: 40 },
    lambdaRetryDelaysMs: [20],
  });
}, 60_000);

afterAll(async () => {
  await cloud?.close();
  if (process.env.DEBUG_DEPLOY) console.log(logs.text());
});

/** A resource by its construct id (CDK logical ids are the id plus an 8-digit hash). */
function resource(type: string, id: string) {
  const found = [...cloud.stacks[0].resources.values()].find(
    (r) => r.type === type && new RegExp(`^${id}[0-9A-F]{8}$`).test(r.logicalId),
  );
  if (!found) throw new Error(`no ${type} ${id}`);
  return found;
}

const sqs = () =>
  new SQSClient({ endpoint: cloud.emulator.endpoint, region: cloud.emulator.context.region, credentials });

async function receiveAll(queueUrl: string, count: number): Promise<Record<string, unknown>[]> {
  const bodies: Record<string, unknown>[] = [];
  await waitFor(async () => {
    const { Messages = [] } = await sqs().send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    for (const m of Messages) {
      bodies.push(JSON.parse(m.Body!));
      await sqs().send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
    }
    return bodies.length >= count;
  }, 10_000);
  return bodies;
}

describe('local CloudFormation deployer', () => {
  it('creates resources with stable names and resolves outputs, exports and local API URLs', async () => {
    const stack = cloud.stacks[0];
    expect(stack.exports.LocalBus).toBe('local-events');
    const api = resource('AWS::ApiGateway::RestApi', 'Api');
    expect(stack.outputs.IntakeUrl).toBe(
      `${cloud.emulator.endpoint}/restapis/${api.ref}/live/_user_request_/intake`,
    );
    expect(resource('AWS::SQS::Queue', 'Work').attributes?.QueueName).toMatch(
      /^Local-Work[A-Z0-9]+-[0-9A-F]{12}$/,
    );
    expect([...stack.resources.values()].some((r) => r.path?.includes('NeverCreated'))).toBe(false);
    const endpoints = JSON.parse(await readFile(cloud.endpointsFile, 'utf8'));
    expect(endpoints).toEqual({
      awsEndpoint: cloud.emulator.endpoint,
      region: cloud.emulator.context.region,
      stacks: [stack.stackName],
      outputs: stack.outputs,
      apis: [
        {
          id: api.ref,
          name: expect.any(String),
          stage: 'live',
          url: `${cloud.emulator.endpoint}/restapis/${api.ref}/live/_user_request_`,
        },
      ],
      queues: Object.fromEntries(
        [...stack.resources.values()]
          .filter((r) => r.type === 'AWS::SQS::Queue')
          .map((q) => [q.attributes?.QueueName, q.ref]),
      ),
    });
  });

  it('announces no-ops and types it does not emulate', () => {
    const report = describeSkipped(cloud.stacks[0]).join('\n');
    expect(report).toMatch(/no-op {2}AWS::IAM::Role ×\d+: IAM is not enforced locally/);
    expect(report).toMatch(/NOT EMULATED {2}AWS::SNS::Topic ×1/);
  });

  it('generates secret values from GenerateSecretString', async () => {
    const client = new SecretsManagerClient({
      endpoint: cloud.emulator.endpoint,
      region: cloud.emulator.context.region,
      credentials,
    });
    const { SecretString } = await client.send(
      new GetSecretValueCommand({ SecretId: resource('AWS::SecretsManager::Secret', 'Token').ref }),
    );
    expect(JSON.parse(SecretString!)).toMatchObject({
      type: 'static',
      token: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
    });
  });

  it('serves the REST API: a validated request becomes PutEvents, and the rule delivers it to SQS', async () => {
    const stack = cloud.stacks[0];
    const response = await fetch(stack.outputs.IntakeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"n":1}',
    });
    expect(response.status).toBe(200);
    const { id } = (await response.json()) as { id: string };
    const [record] = await receiveAll(resource('AWS::SQS::Queue', 'Records').ref, 1);
    expect(record).toMatchObject({ id, source: 'test.queue', detail: { n: 1 } });
    const invalid = await fetch(stack.outputs.IntakeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ message: 'Invalid request body' });
  });

  it('runs the function for EventBridge targets with its resolved environment, and for SQS batches and proxy requests', async () => {
    const recordsUrl = resource('AWS::SQS::Queue', 'Records').ref;
    const events = new EventBridgeClient({
      endpoint: cloud.emulator.endpoint,
      region: cloud.emulator.context.region,
      credentials,
    });
    await events.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'local-events', Source: 'test.lambda', DetailType: 'x', Detail: '{"k":1}' },
        ],
      }),
    );
    await sqs().send(
      new SendMessageCommand({ QueueUrl: resource('AWS::SQS::Queue', 'Work').ref, MessageBody: 'from-work' }),
    );
    const proxied = await fetch(
      `${cloud.emulator.endpoint}/restapis/${resource('AWS::ApiGateway::RestApi', 'Api').ref}/live/_user_request_/partner/a/b`,
    );
    expect(await proxied.json()).toEqual({ proxied: '/partner/a/b' });

    const records = await receiveAll(recordsUrl, 3);
    const fromRule = records.find((r) => (r.event as { source?: string }).source === 'test.lambda');
    expect(fromRule).toMatchObject({ greeting: 'hello-from', event: { detail: { k: 1 } } });
    expect(fromRule?.partner).toBe(
      `${cloud.emulator.endpoint}/restapis/abcdefghij/live/_user_request_/graphql`,
    );
    expect(
      records.some((r) => (r.event as { Records?: { body: string }[] }).Records?.[0]?.body === 'from-work'),
    ).toBe(true);
    expect(logs.text()).toMatch(/\[Local-Recorder[A-Z0-9]+-[0-9A-F]{12}\]/);
  });

  it("retries a failing Lambda target as Lambda does and sends AWS's record to its on-failure destination, not the target DLQ", async () => {
    const events = new EventBridgeClient({
      endpoint: cloud.emulator.endpoint,
      region: cloud.emulator.context.region,
      credentials,
    });
    await events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'local-events',
            Source: 'test.lambda',
            DetailType: 'x',
            Detail: '{"fail":"always"}',
          },
        ],
      }),
    );
    const failuresUrl = resource('AWS::SQS::Queue', 'RecorderFailures').ref;
    const { Messages = [] } = await waitFor(async () => {
      const result = await sqs().send(
        new ReceiveMessageCommand({
          QueueUrl: failuresUrl,
          WaitTimeSeconds: 1,
          MessageAttributeNames: ['All'],
        }),
      );
      return result.Messages?.length ? result : undefined;
    }, 10_000);
    expect(JSON.parse(Messages[0].Body!)).toMatchObject({
      version: '1.0',
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 2 },
      requestPayload: { detail: { fail: 'always' } },
      responseContext: { functionError: 'Unhandled' },
      responsePayload: { errorMessage: expect.stringMatching(/asked to fail always/) },
    });
    const targetDlq = await sqs().send(
      new ReceiveMessageCommand({
        QueueUrl: resource('AWS::SQS::Queue', 'TargetDlq').ref,
        WaitTimeSeconds: 0,
      }),
    );
    expect(targetDlq.Messages ?? []).toEqual([]);
  });

  it('removes rules an earlier deployment left that the template no longer has, and nobody else’s', async () => {
    const events = cloud.emulator.services.events;
    for (const name of ['Local-RemovedRule-0123456789AB', 'someone-elses-rule']) {
      await events.dispatch('PutRule', {
        Name: name,
        EventBusName: 'local-events',
        EventPattern: '{"source":["x"]}',
      });
      await events.dispatch('PutTargets', {
        Rule: name,
        EventBusName: 'local-events',
        Targets: [{ Id: 't', Arn: String(resource('AWS::SQS::Queue', 'Records').attributes?.Arn) }],
      });
    }

    const pruned = await pruneStaleRules(cloud.stacks[0], events);

    expect(pruned).toEqual(['local-events/Local-RemovedRule-0123456789AB']);
    const { Rules } = (await events.dispatch('ListRules', { EventBusName: 'local-events' })) as {
      Rules: { Name: string }[];
    };
    const names = Rules.map((r) => r.Name);
    expect(names).toContain('someone-elses-rule');
    expect(names.filter((n) => n.startsWith('Local-'))).toHaveLength(2);
  });
});
