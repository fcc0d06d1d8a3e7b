import { CreateArchiveCommand, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../emulator/index';
import { clients, tempStateDir } from '../helpers/emulator';
import { raw } from './helpers';

const sqsHeaders = { 'x-amz-target': 'AmazonSQS.SendMessage', 'content-type': 'application/x-amz-json-1.0' };

describe('edge: limits', () => {
  let emulator: Emulator;
  const stateDir = tempStateDir();
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, stateDir });
  });
  afterAll(() => emulator.close());

  it.each([
    ['JSON', { ...sqsHeaders }, '/', 413, 'RequestEntityTooLarge'],
    ['S3', { 'content-type': 'application/octet-stream' }, '/b/k', 400, 'EntityTooLarge'],
    [
      'API Gateway',
      { 'content-type': 'application/json' },
      '/restapis/x/local/_user_request_/',
      413,
      'Request',
    ],
  ])(
    'answers an oversized %s body from its Content-Length, reading none of it',
    async (_name, headers, path, status, text) => {
      emulator.edge.mount('/restapis/', () => {
        throw new Error('the mount must not be reached');
      });
      const response = await raw(emulator.endpoint, {
        method: path === '/' ? 'POST' : 'PUT',
        path,
        headers: { ...headers, 'content-length': 6 * 1024 ** 3 },
        withholdBody: true,
      });
      expect(response.status).toBe(status);
      expect(response.body).toContain(text);
      expect(response.headers.connection).toBe('close');
    },
  );

  it('answers a chunked JSON body that passes the cap 413', async () => {
    const body = `{"QueueUrl":"x","MessageBody":"${'a'.repeat(5 * 1024 * 1024)}"}`;
    const response = await raw(emulator.endpoint, {
      headers: { ...sqsHeaders, 'transfer-encoding': 'chunked' },
      body,
    }).catch((error: NodeJS.ErrnoException) => ({ status: error.code, body: '' }));
    // Either the 413 arrives, or the server closed the socket before the client finished writing.
    expect([413, 'ECONNRESET', 'EPIPE']).toContain(response.status);
  });

  it('refuses a JSON body nested deeper than AWS requests go', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const response = await raw(emulator.endpoint, { headers: sqsHeaders, body: `{"a":${deep}}` });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).__type).toBe('SerializationException');
  });

  it('answers 400 for malformed percent-encoding in a path (S3 and API Gateway)', async () => {
    const s3 = await raw(emulator.endpoint, { method: 'GET', path: '/bucket/%E0%A4%A' });
    expect(s3.status).toBe(400);
    expect(s3.body).toContain('<Code>InvalidURI</Code>');
    const api = await raw(emulator.endpoint, {
      method: 'GET',
      path: '/restapis/abc/local/_user_request_/%zz',
    });
    expect(api.status).toBe(400);
    expect(JSON.parse(api.body).message).toContain('URI');
  });

  it('turns a handler that throws into an AWS-shaped 500, and keeps serving', async () => {
    emulator.edge.mount('/broken/', () => Promise.reject(new Error('boom')));
    const response = await raw(emulator.endpoint, { method: 'GET', path: '/broken/x' });
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body)).toMatchObject({ message: expect.stringContaining('boom') });
    const after = await raw(emulator.endpoint, { method: 'GET', path: '/' });
    expect(after.status).toBe(200);
  });

  it('refuses an event Detail nested 20,000 levels deep (40 KB); state still saves and loads', async () => {
    const { events, sqs } = clients(emulator.endpoint);
    await events.send(
      new CreateArchiveCommand({
        ArchiveName: 'deep',
        EventSourceArn: 'arn:aws:events:us-east-1:000000000000:event-bus/default',
      }),
    );
    const Detail = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const result = await events.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'fuzz', DetailType: 'deep', Detail },
          { Source: 'fuzz', DetailType: 'ok', Detail: '{"a":{"b":[1,{"c":2}]}}' },
        ],
      }),
    );
    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries![0]).toMatchObject({ ErrorCode: 'MalformedDetail' });
    expect(result.Entries![1]!.EventId).toBeDefined();
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: 'after-deep' }))).QueueUrl!;
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'still serving' }));
    await emulator.close();
    emulator = await startEmulator({ port: 0, stateDir });
    const archive = await emulator.services.events.dispatch('DescribeArchive', { ArchiveName: 'deep' });
    expect(archive.EventCount).toBe(1);
  });
});
