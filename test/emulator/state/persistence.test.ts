import {
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  CreateArchiveCommand,
  DescribeArchiveCommand,
  DescribeRuleCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
} from '@aws-sdk/client-secrets-manager';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../emulator/index';
import { clients, tempStateDir } from '../helpers/emulator';

async function seed(endpoint: string) {
  const { sqs, s3, secrets, events } = clients(endpoint);
  const dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'persist-dlq' }))).QueueUrl!;
  const queueUrl = (
    await sqs.send(
      new CreateQueueCommand({
        QueueName: 'persist',
        Attributes: {
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:persist-dlq',
            maxReceiveCount: 3,
          }),
        },
      }),
    )
  ).QueueUrl!;
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: 'in flight',
      MessageAttributes: { a: { DataType: 'String', StringValue: 'kept' } },
    }),
  );
  await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 3600 }));
  await s3.send(new CreateBucketCommand({ Bucket: 'persist-bucket' }));
  await s3.send(
    new PutObjectCommand({
      Bucket: 'persist-bucket',
      Key: 'a/b.json',
      Body: '{"kept":true}',
      ContentType: 'application/json',
      Metadata: { m: '1' },
    }),
  );
  await secrets.send(new CreateSecretCommand({ Name: 'persist-secret', SecretString: 'old' }));
  await secrets.send(new PutSecretValueCommand({ SecretId: 'persist-secret', SecretString: 'new' }));
  await events.send(
    new PutRuleCommand({ Name: 'persist-rule', EventPattern: JSON.stringify({ source: ['p'] }) }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: 'persist-rule',
      Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:persist' }],
    }),
  );
  await events.send(
    new CreateArchiveCommand({
      ArchiveName: 'persist-archive',
      EventSourceArn: 'arn:aws:events:us-east-1:000000000000:event-bus/default',
    }),
  );
  await events.send(new PutEventsCommand({ Entries: [{ Source: 'p', DetailType: 'd', Detail: '{"n":1}' }] }));
  return { queueUrl, dlqUrl };
}

async function verify(endpoint: string) {
  const { sqs, s3, secrets, events } = clients(endpoint);
  const queueUrl = `${endpoint}/000000000000/persist`;
  const received = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['All'],
    }),
  );
  const bodies = (received.Messages ?? []).map((m) => m.Body);
  expect(bodies).toContain('in flight');
  const inFlight = received.Messages!.find((m) => m.Body === 'in flight')!;
  expect(inFlight.MessageAttributes!.a!.StringValue).toBe('kept');
  expect(inFlight.Attributes!.ApproximateReceiveCount).toBe('2');
  expect(bodies.some((b) => b !== 'in flight' && JSON.parse(b!).detail.n === 1)).toBe(true);
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy'] }),
  );
  expect(JSON.parse(attributes.Attributes!.RedrivePolicy!).maxReceiveCount).toBe(3);
  const object = await s3.send(new GetObjectCommand({ Bucket: 'persist-bucket', Key: 'a/b.json' }));
  expect(await object.Body!.transformToString()).toBe('{"kept":true}');
  expect(object).toMatchObject({ ContentType: 'application/json', Metadata: { m: '1' } });
  expect((await secrets.send(new GetSecretValueCommand({ SecretId: 'persist-secret' }))).SecretString).toBe(
    'new',
  );
  expect(
    (
      await secrets.send(
        new GetSecretValueCommand({ SecretId: 'persist-secret', VersionStage: 'AWSPREVIOUS' }),
      )
    ).SecretString,
  ).toBe('old');
  expect((await events.send(new DescribeRuleCommand({ Name: 'persist-rule' }))).EventPattern).toBe(
    JSON.stringify({ source: ['p'] }),
  );
  expect((await events.send(new DescribeArchiveCommand({ ArchiveName: 'persist-archive' }))).EventCount).toBe(
    1,
  );
}

describe('emulator state', () => {
  let emulator: Emulator | undefined;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    await emulator?.close();
    child?.kill('SIGKILL');
    emulator = child = undefined;
  });

  it('keeps everything across a restart, with in-flight messages visible again', async () => {
    const stateDir = tempStateDir();
    emulator = await startEmulator({ port: 0, stateDir });
    await seed(emulator.endpoint);
    await emulator.services.events.idle();
    await emulator.close();
    emulator = await startEmulator({ port: 0, stateDir });
    await verify(emulator.endpoint);
  });

  it('loads after the process is killed (SIGKILL) mid-flight', async () => {
    const stateDir = tempStateDir();
    child = spawn(
      process.execPath,
      ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--state', stateDir],
      {
        cwd: join(import.meta.dirname, '../../..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const endpoint = await new Promise<string>((resolve, reject) => {
      let out = '';
      child!.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child!.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${out}`)));
    });
    await seed(endpoint);
    // No waiting for a flush: the emulator answers a change only once it is on disk.
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    emulator = await startEmulator({ port: 0, stateDir });
    await verify(emulator.endpoint);
  });

  it('ignores a torn temp file left by a crash during a write', async () => {
    const stateDir = tempStateDir();
    emulator = await startEmulator({ port: 0, stateDir });
    await clients(emulator.endpoint).sqs.send(new CreateQueueCommand({ QueueName: 'survivor' }));
    await emulator.close();
    writeFileSync(join(stateDir, `sqs.json.tmp-999-0`), '{"torn":');
    emulator = await startEmulator({ port: 0, stateDir });
    const url = (await clients(emulator.endpoint).sqs.send(new CreateQueueCommand({ QueueName: 'survivor' })))
      .QueueUrl!;
    expect(url).toContain('/survivor');
    expect(existsSync(join(stateDir, 'sqs.json.tmp-999-0'))).toBe(false);
  });

  it('starts empty with reset', async () => {
    const stateDir = tempStateDir();
    emulator = await startEmulator({ port: 0, stateDir });
    await clients(emulator.endpoint).secrets.send(
      new CreateSecretCommand({ Name: 'gone', SecretString: 'x' }),
    );
    await emulator.close();
    emulator = await startEmulator({ port: 0, stateDir, reset: true });
    await expect(
      clients(emulator.endpoint).secrets.send(new GetSecretValueCommand({ SecretId: 'gone' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
