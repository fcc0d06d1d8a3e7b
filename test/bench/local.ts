/**
 * `npm run bench:local`: signed Stripe webhooks posted over loopback (from a process of their own)
 * into the synthesized stack running in the local cloud.
 *
 * 1. Processed per second: BENCH_WEBHOOKS (5,000) webhooks flat out, then until every one is
 *    processed: verified (the verified event reached a subscriber queue on the bus; the queue's
 *    SentTimestamp is the arrival time), and for payments also written to the order's timeline by
 *    the orders service (the object exists in S3).
 * 2. Latency at rising paced rates: end to end from POST until the verified event arrives, and HTTP.
 * 3. A bare Node HTTP server that only verifies the same signatures, for scale.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { PROJECT_ROOT, startLocalHydrant, type LocalHydrant } from '../../bin/local/local-hydrant';
import type { LocalCloud } from '../../emulator/local-cloud';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const SECRET = 'whsec_bench_local';
/** Offered rates per step, then one unthrottled step; `BENCH_RATES=100,300` overrides. */
const RATES = (process.env.BENCH_RATES ?? '200,500,1000').split(',').filter(Boolean).map(Number);
const STEP_SECONDS = 5;
/** Webhooks per "processed" run; `BENCH_WEBHOOKS=2000` overrides. */
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 5000);
/** Which "processed" runs; `BENCH_WORKLOADS=customer` runs the webhook path alone. */
const WORKLOADS = (process.env.BENCH_WORKLOADS ?? 'customer,payment')
  .split(',')
  .filter((w): w is 'customer' | 'payment' => w === 'customer' || w === 'payment');
/** A run has stalled when nothing new was processed for this long. */
const STALL_MS = 20_000;
const CONNECTIONS = 32;
const LOAD_SCRIPT = path.join(PROJECT_ROOT, 'test', 'bench', 'webhook-load.ts');

interface LoadResult {
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly httpP50: number;
  readonly httpP99: number;
  /** The load generator's own CPU time. */
  readonly cpuMs: number;
  readonly postedAt: Record<string, number>;
}

/** CPU time so far: the whole process (every thread) and its main thread (Linux: /proc). */
function cpuNow(): { processMs: number; mainMs: number } {
  const { user, system } = process.cpuUsage();
  let mainMs = NaN;
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 per second here).
    mainMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    // Not Linux: the main thread's share is not reported.
  }
  return { processMs: (user + system) / 1000, mainMs };
}

let run = 0;

interface LoadPlan {
  readonly rate?: number;
  readonly seconds?: number;
  readonly amount?: number;
  readonly kind?: 'customer' | 'payment';
  readonly idPrefix?: string;
}

