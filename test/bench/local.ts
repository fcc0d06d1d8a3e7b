/**
 * `npm run bench:local`: signed Stripe webhooks posted over loopback at rising rates (autocannon)
 * into the synthesized stack running in the local cloud. Reports accepted throughput, end-to-end
 * latency from POST until the verified event reaches its subscriber (an SQS queue on the bus; the
 * queue's SentTimestamp is the arrival time), loss, and the ratio to a bare Node HTTP server that
 * only verifies the same signatures.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { PROJECT_ROOT, startLocalHydrant, type LocalHydrant } from '../../bin/local/local-hydrant';
import type { LocalCloud } from '../../emulator/local-cloud';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const SECRET = 'whsec_bench_local';
/** Offered rates per step, then one unthrottled step; `BENCH_RATES=100,300` overrides. */
const RATES = (process.env.BENCH_RATES ?? '200,500,1000').split(',').map(Number);
const STEP_SECONDS = 5;
const CONNECTIONS = 32;
const LOAD_SCRIPT = path.join(PROJECT_ROOT, 'test', 'bench', 'webhook-load.ts');

interface LoadResult {
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly httpP50: number;
  readonly httpP99: number;
  readonly postedAt: Record<string, number>;
}

let run = 0;

/** Runs the load generator in its own process (see webhook-load.ts). */
function load(url: string, rate: number | undefined, seconds: number): Promise<LoadResult> {
  const args = JSON.stringify({
    url,
    secret: SECRET,
    rate,
    seconds,
    connections: CONNECTIONS,
    idPrefix: `evt_bench_${++run}`,
  });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', LOAD_SCRIPT, args], {
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += String(c)));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`load generator exited ${code}: ${out}`));
      else resolve(JSON.parse(line) as LoadResult);
    });
  });
}

/** The bare server: reads the body and verifies the signature, nothing else. */
async function bareServer(): Promise<{ url: string; close(): void }> {
  const stripe = new Stripe('sk_test_unused');
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        stripe.webhooks.constructEvent(
          Buffer.concat(chunks).toString('utf8'),
          String(req.headers['stripe-signature']),
          SECRET,
        );
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

async function subscriberQueue({ cloud, endpoints }: LocalHydrant): Promise<string> {
  const { sqs, events } = cloud.emulator.services;
  const { QueueUrl } = (await sqs.dispatch('CreateQueue', { QueueName: 'bench-verified' })) as {
    QueueUrl: string;
  };
  const { Attributes } = (await sqs.dispatch('GetQueueAttributes', {
    QueueUrl,
    AttributeNames: ['QueueArn'],
  })) as {
    Attributes: { QueueArn: string };
  };
  const bus = endpoints.bus;
  await events.dispatch('PutRule', {
    Name: 'bench-verified',
    EventBusName: bus,
    EventPattern: '{"source":["stripe"]}',
  });
  await events.dispatch('PutTargets', {
    Rule: 'bench-verified',
    EventBusName: bus,
    Targets: [{ Id: 'q', Arn: Attributes.QueueArn }],
  });
  return QueueUrl;
}

/** Arrival time (SentTimestamp) of every verified event in the queue, by event id; waits until quiet. */
async function collectArrivals(
  cloud: LocalCloud,
  queueUrl: string,
  postedAt: Readonly<Record<string, number>>,
  expected: number,
): Promise<Map<string, number>> {
  const arrivals = new Map<string, number>();
  const deadline = Date.now() + 60_000;
  while (arrivals.size < expected && Date.now() < deadline) {
    const { Messages = [] } = (await cloud.emulator.services.sqs.dispatch('ReceiveMessage', {
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
      MessageSystemAttributeNames: ['SentTimestamp'],
    })) as { Messages?: { Body: string; ReceiptHandle: string; Attributes: { SentTimestamp: string } }[] };
    for (const m of Messages) {
      // Stragglers of an earlier step are deleted but not counted.
      const id = (JSON.parse(m.Body) as { detail: { id: string } }).detail.id;
      if (id in postedAt) arrivals.set(id, Number(m.Attributes.SentTimestamp));
      await cloud.emulator.services.sqs.dispatch('DeleteMessage', {
        QueueUrl: queueUrl,
        ReceiptHandle: m.ReceiptHandle,
      });
    }
  }
  return arrivals;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  console.log('Synthesizing with stage throttling raised for the benchmark…');
  const silent = { write: () => true } as unknown as NodeJS.WritableStream;
  const local = await startLocalHydrant({
    outdir: path.join(tmpdir(), 'hydrant-bench-local', 'cdk.out'),
    context: { 'hydrant:throttleRateLimit': 10_000, 'hydrant:throttleBurstLimit': 5_000 },
    port: 0,
    stateDir: mkdtempSync(path.join(tmpdir(), 'hydrant-bench-state-')),
    logs: { stdout: silent, stderr: silent },
  });
  const { cloud, endpoints } = local;
  await cloud.emulator.services.secretsmanager.dispatch('PutSecretValue', {
    SecretId: endpoints.secrets.stripe,
    SecretString: JSON.stringify({ signingSecrets: [SECRET] }),
  });
  const queueUrl = await subscriberQueue(local);
  const url = endpoints.webhooks.stripe!;
  console.log(`Webhook URL ${url}\n`);
  // Warm-up: every verifier worker started and its secret cached, as a warm Lambda would be.
  const warm = await load(url, 400, 3);
  await collectArrivals(cloud, queueUrl, warm.postedAt, warm.ok);

  const rows: string[] = [];
  for (const rate of [...RATES, undefined]) {
    const result = await load(url, rate, STEP_SECONDS);
    const accepted = result.ok;
    const arrivals = await collectArrivals(cloud, queueUrl, result.postedAt, accepted);
    const latencies = [...arrivals].map(([id, at]) => at - result.postedAt[id]).sort((a, b) => a - b);
    // autocannon does not count answers still in flight when its time is up, so more events can
    // arrive than it counted as accepted.
    const lost = Math.max(0, accepted - arrivals.size);
    rows.push(
      `| ${rate ?? 'max'} | ${(accepted / STEP_SECONDS).toFixed(0)} | ${result.non2xx + result.errors} | ${lost} | ` +
        `${percentile(latencies, 50)} | ${percentile(latencies, 99)} | ${result.httpP50} | ${result.httpP99} |`,
    );
    console.log(rows.at(-1));
  }
  const localMax = Number(rows.at(-1)!.split('|')[2]);
  await cloud.close();

  const bare = await bareServer();
  const bareResult = await load(bare.url, undefined, STEP_SECONDS);
  bare.close();
  const bareRate = bareResult.ok / STEP_SECONDS;

  console.log(
    '\n| offered /s | accepted /s | non-2xx | lost | e2e p50 ms | e2e p99 ms | HTTP p50 ms | HTTP p99 ms |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  console.log(`\nBare Node server verifying the same signatures: ${bareRate.toFixed(0)} /s`);
  console.log(`Local pipeline / bare server: ${(localMax / bareRate).toFixed(2)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
