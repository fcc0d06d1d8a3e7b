/**
 * `npm run bench:emulator`: raw event-pattern evaluations per second, and PutEvents → 20 rules →
 * SQS target throughput end to end through the real SDK and the edge.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startEmulator } from '../../emulator/index';
import { benchEntries, putBenchRules, wireSender, type Sender } from './events-workload';
import { compilePattern } from '../../emulator/services/events/pattern/compile';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const RULES = 20;

function patterns(): object[] {
  const out: object[] = [];
  for (let i = 0; i < RULES; i++) {
    switch (i % 5) {
      case 0:
        out.push({ source: [`partner.${i}`], 'detail-type': ['Order Updated'] });
        break;
      case 1:
        out.push({
          source: [{ prefix: 'partner.' }],
          detail: { total: [{ numeric: ['>=', i * 10, '<', i * 10 + 100] }] },
        });
        break;
      case 2:
        out.push({
          detail: {
            status: [{ 'anything-but': ['cancelled', 'refunded'] }],
            sku: [{ wildcard: `SKU-${i}*` }],
          },
        });
        break;
      case 3:
        out.push({ detail: { ip: [{ cidr: '10.0.0.0/8' }], country: [{ 'equals-ignore-case': 'nl' }] } });
        break;
      default:
        out.push({ $or: [{ detail: { kind: [`k${i}`] } }, { detail: { priority: [{ exists: true }] } }] });
    }
  }
  return out;
}

function event(i: number): Record<string, unknown> {
  return {
    version: '0',
    id: String(i),
    'detail-type': 'Order Updated',
    source: `partner.${i % 25}`,
    account: '000000000000',
    time: '2026-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: {
      total: (i * 7) % 300,
      status: i % 3 ? 'paid' : 'cancelled',
      sku: `SKU-${i % 30}-x`,
      ip: `10.0.${i % 256}.1`,
      country: i % 2 ? 'NL' : 'de',
      kind: `k${i % 20}`,
    },
  };
}

function benchPatterns(): number {
  const compiled = patterns().map((p) => compilePattern(JSON.stringify(p)));
  const events = Array.from({ length: 1000 }, (_, i) => event(i));
  let matches = 0;
  const iterations = 100;
  const started = process.hrtime.bigint();
  for (let r = 0; r < iterations; r++) {
    for (const e of events) for (const p of compiled) if (p.matches(e)) matches++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const evaluations = iterations * events.length * compiled.length;
  if (matches === 0) throw new Error('benchmark patterns never matched; the workload is wrong');
  return evaluations / seconds;
}

/** The SDK client, as handlers use it (signing and serialization share the CPU with the emulator). */
function sdkSender(agent: Agent): Sender {
  let client: EventBridgeClient | undefined;
  return async (endpoint, Entries) => {
    client ??= new EventBridgeClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
      requestHandler: new NodeHttpHandler({ httpAgent: agent }),
    });
    const result = await client.send(new PutEventsCommand({ Entries: Entries as never }));
    if (result.FailedEntryCount)
      throw new Error(`PutEvents failed entries: ${JSON.stringify(result.Entries)}`);
  };
}

async function benchEndToEnd(
  makeSender: (agent: Agent) => Sender,
  total: number,
): Promise<{ perSecond: number; delivered: number }> {
  const stateDir = mkdtempSync(join(tmpdir(), 'hydrant-bench-'));
  const emulator = await startEmulator({
    port: 0,
    stateDir,
    durableAnswers: process.env.BENCH_DURABLE !== '0',
  });
  try {
    const config = {
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
      requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 32 }) }),
    };
    const events = new EventBridgeClient(config);
    const send = makeSender(new Agent({ keepAlive: true, maxSockets: 32 }));
    const sqs = new SQSClient(config);
    const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'bench' }))).QueueUrl!;
    const queueArn = 'arn:aws:sqs:us-east-1:000000000000:bench';
    await putBenchRules(events, queueArn, RULES);
    const batches = total / 10;
    const concurrency = 16;
    let next = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < batches) {
          const b = next++;
          await send(emulator.endpoint, benchEntries(b * 10));
        }
      }),
    );
    await emulator.services.events.idle();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    const delivered = Number(attributes.Attributes!.ApproximateNumberOfMessages);
    if (delivered !== total) throw new Error(`expected ${total} messages in SQS, found ${delivered}`);
    events.destroy();
    sqs.destroy();
    return { perSecond: total / seconds, delivered };
  } finally {
    await emulator.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

const evaluations = benchPatterns();
console.log(`pattern evaluations: ${Math.round(evaluations).toLocaleString('en-US')}/s (target ≥ 200,000/s)`);
for (const [label, sender, total] of [
  ['wire requests', wireSender, 40_000],
  ...(process.env.BENCH_WIRE_ONLY ? [] : ([['SDK client in the same process', sdkSender, 10_000]] as const)),
] as const) {
  const result = await benchEndToEnd(sender, total);
  console.log(
    `PutEvents → ${RULES} rules → SQS (${label}): ${Math.round(result.perSecond).toLocaleString('en-US')} entries/s, ${result.delivered} delivered (target ≥ 5,000/s)`,
  );
}
