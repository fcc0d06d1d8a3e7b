import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUCKET,
  BUS,
  hydrant,
  startLocalHydrant,
  startServer,
  type LocalHydrant,
  type TestServer,
} from './helpers';

let local: LocalHydrant;
let cloudformation: TestServer;
const savedEnv = { ...process.env };

/** A CloudFormation stand-in (query protocol) whose stack outputs point at the emulator's resources. */
function describeStacksXml(outputs: Record<string, string>): string {
  const members = Object.entries(outputs)
    .map(([k, v]) => `<member><OutputKey>${k}</OutputKey><OutputValue>${v}</OutputValue></member>`)
    .join('');
  return (
    '<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks>' +
    '<member><StackName>Hydrant</StackName><StackId>arn:aws:cloudformation:eu-west-1:1:stack/Hydrant/1</StackId>' +
    '<CreationTime>2026-01-01T00:00:00Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus>' +
    `<Outputs>${members}</Outputs></member></Stacks></DescribeStacksResult>` +
    '<ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></DescribeStacksResponse>'
  );
}

beforeAll(async () => {
  local = await startLocalHydrant();
  cloudformation = await startServer((req, res) => {
    const params = new URLSearchParams(req.body);
    if (params.get('Action') !== 'DescribeStacks') return void res.writeHead(400).end();
    if (params.get('StackName') !== 'Hydrant') {
      res
        .writeHead(400, { 'content-type': 'text/xml' })
        .end(
          '<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type>' +
            `<Code>ValidationError</Code><Message>Stack with id ${params.get('StackName')} does not exist</Message>` +
            '</Error><RequestId>r2</RequestId></ErrorResponse>',
        );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/xml' }).end(
      describeStacksXml({
        BusName: BUS,
        BucketName: BUCKET,
        StripeSecretArn: local.secretIds.stripe,
        DeliverySecretArn: local.secretIds.delivery,
        OrderHydrationQueueUrl: local.queues['order-hydration']!,
        OrderHydrationDlqUrl: local.dlqs['order-hydration']!,
      }),
    );
  });
  // A deployed stack is reached through the SDK's default configuration; here it leads to the stand-ins.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: local.emulator.endpoint,
    AWS_ENDPOINT_URL_CLOUDFORMATION: cloudformation.url,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
});

afterAll(async () => {
  process.env = savedEnv;
  await cloudformation?.close();
  await local?.close();
});

