/**
 * Durability: every PutEvents, SendMessage, PutObject and secret write the emulator acknowledged
 * is there after SIGKILL. Requests run concurrently and the process is killed while some are still
 * in flight; each acknowledged one must be found after a restart on the same state folder.
 */
import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../emulator/index';
import { clientConfig, tempStateDir } from '../helpers/emulator';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient as Sqs } from '@aws-sdk/client-sqs';

const N = 100;
const KILL_AFTER = 4 * N - 40;
const root = join(import.meta.dirname, '../../..');

function clients(endpoint: string) {
  const config = { ...clientConfig(endpoint), maxAttempts: 1 };
  return {
    sqs: new Sqs(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
    secrets: new SecretsManagerClient(config),
    events: new EventBridgeClient(config),
  };
}

async function drain(sqs: SQSClient, QueueUrl: string): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 600 }),
    );
    if (Messages.length === 0) return bodies;
    bodies.push(...Messages.map((m) => m.Body!));
  }
}

describe('crash safety', () => {
  let emulator: Emulator | undefined;
  afterAll(() => emulator?.close());

  it(`keeps every acknowledged write across SIGKILL (${N} each of PutEvents, SendMessage, PutObject, CreateSecret)`, async () => {
    const stateDir = tempStateDir();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--state', stateDir],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const endpoint = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${out}`)));
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const { sqs, s3, secrets, events } = clients(endpoint);
    const direct = (await sqs.send(new CreateQueueCommand({ QueueName: 'direct' }))).QueueUrl!;
    const routed = (await sqs.send(new CreateQueueCommand({ QueueName: 'routed' }))).QueueUrl!;
    await s3.send(new CreateBucketCommand({ Bucket: 'crash' }));
    await events.send(
      new PutRuleCommand({ Name: 'all', EventPattern: JSON.stringify({ source: ['crash'] }) }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'all',
        Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:routed' }],
      }),
    );

    const acked = {
      events: new Set<number>(),
      messages: new Set<number>(),
      objects: new Set<number>(),
      secrets: new Set<number>(),
    };
    let total = 0;
    const ack = (set: Set<number>, i: number) => () => {
      set.add(i);
      if (++total === KILL_AFTER) child.kill('SIGKILL');
    };
    const work: (() => Promise<void>)[] = [];
    for (let i = 0; i < N; i++) {
      work.push(() =>
        events
          .send(
            new PutEventsCommand({
              Entries: [{ Source: 'crash', DetailType: 't', Detail: JSON.stringify({ i }) }],
            }),
          )
          .then((r) => (r.FailedEntryCount ? undefined : ack(acked.events, i)())),
      );
      work.push(() =>
        sqs
          .send(new SendMessageCommand({ QueueUrl: direct, MessageBody: `m${i}` }))
          .then(ack(acked.messages, i)),
      );
      work.push(() =>
        s3
          .send(new PutObjectCommand({ Bucket: 'crash', Key: `o${i}`, Body: `body ${i}` }))
          .then(ack(acked.objects, i)),
      );
      work.push(() =>
        secrets
          .send(new CreateSecretCommand({ Name: `s${i}`, SecretString: `v${i}` }))
          .then(ack(acked.secrets, i)),
      );
    }
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < work.length) await work[next++]!().catch(() => undefined);
      }),
    );
    await exited;
    expect(total).toBeGreaterThanOrEqual(KILL_AFTER);

    emulator = await startEmulator({ port: 0, stateDir });
    const after = clients(emulator.endpoint);
    const routedDetails = new Set(
      (await drain(after.sqs, routed.replace(endpoint, emulator.endpoint))).map(
        (b) => JSON.parse(b).detail.i as number,
      ),
    );
    const messages = new Set(await drain(after.sqs, direct.replace(endpoint, emulator.endpoint)));
    const keys = new Set<string>();
    for (let token: string | undefined; ;) {
      const page = await after.s3.send(
        new ListObjectsV2Command({ Bucket: 'crash', ContinuationToken: token }),
      );
      for (const o of page.Contents ?? []) keys.add(o.Key!);
      token = page.NextContinuationToken;
      if (!token) break;
    }
    const lost = {
      events: [...acked.events].filter((i) => !routedDetails.has(i)),
      messages: [...acked.messages].filter((i) => !messages.has(`m${i}`)),
      objects: [...acked.objects].filter((i) => !keys.has(`o${i}`)),
      secrets: [] as number[],
    };
    for (const i of acked.secrets) {
      const value = await after.secrets
        .send(new GetSecretValueCommand({ SecretId: `s${i}` }))
        .then((r) => r.SecretString)
        .catch(() => undefined);
      if (value !== `v${i}`) lost.secrets.push(i);
    }
    expect(lost).toEqual({ events: [], messages: [], objects: [], secrets: [] });
  }, 60_000);
});
