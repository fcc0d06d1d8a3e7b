import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../emulator/index';
import { clients, startTestEmulator } from '../helpers/emulator';
import { raw } from './helpers';

const listSecrets = {
  'x-amz-target': 'secretsmanager.ListSecrets',
  'content-type': 'application/x-amz-json-1.1',
};

describe('edge: loopback only', () => {
  let emulator: Emulator;
  let port: number;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    port = emulator.port;
    await clients(emulator.endpoint).secrets.send(new ListSecretsCommand({}));
  });
  afterAll(() => emulator.close());

  it.each([
    ['127.0.0.1', 200],
    ['localhost', 200],
    ['[::1]', 200],
    ['LOCALHOST', 200],
    ['rebind.attacker.example', 403],
    ['127.0.0.1.nip.io', 403],
    ['localhost.attacker.example', 403],
    ['10.0.0.5', 403],
  ])('Host %s with the port → %i', async (name, status) => {
    const response = await raw(emulator.endpoint, {
      headers: { ...listSecrets, host: `${name}:${port}` },
      body: '{}',
    });
    expect(response.status).toBe(status);
  });

  it('refuses a DNS-rebinding Host without reading any secret', async () => {
    const response = await raw(emulator.endpoint, {
      headers: { ...listSecrets, host: `rebind.attacker.example:${port}` },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ __type: 'AccessDenied' });
    expect(response.body).toContain('DNS rebinding');
    expect(response.body).not.toContain('SecretList');
  });

  it('refuses a loopback name on another port', async () => {
    const response = await raw(emulator.endpoint, {
      headers: { ...listSecrets, host: `localhost:${port + 1}` },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });

  it('serves S3 virtual hosts under localhost and refuses others', async () => {
    const ok = await raw(emulator.endpoint, {
      method: 'GET',
      headers: { host: `some-bucket.localhost:${port}` },
    });
    expect(ok.status).toBe(404);
    expect(ok.body).toContain('NoSuchBucket');
    const refused = await raw(emulator.endpoint, {
      method: 'GET',
      headers: { host: `some-bucket.s3.attacker.example:${port}` },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('<Code>AccessDenied</Code>');
  });

  it('refuses a cross-site text/plain POST (no preflight) to SQS and S3', async () => {
    const sqs = await raw(emulator.endpoint, {
      headers: {
        host: `127.0.0.1:${port}`,
        origin: 'https://evil.example',
        'content-type': 'text/plain',
        'x-amz-target': 'AmazonSQS.CreateQueue',
      },
      body: '{"QueueName":"csrf"}',
    });
    expect(sqs.status).toBe(403);
    const s3 = await raw(emulator.endpoint, {
      method: 'PUT',
      path: '/csrf-bucket',
      headers: { host: `127.0.0.1:${port}`, origin: 'null', 'content-type': 'text/plain' },
      body: '',
    });
    expect(s3.status).toBe(403);
    const queues = await raw(emulator.endpoint, {
      headers: { 'x-amz-target': 'AmazonSQS.ListQueues', 'content-type': 'application/x-amz-json-1.0' },
      body: '{}',
    });
    expect(queues.body).not.toContain('csrf');
    const bucket = await raw(emulator.endpoint, { method: 'HEAD', path: '/csrf-bucket' });
    expect(bucket.status).toBe(404);
  });

  it('refuses Sec-Fetch-Site: cross-site even without an Origin', async () => {
    const response = await raw(emulator.endpoint, {
      method: 'GET',
      path: '/',
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(response.status).toBe(403);
  });

  it("serves the emulator's own origin", async () => {
    const response = await raw(emulator.endpoint, {
      headers: { ...listSecrets, origin: `http://localhost:${port}`, 'sec-fetch-site': 'same-origin' },
      body: '{}',
    });
    expect(response.status).toBe(200);
  });
});
