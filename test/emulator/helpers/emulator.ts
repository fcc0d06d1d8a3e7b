/**
 * Test helpers: an emulator on a random port with a fresh state folder, and SDK clients at their
 * default settings pointed at it (dummy credentials, as handlers get them locally).
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../emulator/index';

export function tempStateDir(): string {
  return mkdtempSync(join(tmpdir(), 'hydrant-emulator-'));
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, stateDir: tempStateDir(), ...options });
}

export function clientConfig(endpoint: string) {
  return {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
}

export function clients(endpoint: string) {
  const config = clientConfig(endpoint);
  return {
    sqs: new SQSClient(config),
    s3: new S3Client(config),
    secrets: new SecretsManagerClient(config),
    events: new EventBridgeClient(config),
  };
}

/** A test emulator, an S3 client for it and one bucket: how most S3 suites start. */
export async function startWithBucket(
  bucket: string,
  options: EmulatorOptions = {},
): Promise<{ emulator: Emulator; s3: S3Client }> {
  const emulator = await startTestEmulator(options);
  const s3 = new S3Client(clientConfig(emulator.endpoint));
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return { emulator, s3 };
}
