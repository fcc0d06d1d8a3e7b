import {
  GetFunctionCommand,
  GetFunctionEventInvokeConfigCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  PutFunctionEventInvokeConfigCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../emulator/index';
import { LambdaService } from '../../../emulator/services/lambda/lambda-service';
import { mountLambdaApi } from '../../../emulator/services/lambda/rest-handler';
import { captureLogs, fixtureFunction } from './helpers';

let emulator: Emulator;
let lambda: LambdaService;
let client: LambdaClient;
let stateDir: string;
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

beforeAll(async () => {
  stateDir = mkdtempSync(path.join(tmpdir(), 'hydrant-lambda-api-'));
  emulator = await startEmulator({ port: 0, stateDir });
  const { region, accountId } = emulator.context;
  lambda = new LambdaService({ awsEndpoint: emulator.endpoint, region, accountId }, captureLogs().sinks, {
    queues: emulator.services.sqs,
    events: emulator.services.events,
    asyncRetryDelaysMs: [10],
  });
  mountLambdaApi(emulator.edge, lambda);
  const arn = (name: string) => `arn:aws:lambda:${region}:${accountId}:function:${name}`;
  lambda.createFunction({ ...fixtureFunction('echo'), functionArn: arn('hydrant-echo') });
  lambda.createFunction({ ...fixtureFunction('broken'), functionArn: arn('hydrant-broken') });
  for (let i = 0; i < 3; i++) {
    const name = `page-${i}`;
    lambda.createFunction({ ...fixtureFunction('echo', { functionName: name }), functionArn: arn(name) });
  }
  client = new LambdaClient({
    endpoint: emulator.endpoint,
    region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});

afterAll(async () => {
  client?.destroy();
  await lambda?.close();
  await emulator?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

describe("Lambda's API over the wire", () => {
  it('invokes synchronously and returns the handler result with the executed version', async () => {
    const out = await client.send(
      new InvokeCommand({ FunctionName: 'hydrant-echo', Payload: new TextEncoder().encode('{"n":1}') }),
    );
    expect(out.StatusCode).toBe(200);
    expect(out.ExecutedVersion).toBe('$LATEST');
    expect(out.FunctionError).toBeUndefined();
    expect(JSON.parse(text(out.Payload))).toMatchObject({ event: { n: 1 }, functionName: 'hydrant-echo' });
  });

  it('reports a function error as 200 with X-Amz-Function-Error and the error as payload', async () => {
    const out = await client.send(
      new InvokeCommand({ FunctionName: 'hydrant-broken', Payload: new TextEncoder().encode('{"id":"x"}') }),
    );
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    expect(JSON.parse(text(out.Payload))).toMatchObject({
      errorType: 'PartnerUnavailableError',
      errorMessage: 'partner said no to x',
    });
  });

  it('accepts an Event invocation with 202 and delivers its record to the on-failure destination', async () => {
    const { QueueUrl } = (await emulator.services.sqs.dispatch('CreateQueue', {
      QueueName: 'api-failures',
    })) as {
      QueueUrl: string;
    };
    const destination = `arn:aws:sqs:${emulator.context.region}:${emulator.context.accountId}:api-failures`;
    await client.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: 'hydrant-broken',
        MaximumRetryAttempts: 1,
        DestinationConfig: { OnFailure: { Destination: destination } },
      }),
    );
    const config = await client.send(
      new GetFunctionEventInvokeConfigCommand({ FunctionName: 'hydrant-broken' }),
    );
    expect(config).toMatchObject({ MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 21600 });

    const out = await client.send(
      new InvokeCommand({
        FunctionName: 'hydrant-broken',
        InvocationType: 'Event',
        Payload: new TextEncoder().encode('{"id":"async"}'),
      }),
    );
    expect(out.StatusCode).toBe(202);
    await lambda.idle();
    const received = (await emulator.services.sqs.dispatch('ReceiveMessage', { QueueUrl })) as {
      Messages: { Body: string }[];
    };
    expect(JSON.parse(received.Messages[0]!.Body)).toMatchObject({
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 2 },
      requestPayload: { id: 'async' },
    });
  });

  it('answers DryRun with 204 and refuses an unknown function, qualifier or a payload that is not JSON', async () => {
    const dry = await client.send(
      new InvokeCommand({ FunctionName: 'hydrant-echo', InvocationType: 'DryRun' }),
    );
    expect(dry.StatusCode).toBe(204);
    await expect(client.send(new InvokeCommand({ FunctionName: 'nope' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await expect(
      client.send(new InvokeCommand({ FunctionName: 'hydrant-echo', Qualifier: '3' })),
    ).rejects.toThrow(ResourceNotFoundException);
    await expect(
      client.send(
        new InvokeCommand({ FunctionName: 'hydrant-echo', Payload: new TextEncoder().encode('{no') }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidRequestContentException', $metadata: { httpStatusCode: 400 } });
  });

  it('describes a function by name or ARN with GetFunction', async () => {
    const arn = `arn:aws:lambda:${emulator.context.region}:${emulator.context.accountId}:function:hydrant-echo`;
    for (const name of ['hydrant-echo', arn]) {
      const out = await client.send(new GetFunctionCommand({ FunctionName: name }));
      expect(out.Configuration).toMatchObject({
        FunctionName: 'hydrant-echo',
        FunctionArn: arn,
        Handler: 'index.handler',
        Timeout: 5,
        MemorySize: 128,
        Version: '$LATEST',
        State: 'Active',
      });
    }
  });

  it('lists every function, page by page', async () => {
    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const out = await client.send(new ListFunctionsCommand({ MaxItems: 2, Marker: marker }));
      names.push(...(out.Functions ?? []).map((f) => f.FunctionName!));
      marker = out.NextMarker;
      pages++;
    } while (marker);
    expect(pages).toBe(3);
    expect(names).toEqual(['hydrant-broken', 'hydrant-echo', 'page-0', 'page-1', 'page-2']);
  });
});
