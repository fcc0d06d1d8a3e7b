/**
 * `npm run bench:durability`: what answering only after the write costs. The same workloads run
 * against an emulator that answers once a change is on disk (group commit, the default) and one
 * that answers first and writes ~20 ms later (`durableAnswers: false`, the old behaviour, which
 * loses the last acknowledged changes on a crash). Unsigned wire requests, 16 in flight.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/index';

const CONCURRENCY = 16;
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function call(
  endpoint: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${endpoint}${path}`,
      { method, agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode! < 300 ? resolve(res.statusCode!) : reject(new Error(`${path}: ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const json = (target: string, version: string) => ({
  'x-amz-target': target,
  'content-type': `application/x-amz-json-${version}`,
});

interface Workload {
  name: string;
  unit: string;
  perRequest: number;
  count: number;
  send: (endpoint: string, i: number) => Promise<unknown>;
}

const workloads: Workload[] = [
  {
    name: 'SendMessage (200 B)',
    unit: 'messages',
    perRequest: 1,
    count: 3000,
    send: (endpoint, i) =>
      call(
        endpoint,
        'POST',
        '/',
        json('AmazonSQS.SendMessage', '1.0'),
        JSON.stringify({ QueueUrl: `${endpoint}/000000000000/bench`, MessageBody: `m${i}`.padEnd(200, '.') }),
      ),
  },
  {
    name: 'PutEvents (10 entries) → rule → SQS',
    unit: 'entries',
    perRequest: 10,
    count: 1000,
    send: (endpoint, i) =>
      call(
        endpoint,
        'POST',
        '/',
        json('AWSEvents.PutEvents', '1.1'),
        JSON.stringify({
          Entries: Array.from({ length: 10 }, (_, j) => ({
            Source: 'bench',
            DetailType: 't',
            Detail: JSON.stringify({ n: i * 10 + j }),
          })),
        }),
      ),
  },
  {
    name: 'PutObject (4 KB)',
    unit: 'objects',
    perRequest: 1,
    count: 1500,
    send: (endpoint, i) =>
      call(
        endpoint,
        'PUT',
        `/bench/o${i}`,
        { 'content-type': 'application/octet-stream' },
        `${i}`.padEnd(4096),
      ),
  },
];

async function prepare(emulator: Emulator): Promise<void> {
  const { sqs, events, s3 } = emulator.services;
  await sqs.dispatch('CreateQueue', { QueueName: 'bench' });
  await events.dispatch('PutRule', { Name: 'bench', EventPattern: '{"source":["bench"]}' });
  await events.dispatch('PutTargets', {
    Rule: 'bench',
    Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:bench' }],
  });
  s3.createBucket('bench');
}

async function run(
  workload: Workload,
  durableAnswers: boolean,
): Promise<{ perSecond: number; p50: number; p99: number }> {
  const stateDir = mkdtempSync(join(tmpdir(), 'hydrant-bench-durability-'));
  const emulator = await startEmulator({ port: 0, stateDir, durableAnswers });
  try {
    await prepare(emulator);
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < workload.count) {
          const i = next++;
          const t = performance.now();
          await workload.send(emulator.endpoint, i);
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      perSecond: (workload.count * workload.perRequest) / seconds,
      p50: latencies[Math.floor(latencies.length * 0.5)]!,
      p99: latencies[Math.floor(latencies.length * 0.99)]!,
    };
  } finally {
    await emulator.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`state folder on ${tmpdir()}; ${CONCURRENCY} requests in flight`);
console.log('| workload | answer after the write (default) | answer first (old) |');
console.log('| --- | --- | --- |');
for (const workload of workloads) {
  const durable = await run(workload, true);
  const eager = await run(workload, false);
  const cell = (r: typeof durable) =>
    `${fmt(r.perSecond)} ${workload.unit}/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`;
  console.log(`| ${workload.name} | ${cell(durable)} | ${cell(eager)} |`);
}
agent.destroy();
