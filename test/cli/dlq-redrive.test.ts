import { PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedriveResult } from '../../bin/ops/dlq/redrive';
import { LambdaService } from '../../emulator/services/lambda/lambda-service';
import { mountLambdaApi } from '../../emulator/services/lambda/rest-handler';
import { captureLogs, fixtureFunction } from '../emulator/lambda/helpers';
import { BUS, startLocalHydrant, type LocalHydrant } from './helpers';

const arn = (service: string, resource: string) => `arn:aws:${service}:us-east-1:000000000000:${resource}`;
const FN = arn('lambda', 'function:verifier');

let local: LocalHydrant;
let lambda: LambdaService;
const urls: Record<string, string> = {};

async function queue(name: string): Promise<string> {
  urls[name] = (await local.sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
  return urls[name]!;
}

async function depth(sqs: SQSClient, url: string): Promise<number> {
  const out = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(out.Attributes!.ApproximateNumberOfMessages) +
    Number(out.Attributes!.ApproximateNumberOfMessagesNotVisible)
  );
}

async function bodies(url: string): Promise<unknown[]> {
  const out = await local.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
  );
  return (out.Messages ?? []).map((m) => JSON.parse(m.Body!));
}

/** The record Lambda writes to an on-failure destination. */
function failureRecord(functionArn: string, payload: unknown) {
  return JSON.stringify({
    version: '1.0',
    timestamp: new Date().toISOString(),
    requestContext: {
      requestId: 'r',
      functionArn: `${functionArn}:$LATEST`,
      condition: 'RetriesExhausted',
      approximateInvokeCount: 3,
    },
    requestPayload: payload,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: { errorType: 'UnknownProviderError', errorMessage: 'no secret yet', trace: [] },
  });
}

function targetAttributes(targetArn: string) {
  const text = (v: string) => ({ DataType: 'String', StringValue: v });
  return {
    RULE_ARN: text(arn('events', `rule/${BUS}/r`)),
    TARGET_ARN: text(targetArn),
    ERROR_CODE: text('THROTTLING'),
    ERROR_MESSAGE: text('Rate exceeded'),
    RETRY_ATTEMPTS: text('185'),
    EXHAUSTED_RETRY_CONDITION: text('MaximumRetryAttempts'),
  };
}

beforeAll(async () => {
  local = await startLocalHydrant();
  const dlq = await queue('verifier-dlq');
  await queue('verifier-succeeded');
  await queue('retarget');
  await queue('bus-copy');
  local.writeEndpoints({ dlqs: { ...local.dlqs, verifier: dlq } });
  // A function whose success records show what the redrive invoked it with.
  lambda = new LambdaService(
    { awsEndpoint: local.emulator.endpoint, region: 'us-east-1', accountId: '000000000000' },
    captureLogs().sinks,
    { queues: local.emulator.services.sqs, events: local.emulator.services.events },
  );
  mountLambdaApi(local.emulator.edge, lambda);
  lambda.createFunction({ ...fixtureFunction('echo', { functionName: 'verifier' }), functionArn: FN });
  lambda.putEventInvokeConfig('verifier', {
    DestinationConfig: { OnSuccess: { Destination: arn('sqs', 'verifier-succeeded') } },
  });
  await local.events.send(
    new PutRuleCommand({
      Name: 'copy',
      EventBusName: BUS,
      EventPattern: JSON.stringify({ source: ['redriven.test'] }),
    }),
  );
  await local.events.send(
    new PutTargetsCommand({
      Rule: 'copy',
      EventBusName: BUS,
      Targets: [{ Id: 'q', Arn: arn('sqs', 'bus-copy') }],
    }),
  );

  const send = (body: string, attributes?: Record<string, { DataType: string; StringValue: string }>) =>
    local.sqs.send(
      new SendMessageCommand({ QueueUrl: dlq, MessageBody: body, MessageAttributes: attributes }),
    );
  await send(failureRecord(FN, { id: 'evt-lambda' }));
  await send('{"id":"evt-queue"}', targetAttributes(arn('sqs', 'retarget')));
  const busEvent = {
    id: 'e',
    source: 'redriven.test',
    'detail-type': 'Thing',
    detail: { n: 1 },
    resources: [],
  };
  await send(JSON.stringify(busEvent), targetAttributes(arn('events', `event-bus/${BUS}`)));
  await send(failureRecord(arn('lambda', 'function:gone'), { id: 'evt-gone' }));
});