/** Runs the load generator in its own process (see webhook-load.ts). */
function load(url: string, plan: LoadPlan): Promise<LoadResult> {
  const args = JSON.stringify({
    url,
    secret: SECRET,
    seconds: STEP_SECONDS,
    connections: CONNECTIONS,
    idPrefix: `evt_bench_${++run}`,
    ...plan,
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
  let progressAt = Date.now();
  while (arrivals.size < expected && Date.now() - progressAt < STALL_MS) {
    const { Messages = [] } = (await cloud.emulator.services.sqs.dispatch('ReceiveMessage', {
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
      MessageSystemAttributeNames: ['SentTimestamp'],
    })) as { Messages?: { Body: string; ReceiptHandle: string; Attributes: { SentTimestamp: string } }[] };
    for (const m of Messages) {
      // Stragglers of an earlier step are deleted but not counted.
      const id = (JSON.parse(m.Body) as { detail: { id: string } }).detail.id;
      if (id in postedAt) {
        arrivals.set(id, Number(m.Attributes.SentTimestamp));
        progressAt = Date.now();
      }
      await cloud.emulator.services.sqs.dispatch('DeleteMessage', {
        QueueUrl: queueUrl,
        ReceiptHandle: m.ReceiptHandle,
      });
    }
  }
  return arrivals;
}

/**
 * Counts the timeline objects under `prefix` until `expected` exist (or nothing new appears for
 * STALL_MS); resolves with how many, and when the last one was first seen (polled every 100 ms).
 */
async function watchTimeline(
  cloud: LocalCloud,
  bucket: string,
  prefix: string,
  expected: number,
): Promise<{ count: number; doneAt: number }> {
  let count = 0;
  let progressAt = Date.now();
  while (Date.now() - progressAt < STALL_MS) {
    let token: string | undefined;
    let seen = 0;
    do {
      const page = cloud.emulator.services.s3.listObjects(bucket, { prefix, continuationToken: token });
      seen += page.keys.length;
      token = page.nextContinuationToken;
    } while (token);
    if (seen > count) {
      count = seen;
      progressAt = Date.now();
    }
    if (count >= expected) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { count, doneAt: progressAt };
}

interface ProcessedRow {
  readonly workload: string;
  readonly accepted: number;
  readonly acceptedPerSecond: number;
  readonly verifiedPerSecond: number;
  readonly timelinePerSecond?: number;
  readonly lost: number;
  readonly e2eP50: number;
  readonly e2eP99: number;
  /** CPU milliseconds per webhook: the emulator's main thread, its other threads, the load generator. */
  readonly cpu: { readonly main: number; readonly others: number; readonly generator: number };
}

/**
 * WEBHOOKS webhooks flat out; processed per second counts from the first POST until the last
 * webhook was processed (verified, and for payments written to the timeline).
 */
async function processedRun(local: LocalHydrant, queueUrl: string, kind: 'customer' | 'payment') {
  const { cloud, endpoints } = local;
  const idPrefix = `evt_bench_${++run}`;
  const timeline =
    kind === 'payment'
      ? watchTimeline(cloud, endpoints.bucket, `orders/ord_${idPrefix}_`, WEBHOOKS)
      : undefined;
  const cpuBefore = cpuNow();
  const result = await load(endpoints.webhooks.stripe!, { amount: WEBHOOKS, kind, idPrefix });
  const arrivals = await collectArrivals(cloud, queueUrl, result.postedAt, result.ok);
  const written = await timeline;
  const cpuAfter = cpuNow();
  const perWebhook = (ms: number) => Number((ms / result.ok).toFixed(2));
  const mainMs = cpuAfter.mainMs - cpuBefore.mainMs;
  const posted = Object.values(result.postedAt);
  const firstPost = Math.min(...posted);
  const lastArrival = Math.max(...arrivals.values());
  const latencies = [...arrivals].map(([id, at]) => at - result.postedAt[id]).sort((a, b) => a - b);
  const perSecond = (n: number, until: number) => Math.round(n / ((until - firstPost) / 1000));
  const row: ProcessedRow = {
    workload:
      kind === 'payment'
        ? 'payment_intent.succeeded (verify + timeline object)'
        : 'customer.updated (verify)',
    accepted: result.ok,
    acceptedPerSecond: perSecond(result.ok, Math.max(...posted)),
    verifiedPerSecond: perSecond(arrivals.size, lastArrival),
    timelinePerSecond: written && perSecond(written.count, written.doneAt),
    lost: Math.max(0, result.ok - (written?.count ?? arrivals.size)),
    e2eP50: percentile(latencies, 50),
    e2eP99: percentile(latencies, 99),
    cpu: {
      main: perWebhook(mainMs),
      others: perWebhook(cpuAfter.processMs - cpuBefore.processMs - mainMs),
      generator: perWebhook(result.cpuMs),
    },
  };
  return row;
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
    durableAnswers: process.env.BENCH_DURABLE !== '0',
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
  const warm = await load(url, { rate: 400, seconds: 3 });
  await collectArrivals(cloud, queueUrl, warm.postedAt, warm.ok);

  const processed: ProcessedRow[] = [];
  for (const kind of WORKLOADS) {
    processed.push(await processedRun(local, queueUrl, kind));
    console.log(JSON.stringify(processed.at(-1)));
  }

  const rows: string[] = [];
  for (const rate of RATES) {
    const result = await load(url, { rate });
    const accepted = result.ok;
    const arrivals = await collectArrivals(cloud, queueUrl, result.postedAt, accepted);
    const latencies = [...arrivals].map(([id, at]) => at - result.postedAt[id]).sort((a, b) => a - b);
    const lost = Math.max(0, accepted - arrivals.size);
    rows.push(
      `| ${rate} | ${(accepted / STEP_SECONDS).toFixed(0)} | ${result.non2xx + result.errors} | ${lost} | ` +
        `${percentile(latencies, 50)} | ${percentile(latencies, 99)} | ${result.httpP50} | ${result.httpP99} |`,
    );
    console.log(rows.at(-1));
  }
  await cloud.close();

  const bare = await bareServer();
  const bareResult = await load(bare.url, {});
  bare.close();
  const bareRate = bareResult.ok / STEP_SECONDS;

  console.log(
    `\n${WEBHOOKS} webhooks flat out (${CONNECTIONS} connections), until every one is processed:\n`,
  );
  console.log(
    '| workload | accepted /s | verified /s | timeline objects /s | lost | e2e p50 ms | e2e p99 ms | ' +
      'CPU ms per webhook: main thread / other threads / load generator |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of processed) {
    console.log(
      `| ${r.workload} | ${r.acceptedPerSecond} | ${r.verifiedPerSecond} | ${r.timelinePerSecond ?? '—'} | ` +
        `${r.lost} | ${r.e2eP50} | ${r.e2eP99} | ${r.cpu.main} / ${r.cpu.others} / ${r.cpu.generator} |`,
    );
  }
  console.log('\nPaced rates, 5 s each:\n');
  console.log(
    '| offered /s | accepted /s | non-2xx | lost | e2e p50 ms | e2e p99 ms | HTTP p50 ms | HTTP p99 ms |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  console.log(`\nBare Node server verifying the same signatures: ${bareRate.toFixed(0)} /s`);
  console.log(
    `Verified per second / bare server: ${((processed[0]?.verifiedPerSecond ?? NaN) / bareRate).toFixed(3)}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
