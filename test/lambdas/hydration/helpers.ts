/**
 * Factories and a harness for hydration tests: partner events, SQS records, and a hydrator wired
 * with the real AWS adapters over aws-sdk-client-mock clients, talking over real HTTP to the mock
 * partner's handler served on localhost.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ChangeMessageVisibilityCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { EventBridgePublisher } from '../../../lambdas/shared/aws/eventbridge-publisher';
import { S3ObjectStore } from '../../../lambdas/shared/aws/s3-object-store';
import { SecretsManagerSource } from '../../../lambdas/shared/aws/secrets-manager-source';
import { SqsFailureQueue } from '../../../lambdas/hydration/aws/sqs-failure-queue';
import { createBatchHandler } from '../../../lambdas/hydration/batch-handler';
import type { FailureDecision } from '../../../lambdas/hydration/classify-failure';
import { GraphQLPartnerClient } from '../../../lambdas/hydration/graphql-partner-client';
import { ORDER_HYDRATION, type HydrationSpec } from '../../../lambdas/hydration/hydration-spec';
import { Hydrator, type QueueRecord } from '../../../lambdas/hydration/hydrator';
import type { HydrationTelemetry } from '../../../lambdas/hydration/telemetry';
import { SecretTokenProvider } from '../../../lambdas/hydration/token-provider';
import { NO_FAULTS, type FaultConfig } from '../../../lambdas/mock-partner-graphql/faults';
import { createMockPartnerHandler } from '../../../lambdas/mock-partner-graphql/handler';
import { serveProxyHandler, type ServedHandler } from '../../../lambdas/mock-partner-graphql/server';

export const PARTNER_SOURCE = 'partner.buywithprime';
export const BUCKET = 'hydrant-test-bucket';
export const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/order-queue';
export const DLQ_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/order-dlq';
export const QUEUE_ARN = 'arn:aws:sqs:eu-west-1:123456789012:order-queue';
export const INSTALLATION_ID = 'inst-hydrant-test-1';
export const STATIC_SECRET = {
  type: 'static',
  token: 'test-token-0123456789',
  installationId: INSTALLATION_ID,
} as const;

let sequence = 0;

const ORDER_DETAIL_TYPES: Record<string, string> = {
  ORDER_PLACED: 'Order Placed',
  ORDER_UPDATED: 'Order Updated',
  REFUND_SUCCESS: 'Refund Success',
};

export function orderEvent(
  orderId = 'ord-4Q8ZT2MX7K',
  eventType = 'ORDER_PLACED',
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  sequence += 1;
  return {
    version: '0',
    id: `0d1e2f3a-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    'detail-type': ORDER_DETAIL_TYPES[eventType] ?? 'Order Event',
    source: PARTNER_SOURCE,
    account: '123456789012',
    time: '2026-11-21T09:41:57Z',
    region: 'eu-west-1',
    resources: [],
    detail: { eventType, orderIdentifier: { orderId } },
    ...overrides,
  };
}

export function buyabilityEvent(itemId = 'item-7J3KQ2', identifierType = 'itemId'): Record<string, unknown> {
  sequence += 1;
  return {
    version: '0',
    id: `7a8b9c0d-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    'detail-type': 'santos.buyability.status.change',
    source: PARTNER_SOURCE,
    account: '123456789012',
    time: '2026-11-21T08:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail: { item: { identifierType, identifierValue: itemId }, buyabilityStatus: 'BUYABLE' },
  };
}

export function sqsRecord(
  body: unknown,
  receiveCount = 1,
  messageId?: string,
): QueueRecord & SQSEvent['Records'][0] {
  sequence += 1;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    messageId: messageId ?? `msg-${sequence}`,
    receiptHandle: `rh-${sequence}`,
    body: text,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: '1795000000000',
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1795000000000',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: QUEUE_ARN,
    awsRegion: 'eu-west-1',
  };
}

export function sqsEvent(...records: ReturnType<typeof sqsRecord>[]): SQSEvent {
  return { Records: records };
}

export const lambdaContext = {
  functionName: 'order-hydrator',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

export class RecordingTelemetry implements HydrationTelemetry {
  readonly succeededIds: { eventId: string; complete: boolean; truncated: boolean }[] = [];
  readonly skippedIds: { eventId: string; reason: string }[] = [];
  readonly failures: { eventId: string; attempt: number; decision: FailureDecision }[] = [];
  succeeded(info: { eventId: string; complete: boolean; truncated: boolean }): void {
    this.succeededIds.push({ eventId: info.eventId, complete: info.complete, truncated: info.truncated });
  }
  skipped(info: { eventId: string; reason: string }): void {
    this.skippedIds.push(info);
  }
  failed(info: { eventId: string; attempt: number; decision: FailureDecision }): void {
    this.failures.push(info);
  }
  retryDelayFailed(): void {}
}

export interface HarnessOptions {
  readonly spec?: HydrationSpec;
  readonly faults?: Partial<FaultConfig>;
  /** What the partner secret holds (the mock and the hydrator read the same value); a function gets the mock's URL. */
  readonly secret?: Record<string, unknown> | ((partnerUrl: string) => Record<string, unknown>);
  readonly maxAttempts?: number;
  readonly timeoutMs?: number;
  /** What the mock partner holds instead, to test credentials that do not match. @default - `secret` */
  readonly partnerSecret?: (partnerUrl: string) => Record<string, unknown>;
  /** The mock partner's clock. @default Date.now */
  readonly partnerNow?: () => number;
  /** Overrides the partner endpoint (e.g. a closed port). */
  readonly endpoint?: string;
  /** Records of one batch in flight at once. @default 10 */
  readonly concurrency?: number;
  /**
   * The deployment's installation id (env PARTNER_INSTALLATION_ID); `null`: none, so the
   * secret's `installationId` is used. @default INSTALLATION_ID
   */
  readonly installationId?: string | null;
}