afterAll(async () => {
  await lambda?.close();
  await local?.close();
});

describe('hydrant dlq redrive, by origin', () => {
  it('shows each message’s reason and route in dlq show and the newest reason in dlq ls', async () => {
    const show = await local.run(['dlq', 'show', 'verifier']);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('UnknownProviderError: no secret yet; RetriesExhausted (3 attempts)');
    expect(show.stdout).toContain(`redrive: invoke ${FN} asynchronously`);
    expect(show.stdout).toContain(
      'THROTTLING: Rate exceeded; retries exhausted: MaximumRetryAttempts (186 attempts)',
    );
    expect(show.stdout).toContain(`redrive: send to queue ${arn('sqs', 'retarget')}`);

    const ls = await local.run(['dlq', 'ls', '--json']);
    const verifier = ls
      .json<{ dlqs: { name: string; newestReason: { origin: string; functionArn: string } }[] }>()
      .dlqs.find((q) => q.name === 'verifier');
    expect(verifier!.newestReason).toMatchObject({
      origin: 'lambda-destination',
      functionArn: arn('lambda', 'function:gone'),
    });
  });

  it('--dry-run says where each message would go and changes nothing', async () => {
    const run = await local.run(['dlq', 'redrive', 'verifier', '--dry-run', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = run.json<RedriveResult>();
    expect(result).toMatchObject({ mode: 'by-origin', dryRun: true, status: 'DRY_RUN', toMove: 4, moved: 0 });
    expect(result.messages!.map((m) => m.outcome)).toEqual([
      'would-redrive',
      'would-redrive',
      'would-redrive',
      'would-redrive',
    ]);
    expect(await depth(local.sqs, urls['verifier-dlq']!)).toBe(4);
  });

  it('hands each message back by origin, deletes only those handed back, and exits 1 for the rest', async () => {
    const run = await local.run(['dlq', 'redrive', 'verifier', '--rate', '20', '--json']);

    expect(run.code).toBe(1);
    const result = run.json<RedriveResult>();
    expect(result).toMatchObject({ mode: 'by-origin', status: 'FAILED', moved: 3, failed: 1, remaining: 1 });
    const gone = result.messages!.find((m) => m.outcome === 'failed')!;
    expect(gone).toMatchObject({
      origin: 'lambda-destination',
      route: `invoke ${arn('lambda', 'function:gone')} asynchronously`,
    });
    expect(gone.error).toContain('Function not found');
    expect(run.stderr).toMatch(/redriving verifier: \d\/4/);
    expect(run.stderr).toContain('1 of 4 message(s) stayed in verifier');

    // The function ran again with the original event, asynchronously.
    await lambda.idle();
    expect(await bodies(urls['verifier-succeeded']!)).toMatchObject([
      { requestContext: { condition: 'Success' }, requestPayload: { id: 'evt-lambda' } },
    ]);
    expect(await bodies(urls.retarget!)).toEqual([{ id: 'evt-queue' }]);
    await local.emulator.services.events.idle();
    expect(await bodies(urls['bus-copy']!)).toMatchObject([
      { source: 'redriven.test', 'detail-type': 'Thing', detail: { n: 1 } },
    ]);
    // Only the message that could not be handed back is left, visible for the next try.
    const left = await local.run(['dlq', 'show', 'verifier', '--json']);
    expect(
      left
        .json<{ messages: { body: { requestPayload: unknown } }[] }>()
        .messages.map((m) => m.body.requestPayload),
    ).toEqual([{ id: 'evt-gone' }]);
  });
});
