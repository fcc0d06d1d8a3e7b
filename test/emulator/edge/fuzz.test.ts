/**
 * Seeded fuzzing of the edge: thousands of malformed requests across JSON 1.1 (EventBridge,
 * Secrets Manager), JSON 1.0 (SQS), REST-XML (S3) and API Gateway paths. Every request must get an
 * answer in its protocol's shape, the process must stay up, and the state must still save and
 * load afterwards. A failure prints the seed and the request; rerun with FUZZ_SEED=<seed>.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../emulator/index';
import { ApiGatewayService } from '../../../emulator/services/apigateway/apigateway-service';
import { tempStateDir } from '../helpers/emulator';
import { fuzzRequest, prng } from './fuzz-requests';
import { raw, type RawResponse } from './helpers';

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const REQUESTS = 3000;
const CONCURRENCY = 8;

describe(`edge fuzzing (seed ${SEED})`, () => {
  let emulator: Emulator;
  const stateDir = tempStateDir();
  let apiPath: string;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, stateDir, events: { log: () => {} } });
    const { events, sqs, secretsmanager } = emulator.services;
    const apigateway = new ApiGatewayService({ services: { events, sqs, secretsmanager } });
    const api = apigateway.createRestApi('fuzz', 'fuzz');
    const hook = api.addResource('r-hook', api.rootResourceId, 'hook');
    const proxy = api.addResource('r-any', hook.id, '{proxy+}');
    api.putMethod(hook.id, {
      httpMethod: 'POST',
      integration: {
        type: 'AWS',
        uri: 'arn:aws:apigateway:us-east-1:events:action/PutEvents',
        requestTemplates: {
          'application/json':
            '{"Entries":[{"Source":"fuzz","DetailType":"hook","Detail":"$util.escapeJavaScript($input.body)"}]}',
        },
        integrationResponses: [{ statusCode: '200' }],
      },
    });
    api.putMethod(proxy.id, {
      httpMethod: 'ANY',
      integration: {
        type: 'MOCK',
        passthroughBehavior: 'NEVER',
        requestTemplates: { 'application/json': '{"statusCode": 200}' },
        integrationResponses: [{ statusCode: '200' }],
      },
    });
    apigateway.createStage(api.id, { stageName: 'local', variables: {} });
    emulator.edge.mount(apigateway.prefix, apigateway.handle);
    apiPath = `/restapis/${api.id}/local/_user_request_`;
    await events.dispatch('PutRule', { Name: 'all', EventPattern: '{"source":[{"wildcard":"*"}]}' });
    await sqs.dispatch('CreateQueue', { QueueName: 'fuzz' });
    await events.dispatch('PutTargets', {
      Rule: 'all',
      Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:fuzz' }],
    });
    await events.dispatch('CreateArchive', {
      ArchiveName: 'fuzz',
      EventSourceArn: 'arn:aws:events:us-east-1:000000000000:event-bus/default',
    });
  });
  afterAll(() => emulator.close());

  it(`answers ${REQUESTS} malformed requests in their protocol's shape and stays up`, async () => {
    const random = prng(SEED);
    const requests = Array.from({ length: REQUESTS }, () => fuzzRequest(random, apiPath));
    const statuses = new Map<number, number>();
    const problems: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const index = next++;
          const request = requests[index]!;
          let response: RawResponse;
          try {
            response = await raw(emulator.endpoint, request);
          } catch (error) {
            problems.push(`#${index} no answer (${String(error)}): ${show(request)}`);
            continue;
          }
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status === 500 && process.env.FUZZ_SHOW_500) console.log(show(request), response.body);
          const problem = checkShape(request, response);
          if (problem) problems.push(`#${index} ${problem}: ${show(request)}`);
        }
      }),
    );
    expect(problems.slice(0, 10), `seed ${SEED}; statuses ${JSON.stringify([...statuses])}`).toEqual([]);
    expect(statuses.get(500) ?? 0).toBeLessThan(REQUESTS / 100);

    const alive = await raw(emulator.endpoint, {
      headers: { 'x-amz-target': 'AmazonSQS.ListQueues', 'content-type': 'application/x-amz-json-1.0' },
      body: '{}',
    });
    expect(alive.status).toBe(200);
    await emulator.close();
    emulator = await startEmulator({ port: 0, stateDir });
    const queues = await emulator.services.sqs.dispatch('ListQueues', {});
    expect(String(queues.QueueUrls)).toContain('/fuzz');
  }, 120_000);
});

function show(request: ReturnType<typeof fuzzRequest>): string {
  const body = request.body === undefined ? '' : String(request.body).slice(0, 200);
  return `${request.method} ${request.path} ${JSON.stringify(request.headers)} ${body}`;
}

/** An error must be AWS-shaped: JSON with __type (awsJson), <Error> (S3) or {"message"} (API Gateway). */
function checkShape(request: ReturnType<typeof fuzzRequest>, response: RawResponse): string | undefined {
  if (response.status < 200 || response.status > 599) return `status ${response.status}`;
  if (response.status < 400 || request.method === 'HEAD') return undefined;
  const type = String(response.headers['content-type'] ?? '');
  if (type.includes('xml'))
    return /<Error>.*<Code>\w+<\/Code>/s.test(response.body) ? undefined : 'XML error without <Code>';
  if (!type.includes('json'))
    return `${response.status} with content-type ${type}: ${response.body.slice(0, 200)}`;
  try {
    const parsed = JSON.parse(response.body) as { __type?: unknown; message?: unknown };
    if (type.includes('x-amz-json') && typeof parsed.__type !== 'string')
      return 'awsJson error without __type';
    return typeof parsed.message === 'string' || typeof parsed.__type === 'string'
      ? undefined
      : `JSON error without a message: ${response.body.slice(0, 200)}`;
  } catch {
    return `error body is not JSON: ${response.body.slice(0, 200)}`;
  }
}
