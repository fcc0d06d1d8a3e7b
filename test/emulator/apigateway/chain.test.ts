import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../../emulator/protocol/aws-context';
import { ApiGatewayService, deterministicId } from '../../../emulator/services/apigateway/apigateway-service';
import { LambdaService } from '../../../emulator/services/lambda/lambda-service';
import { SqsProvider } from '../../../emulator/services/sqs/provider';
import { captureLogs, fixtureFunction, runtime } from '../lambda/helpers';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

let server: Server;
let base: string;
let queueUrl: string;
const sqs = new SqsProvider(createContext('eu-west-1'));
const lambda = new LambdaService(runtime, captureLogs().sinks);

beforeAll(async () => {
  queueUrl = ((await sqs.dispatch('CreateQueue', { QueueName: 'intake' })) as { QueueUrl: string }).QueueUrl;
  lambda.createFunction(fixtureFunction('proxy', { codeDir: path.join(FIXTURES, 'proxy') }));
  const gateway = new ApiGatewayService({ services: { sqs }, lambda });
  const api = gateway.createRestApi('Stack/IntakeApi', 'intake');
  const intake = api.addResource('r1', api.rootResourceId, 'intake');
  api.putMethod(intake.id, {
    httpMethod: 'POST',
    requestValidatorId: 'v',
    requestParameters: { 'method.request.header.X-Signature': true },
    requestModels: { 'application/json': 'Body' },
    integration: {
      type: 'AWS',
      uri: 'arn:aws:apigateway:eu-west-1:sqs:action/SendMessage',
      passthroughBehavior: 'NEVER',
      requestTemplates: {
        'application/json': `{"QueueUrl":"${'$'}stageVariables.queue","MessageBody":"$util.escapeJavaScript($input.body).replaceAll("\\\\'", "'")"}`,
      },
      integrationResponses: [
        {
          statusCode: '200',
          responseTemplates: { 'application/json': '{"accepted":"$input.path(\'$.MessageId\')"}' },
        },
        {
          statusCode: '502',
          selectionPattern: '4\\d{2}|5\\d{2}',
          responseTemplates: { 'application/json': '{"retry":true}' },
        },
      ],
    },
  });
  api.validators.set('v', { validateRequestBody: true, validateRequestParameters: true });
  api.models.set('Body', { type: 'object' });
  api.gatewayResponses.set('BAD_REQUEST_BODY', {
    responseTemplates: {
      'application/json': '{"error":$context.error.messageString,"kind":"$context.error.responseType"}',
    },
  });
  const partner = api.addResource('r2', api.rootResourceId, 'partner');
  const proxy = api.addResource('r3', partner.id, '{proxy+}');
  api.putMethod(proxy.id, {
    httpMethod: 'ANY',
    integration: {
      type: 'AWS_PROXY',
      uri: `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:000000000000:function:hydrant-proxy/invocations`,
    },
  });
  gateway.createStage(api.id, { stageName: 'prod', variables: { queue: queueUrl } });
  gateway.createStage(api.id, { stageName: 'broken', variables: { queue: `${queueUrl}-missing` } });
  gateway.createStage(api.id, {
    stageName: 'tight',
    variables: { queue: queueUrl },
    throttle: { rateLimit: 1, burstLimit: 2 },
  });
  gateway.createStage(api.id, {
    stageName: 'per-method',
    variables: { queue: queueUrl },
    throttle: { rateLimit: 1, burstLimit: 1 },
    methodThrottles: { 'POST /intake': { rateLimit: 1, burstLimit: 3 } },
  });
  server = createServer((req, res) => void gateway.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  sqs.close();
  await lambda.close();
});

const url = (stage: string, p: string) =>
  `${base}/restapis/${deterministicId('Stack/IntakeApi')}/${stage}/_user_request_${p}`;
const post = (p: string, body: string, headers: Record<string, string> = {}, stage = 'prod') =>
  fetch(url(stage, p), {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-signature': 's', ...headers },
  });

describe('API Gateway chain over HTTP', () => {
  it('takes a request through validation, the VTL template and the AWS integration', async () => {
    const body = '{"note":"it\'s \\"quoted\\" – ünïcödé 🚀"}';
    const response = await post('/intake', body);
    expect(response.status).toBe(200);
    const { accepted } = (await response.json()) as { accepted: string };
    const received = (await sqs.dispatch('ReceiveMessage', { QueueUrl: queueUrl })) as {
      Messages: { MessageId: string; Body: string }[];
    };
    expect(received.Messages[0]).toMatchObject({ MessageId: accepted, Body: body });
    expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
  });

  it('maps a service error to the integration response its status selects', async () => {
    const response = await post('/intake', '{"n":1}', {}, 'broken');
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ retry: true });
  });

  it('answers failed validation, wrong content types and unknown routes as API Gateway does', async () => {
    const invalid = await post('/intake', 'not json');
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ error: 'Invalid request body', kind: 'BAD_REQUEST_BODY' });
    const unsigned = await fetch(url('prod', '/intake'), {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toEqual({ message: 'Missing required request parameters: [X-Signature]' });
    const text = await post('/intake', 'hello', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(await text.json()).toEqual({ message: 'Unsupported Media Type' });
    const unknown = await post('/nowhere', '{}');
    expect(unknown.status).toBe(403);
    expect(await unknown.json()).toEqual({ message: 'Missing Authentication Token' });
  });

  it('invokes a Lambda proxy with path parameters and returns its response; a malformed one is a 502', async () => {
    const response = await fetch(url('prod', '/partner/put-event/order?event-type=order_placed'), {
      method: 'POST',
      body: 'x',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-echo')).toBe('put-event/order');
    expect(await response.json()).toEqual({
      path: '/partner/put-event/order',
      resource: '/partner/{proxy+}',
      query: { 'event-type': 'order_placed' },
      body: 'x',
    });
    const malformed = await fetch(url('prod', '/partner/x?malformed=1'));
    expect(malformed.status).toBe(502);
    expect(await malformed.json()).toEqual({ message: 'Internal server error' });
  });

  it('throttles a stage beyond its burst with 429', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post('/intake', '{"n":1}', {}, 'tight')).status);
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    expect(statuses.slice(2)).toContain(429);
  });

  it('gives a method with its own throttle a bucket apart from the stage', async () => {
    const intake = [];
    for (let i = 0; i < 5; i++) intake.push((await post('/intake', '{"n":1}', {}, 'per-method')).status);
    // The method's burst of 3, not the stage's 1; the stage bucket is untouched by them.
    expect(intake.slice(0, 3)).toEqual([200, 200, 200]);
    expect(intake.slice(3)).toContain(429);
    const other = await fetch(url('per-method', '/partner/x'));
    expect(other.status).not.toBe(429);
  });
});