export interface Harness {
  readonly handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
  readonly partner: ServedHandler;
  readonly telemetry: RecordingTelemetry;
  readonly s3: AwsClientStub<S3Client>;
  readonly events: AwsClientStub<EventBridgeClient>;
  readonly sqs: AwsClientStub<SQSClient>;
  readonly secretsManager: AwsClientStub<SecretsManagerClient>;
  /** Objects written, by key (a re-put overwrites, as in S3). */
  readonly objects: Map<string, { body: string; contentType?: string; metadata?: Record<string, string> }>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  let secret: Record<string, unknown> = {};
  let partnerSecret: Record<string, unknown> = {};
  const partner = await serveProxyHandler(
    createMockPartnerHandler({
      faults: { ...NO_FAULTS, ...options.faults },
      readSecret: async () => partnerSecret,
      now: options.partnerNow,
    }),
  );
  secret =
    typeof options.secret === 'function' ? options.secret(partner.url) : (options.secret ?? STATIC_SECRET);
  partnerSecret = options.partnerSecret?.(partner.url) ?? secret;
  const s3 = mockClient(S3Client);
  const events = mockClient(EventBridgeClient);
  const sqs = mockClient(SQSClient);
  const secretsManager = mockClient(SecretsManagerClient);
  const objects: Harness['objects'] = new Map();
  s3.on(PutObjectCommand).callsFake(
    (input: { Key: string; Body: string; ContentType?: string; Metadata?: Record<string, string> }) => {
      objects.set(input.Key, { body: input.Body, contentType: input.ContentType, metadata: input.Metadata });
      return { ETag: '"etag"' };
    },
  );
  events.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-1' }] });
  sqs.on(ChangeMessageVisibilityCommand).resolves({});
  sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-msg-1' });
  secretsManager
    .on(GetSecretValueCommand)
    .resolves({ Name: 'partner', SecretString: JSON.stringify(secret) });

  const telemetry = new RecordingTelemetry();
  const timeoutMs = options.timeoutMs ?? 2_000;
  const hydrator = new Hydrator({
    spec: options.spec ?? ORDER_HYDRATION,
    partnerSource: PARTNER_SOURCE,
    hydrationSource: 'shop.hydration',
    bucket: BUCKET,
    maxAttempts: options.maxAttempts ?? 3,
    partner: new GraphQLPartnerClient({
      endpoint: options.endpoint ?? `${partner.url}/graphql`,
      timeoutMs,
      tokens: new SecretTokenProvider({
        secrets: new SecretsManagerSource(new SecretsManagerClient({ region: 'eu-west-1' })),
        secretId: 'partner-secret',
        timeoutMs,
        installationId:
          options.installationId === null ? undefined : (options.installationId ?? INSTALLATION_ID),
      }),
    }),
    store: new S3ObjectStore(new S3Client({ region: 'eu-west-1' }), BUCKET),
    publisher: new EventBridgePublisher(new EventBridgeClient({ region: 'eu-west-1' }), 'shop-events'),
    failures: new SqsFailureQueue(new SQSClient({ region: 'eu-west-1' }), QUEUE_URL, DLQ_URL),
    telemetry,
    backoff: { random: () => 0.5 },
    clock: () => new Date('2026-11-22T03:00:00.000Z'),
  });
  const handle = createBatchHandler(hydrator, options.concurrency ?? 10);
  return {
    handler: (event) => handle(event, lambdaContext),
    partner,
    telemetry,
    s3,
    events,
    sqs,
    secretsManager,
    objects,
    close: async () => {
      await partner.close();
      for (const mock of [s3, events, sqs, secretsManager]) mock.restore();
    },
  };
}

/** The DLQ messages sent, with their attributes as plain strings. */
export function deadLetters(harness: Harness): { body: string; attributes: Record<string, string> }[] {
  return harness.sqs.commandCalls(SendMessageCommand).map((call) => ({
    body: call.args[0].input.MessageBody ?? '',
    attributes: Object.fromEntries(
      Object.entries(call.args[0].input.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue ?? '']),
    ),
  }));
}

export function visibilityChanges(harness: Harness): { receiptHandle: string; seconds: number }[] {
  return harness.sqs.commandCalls(ChangeMessageVisibilityCommand).map((call) => ({
    receiptHandle: call.args[0].input.ReceiptHandle ?? '',
    seconds: call.args[0].input.VisibilityTimeout ?? -1,
  }));
}

export function publishedDetails(harness: Harness): Record<string, unknown>[] {
  return harness.events
    .commandCalls(PutEventsCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .map((entry) => JSON.parse(entry.Detail ?? '{}') as Record<string, unknown>);
}
