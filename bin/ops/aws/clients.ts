/**
 * Ordinary AWS SDK v3 clients for a target. Locally they point at the emulator with dummy
 * credentials; for a deployed stack they use the region and profile through the default chain.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';

/** Where the clients point: the emulator when `awsEndpoint` is set, else AWS in `region`. */
export interface AwsTarget {
  /** Set for the emulator; unset means the real AWS endpoints of `region`. */
  readonly awsEndpoint?: string;
  readonly region: string;
  /** AWS shared-config profile for a deployed stack. */
  readonly profile?: string;
}

export interface AwsClients {
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly events: EventBridgeClient;
  readonly secrets: SecretsManagerClient;
  readonly lambda: LambdaClient;
  destroy(): void;
}

const LOCAL_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export function createClients(endpoints: AwsTarget): AwsClients {
  const common = endpoints.awsEndpoint
    ? { region: endpoints.region, endpoint: endpoints.awsEndpoint, credentials: LOCAL_CREDENTIALS }
    : { region: endpoints.region, profile: endpoints.profile };
  const made: { destroy(): void }[] = [];
  const track = <T extends { destroy(): void }>(client: T): T => (made.push(client), client);
  let s3: S3Client | undefined;
  let sqs: SQSClient | undefined;
  let events: EventBridgeClient | undefined;
  let secrets: SecretsManagerClient | undefined;
  let lambda: LambdaClient | undefined;
  // Created on first use: most commands need one service only.
  return {
    get s3() {
      return (s3 ??= track(new S3Client({ ...common, forcePathStyle: endpoints.awsEndpoint !== undefined })));
    },
    get sqs() {
      return (sqs ??= track(new SQSClient(common)));
    },
    get events() {
      return (events ??= track(new EventBridgeClient(common)));
    },
    get secrets() {
      return (secrets ??= track(new SecretsManagerClient(common)));
    },
    get lambda() {
      return (lambda ??= track(new LambdaClient(common)));
    },
    destroy() {
      for (const client of made) client.destroy();
    },
  };
}