describe('local target', () => {
  it('exits 3 with what to do when no emulator has written endpoints.json', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'hydrant-empty-'));

    const run = await hydrant(['dlq', 'ls'], { env: { HYDRANT_STATE: empty } });

    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      `${join(empty, 'endpoints.json')} does not exist. Start it with \`npm start\``,
    );
  });

  it('prefers --state over HYDRANT_STATE, relative to the working directory', async () => {
    const run = await hydrant(['--state', 'state', 'dlq', 'ls', '--json'], {
      env: { HYDRANT_STATE: '/nonexistent' },
      cwd: join(local.stateDir, '..'),
    });

    expect(run.code).toBe(3);
    expect(run.stderr).toContain(join(local.stateDir, '..', 'state', 'endpoints.json'));
  });

  it('exits 3 when the emulator named in endpoints.json is not running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hydrant-stale-'));
    writeFileSync(
      join(dir, 'endpoints.json'),
      JSON.stringify({
        ...local.endpointsFile,
        awsEndpoint: 'http://127.0.0.1:9',
        dlqs: { x: 'http://127.0.0.1:9/0/x' },
      }),
    );

    const run = await hydrant(['dlq', 'ls', '--json'], { env: { HYDRANT_STATE: dir } });

    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain(
      'Nothing answers at http://127.0.0.1:9: start the local stack with `npm start`',
    );
    expect(run.json()).toMatchObject({ error: { name: 'TargetUnavailableError', exitCode: 3 } });
  });

  it('exits 3 for an endpoints.json that is not valid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hydrant-bad-'));
    writeFileSync(join(dir, 'endpoints.json'), '{"awsEndpoint": 4566}');

    const run = await hydrant(['objects', 'ls'], { env: { HYDRANT_STATE: dir } });

    expect(run.code).toBe(3);
    expect(run.stderr).toContain('awsEndpoint must be a non-empty string');
  });
  it('lists queues with generated names under readable names, still selectable by their SQS names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hydrant-names-'));
    const generated = 'Hydrant-HydrationOrdersDeadLetterQueueDF6E6164-65CCAF1D747A';
    writeFileSync(
      join(dir, 'endpoints.json'),
      JSON.stringify({ ...local.endpointsFile, dlqs: { [generated]: local.dlqs['item-hydration'] } }),
    );

    const ls = await hydrant(['dlq', 'ls', '--json'], { env: { HYDRANT_STATE: dir } });
    const show = await hydrant(['dlq', 'show', 'item-hydration-dlq', '--json'], {
      env: { HYDRANT_STATE: dir },
    });

    expect(ls.json()).toMatchObject({ dlqs: [{ name: 'hydration-orders-dlq' }] });
    expect(show.code, show.stderr).toBe(0);
    expect(show.json()).toMatchObject({ queue: 'hydration-orders-dlq' });
  });

  it('derives the endpoints from the stack outputs npm start lists, as a deployed stack does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hydrant-output-names-'));
    const file = local.endpointsFile as { secrets: { stripe: string; delivery: string } };
    const generated = 'Hydrant-HydrationOrdersDeadLetterQueueDF6E6164-65CCAF1D747A';
    writeFileSync(
      join(dir, 'endpoints.json'),
      JSON.stringify({
        ...local.endpointsFile,
        // The emulator lists every queue by its SQS name; the outputs say which is which.
        queues: {
          [generated]: local.dlqs['order-hydration'],
          'Hydrant-AuditQueue47ECE839-0EA7420212DC': 'x',
        },
        dlqs: { stale: local.dlqs['item-hydration'] },
        outputs: {
          BusName: BUS,
          BucketName: 'b',
          StripeSecretArn: file.secrets.stripe,
          DeliverySecretArn: file.secrets.delivery,
          OrderHydrationDlqUrl: local.dlqs['order-hydration'],
        },
      }),
    );

    const ls = await hydrant(['dlq', 'ls', '--json'], { env: { HYDRANT_STATE: dir } });

    expect(ls.code, ls.stderr).toBe(0);
    const names = (ls.json() as { dlqs: { name: string }[] }).dlqs.map((d) => d.name).sort();
    expect(names).toEqual(['order-hydration']);
  });

  it('exits 3 when the listed outputs are not a hydrant stack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hydrant-output-names-'));
    writeFileSync(
      join(dir, 'endpoints.json'),
      JSON.stringify({ ...local.endpointsFile, outputs: { BusName: BUS } }),
    );

    const ls = await hydrant(['dlq', 'ls'], { env: { HYDRANT_STATE: dir } });

    expect(ls.code).toBe(3);
    expect(ls.stderr).toMatch(/lacks the outputs BucketName, StripeSecretArn, DeliverySecretArn/);
  });
});

describe('deployed target (--stack)', () => {
  it('runs the same commands on the stack outputs', async () => {
    await local.sqs.send(
      new SendMessageCommand({ QueueUrl: local.dlqs['order-hydration'], MessageBody: '{}' }),
    );

    const run = await hydrant(['dlq', 'ls', '--stack', 'Hydrant', '--region', 'eu-west-1', '--json']);

    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toMatchObject({ dlqs: [{ name: 'order-hydration', depth: 1 }] });
  });

  it('exits 3 for a stack that does not exist', async () => {
    const run = await hydrant(['objects', 'ls', '--stack', 'Nope', '--region', 'eu-west-1']);

    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Stack Nope does not exist in eu-west-1');
  });

  it('exits 2 for --region without --stack, or --stack with --state', async () => {
    const region = await hydrant(['dlq', 'ls', '--region', 'eu-west-1']);
    const both = await hydrant(['dlq', 'ls', '--stack', 'Hydrant', '--state', '.hydrant']);

    expect(region.code).toBe(2);
    expect(region.stderr).toContain('add --stack <name>');
    expect(both.code).toBe(2);
  });
});
