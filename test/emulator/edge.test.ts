import { EventBridgeClient, ListEventBusesCommand } from '@aws-sdk/client-eventbridge';
import { ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/index';
import { startTestEmulator } from './helpers/emulator';

describe('edge', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.close());

  it('serves mounted prefixes before S3', async () => {
    emulator.edge.mount('/restapis/', (req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`mounted ${req.method} ${req.url}`);
    });
    const response = await fetch(`${emulator.endpoint}/restapis/abc/local/_user_request_/hello?x=1`);
    expect(await response.text()).toBe('mounted GET /restapis/abc/local/_user_request_/hello?x=1');
  });

  it('names a service it does not emulate', async () => {
    const response = await fetch(emulator.endpoint, {
      method: 'POST',
      headers: {
        'x-amz-target': 'AWSStepFunctions.StartExecution',
        'content-type': 'application/x-amz-json-1.0',
      },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain('AWSStepFunctions');
  });

  it('answers a body that is not JSON with SerializationException', async () => {
    const response = await fetch(emulator.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'AmazonSQS.ListQueues', 'content-type': 'application/x-amz-json-1.0' },
      body: '{oops',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('SerializationException');
  });

  it('explains, in the query protocol’s own XML, that the SQS query protocol is not served', async () => {
    const response = await fetch(emulator.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListQueues',
    });
    expect(response.status).toBe(400);
    const xml = await response.text();
    expect(xml).toMatch(
      /^<\?xml[^>]*>\n<ErrorResponse><Error><Type>Sender<\/Type><Code>UnknownOperationException<\/Code>/,
    );
    expect(xml).toMatch(/<Message>[^<]*SQS over JSON 1\.0[^<]*query protocol[^<]*<\/Message>/);
  });

  it('names a service it does not serve, signed for it in the query protocol or over REST', async () => {
    const signedFor = (service: string) =>
      `AWS4-HMAC-SHA256 Credential=test/20261130/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`;
    const sns = await fetch(emulator.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: signedFor('sns') },
      body: 'Action=ListTopics&Version=2010-03-31',
    });
    expect(await sns.text()).toMatch(
      /<Code>UnknownOperationException<\/Code><Message>The local emulator does not serve sns;/,
    );
    // Without a mounted Lambda API, Lambda's REST paths would otherwise reach S3 as a bucket.
    const lambda = await fetch(`${emulator.endpoint}/2015-03-31/functions/`, {
      headers: { authorization: signedFor('lambda') },
    });
    expect(lambda.status).toBe(400);
    expect(((await lambda.json()) as { message: string }).message).toMatch(
      /does not serve lambda; .*Lambda only in a local cloud/,
    );
  });

  it('takes a form-encoded POST as the query protocol only when it is neither mounted nor signed for S3', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    emulator.edge.mount('/forms/', (req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`mounted ${req.method}`);
    });
    const mounted = await fetch(`${emulator.endpoint}/forms/hook`, {
      method: 'POST',
      headers: form,
      body: 'a=1',
    });
    expect(await mounted.text()).toBe('mounted POST');

    const s3Auth =
      'AWS4-HMAC-SHA256 Credential=test/20261130/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00';
    const created = await fetch(`${emulator.endpoint}/form-signed`, {
      method: 'PUT',
      headers: { authorization: s3Auth },
    });
    expect(created.status).toBe(200);
    const listed = await fetch(`${emulator.endpoint}/form-signed?list-type=2`, {
      method: 'POST',
      headers: { ...form, authorization: s3Auth },
      body: 'a=1',
    });
    // S3 answers (its own XML error for a POST it does not take), not the query-protocol message.
    expect(listed.headers.get('content-type')).toContain('xml');
    expect(await listed.text()).not.toContain('query protocol');
    const credential = encodeURIComponent('test/20261130/us-east-1/s3/aws4_request');
    const presigned = await fetch(`${emulator.endpoint}/form-signed?X-Amz-Credential=${credential}`, {
      method: 'POST',
      headers: form,
      body: 'a=1',
    });
    expect(await presigned.text()).not.toContain('query protocol');
  });

  it('serves SDK clients configured only through AWS_ENDPOINT_URL', async () => {
    const saved = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = emulator.endpoint;
    try {
      const config = { region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } };
      const { QueueUrl } = await new SQSClient(config).send(
        new CreateQueueCommand({ QueueName: 'env-only' }),
      );
      await new SQSClient(config).send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
      const buses = await new EventBridgeClient(config).send(new ListEventBusesCommand({}));
      expect(buses.EventBuses!.map((b) => b.Name)).toContain('default');
      expect((await new SecretsManagerClient(config).send(new ListSecretsCommand({}))).SecretList).toEqual(
        [],
      );
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = saved;
    }
  });
});
