/**
 * Test files share their worker's module cache (`isolate: false` in vitest.config.ts: importing
 * aws-cdk-lib and the AWS SDK once per worker instead of once per file halves the suite's time).
 * So whatever a file changes in the process is put back when it ends: stubbed environment variables
 * and globals, spies, aws-sdk-client-mock's stubs of `Client#send`, and any other environment change.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, vi } from 'vitest';

const SDK_CLIENTS = [EventBridgeClient, S3Client, SecretsManagerClient, SQSClient];
const env = { ...process.env };

afterAll(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  for (const Client of SDK_CLIENTS) {
    const send = Client.prototype.send as { restore?: () => void };
    if (typeof send.restore === 'function') send.restore();
  }
  for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
  Object.assign(process.env, env);
});
