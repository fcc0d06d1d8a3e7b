/**
 * `npm run bench:soak`: memory over a long run. Pushes 100,000 events through PutEvents → 20 rules
 * → an SQS target while consumers receive and delete them (producers keep at most 2,000 in the
 * queue), and prints the process's RSS and heap as it goes. Memory should level off: what is
 * delivered and deleted leaves nothing behind.
 * Flags: SOAK_EVENTS (default 100000).
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../emulator/index';
import { benchEntries, putBenchRules, wireSender } from './events-workload';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const TOTAL = Number(process.env.SOAK_EVENTS ?? 100_000);
const SAMPLES = 10;
const PRODUCERS = 8;
const CONSUMERS = 8;
/** Producers wait while this many events are delivered but not yet deleted: a steady state. */
const MAX_BACKLOG = 2_000;
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function sample(label: string, backlog = 0): { rss: number; heap: number } {
  gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  console.log(
    `${label.padEnd(24)} rss ${mb(rss).padStart(9)}  heap ${mb(heapUsed).padStart(9)}  backlog ${backlog}`,
  );
  return { rss, heap: heapUsed };
}

const stateDir = mkdtempSync(join(tmpdir(), 'hydrant-soak-'));
const emulator = await startEmulator({ port: 0, stateDir });
try {
  const config = {
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'soak', secretAccessKey: 'soak' },
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 16 }) }),
  };
  const events = new EventBridgeClient(config);
  const sqs = new SQSClient(config);
  const QueueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'soak' }))).QueueUrl!;
  await putBenchRules(events, 'arn:aws:sqs:us-east-1:000000000000:soak', 20);
  const send = wireSender(new Agent({ keepAlive: true, maxSockets: PRODUCERS }));

  const baseline = sample('before');
  const samples = [baseline];
  const batches = TOTAL / 10;
  let sent = 0;
  let received = 0;
  let nextSample = TOTAL / SAMPLES;
  const started = Date.now();

  const produce = async () => {
    while (sent < TOTAL) {
      if (sent - received >= MAX_BACKLOG) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      const first = sent;
      sent += 10;
      await send(emulator.endpoint, benchEntries(first));
    }
  };
  const consume = async () => {
    let idle = 0;
    while (received < TOTAL && idle < 50) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      idle = Messages.length ? 0 : idle + 1;
      if (!Messages.length) continue;
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl,
          Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
      received += Messages.length;
      if (received >= nextSample) {
        nextSample += TOTAL / SAMPLES;
        samples.push(sample(`${received.toLocaleString('en-US')} received`, sent - received));
      }
    }
  };
  await Promise.all([
    ...Array.from({ length: Math.min(PRODUCERS, batches) }, produce),
    ...Array.from({ length: CONSUMERS }, consume),
  ]);
  await emulator.services.events.idle();
  const seconds = (Date.now() - started) / 1000;
  const left = Number(
    (
      await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
      )
    ).Attributes!.ApproximateNumberOfMessages,
  );
  const end = sample('after');
  const settled = samples[Math.min(2, samples.length - 1)]!;
  console.log(
    `${TOTAL.toLocaleString('en-US')} events in ${seconds.toFixed(1)} s (${Math.round(TOTAL / seconds).toLocaleString('en-US')}/s), ${received.toLocaleString('en-US')} received and deleted, ${left} left in the queue`,
  );
  console.log(
    `rss growth after the first ${((2 * TOTAL) / SAMPLES).toLocaleString('en-US')} events: ${mb(end.rss - settled.rss)}; heap: ${mb(end.heap - settled.heap)}${gc ? '' : ' (run with --expose-gc for steadier figures)'}`,
  );
  events.destroy();
  sqs.destroy();
  if (received !== TOTAL || left !== 0) throw new Error(`expected ${TOTAL} received and an empty queue`);
} finally {
  await emulator.close();
  rmSync(stateDir, { recursive: true, force: true });
}
