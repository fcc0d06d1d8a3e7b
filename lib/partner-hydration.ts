/**
 * Partner event hydration: for orders and for buyability, an EventBridge rule on the partner source
 * feeds an encrypted, SSL-only SQS queue consumed by a hydrator Lambda (ReportBatchItemFailures,
 * bounded concurrency). The hydrator retries with backoff and dead-letters with the reason itself;
 * the queue's redrive policy (a higher receive count) is only the safety net for crashes and
 * timeouts. Each rule target has its own DLQ for events EventBridge could not deliver.
 */
import { Duration, Token } from 'aws-cdk-lib';
import { Rule, type EventPattern, type IEventBus } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { createDeadLetterQueue, secureQueue } from './secure-queue';
import { HydrantFunction } from './hydrant-function';
import { BUYABILITY_DETAIL_TYPE, HYDRATION_SOURCE, ORDER_EVENT_TYPES } from '../lambdas/shared/contracts';

export { BUYABILITY_DETAIL_TYPE, HYDRATION_SOURCE, ORDER_EVENT_TYPES };

export interface PartnerHydrationProps {
  readonly bus: IEventBus;
  readonly bucket: IBucket;
  /** The partner API credentials (`PipelineSecrets.partner`). */
  readonly partnerSecret: ISecret;
  /** EventBridge `source` of partner events. */
  readonly partnerSource: string;
  /** The partner GraphQL endpoint (the mock partner's when no real one is configured). */
  readonly partnerEndpoint: string;
  /** @default 10 */
  readonly batchSize?: number;
  /** @default Duration.seconds(1) */
  readonly batchWindow?: Duration;
  /** Concurrent hydrator invocations per queue, to protect the partner API. @default 5 */
  readonly maxConcurrency?: number;
  /** Attempts before a retryable failure is dead-lettered with its reason. @default 5 */
  readonly maxAttempts?: number;
  /** @default Duration.seconds(30) */
  readonly functionTimeout?: Duration;
  /** Timeout of each partner request. @default Duration.seconds(10) */
  readonly requestTimeout?: Duration;
}

/** One rule → queue → hydrator chain. */
export interface HydrationPipeline {
  readonly rule: Rule;
  readonly queue: Queue;
  /** Messages the hydrator gave up on, with errorType/errorMessage/attempts attributes; also the redrive target. */
  readonly deadLetterQueue: Queue;
  /** Events EventBridge could not deliver to the queue. */
  readonly targetDeadLetterQueue: Queue;
  readonly fn: HydrantFunction;
}

interface PipelineSpec {
  readonly handlerDir: string;
  readonly description: string;
  readonly pattern: EventPattern;
  readonly prefix: string;
}

/** Visibility timeout ≥ 6 × the consumer's timeout (AWS guidance for Lambda SQS event sources). */
export const VISIBILITY_FACTOR = 6;
/** Receives beyond MAX_ATTEMPTS before SQS itself moves a message (crashes and timeouts only). */
export const REDRIVE_MARGIN = 2;

export class PartnerHydration extends Construct {
  public readonly orders: HydrationPipeline;
  public readonly items: HydrationPipeline;
  public readonly pipelines: readonly HydrationPipeline[];

  constructor(
    scope: Construct,
    id: string,
    private readonly props: PartnerHydrationProps,
  ) {
    super(scope, id);
    checkProps(props);
    this.orders = this.pipeline('Orders', {
      handlerDir: 'order-hydrator',
      description:
        'Hydrates partner order events through the partner GraphQL API into S3 and Order Hydrated events',
      pattern: { source: [props.partnerSource], detail: { eventType: [...ORDER_EVENT_TYPES] } },
      prefix: 'hydrated/orders/*',
    });
    this.items = this.pipeline('Items', {
      handlerDir: 'item-hydrator',
      description:
        'Hydrates partner buyability events through the partner GraphQL API into S3 and Item Hydrated events',
      pattern: { source: [props.partnerSource], detailType: [BUYABILITY_DETAIL_TYPE] },
      prefix: 'hydrated/items/*',
    });
    this.pipelines = [this.orders, this.items];
  }

  private pipeline(id: string, spec: PipelineSpec): HydrationPipeline {
    const scope = new Construct(this, id);
    const { props } = this;
    const timeout = props.functionTimeout ?? Duration.seconds(30);
    const maxAttempts = props.maxAttempts ?? 5;

    const deadLetterQueue = createDeadLetterQueue(scope, 'DeadLetterQueue', 'the hydration queue');
    const targetDeadLetterQueue = createDeadLetterQueue(
      scope,
      'TargetDeadLetterQueue',
      'the hydration rule target',
    );
    const queue = secureQueue(scope, 'Queue', {
      visibilityTimeout: Duration.seconds(timeout.toSeconds() * VISIBILITY_FACTOR),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: maxAttempts + REDRIVE_MARGIN },
    });

    const rule = new Rule(scope, 'Rule', {
      eventBus: props.bus,
      description: `Partner events for the ${spec.handlerDir}`,
      eventPattern: spec.pattern,
      targets: [
        new SqsQueue(queue, {
          deadLetterQueue: targetDeadLetterQueue,
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });

    const fn = new HydrantFunction(scope, 'Function', {
      handlerDir: spec.handlerDir,
      description: spec.description,
      timeout,
      environment: {
        BUS_NAME: props.bus.eventBusName,
        BUCKET_NAME: props.bucket.bucketName,
        PARTNER_ENDPOINT: props.partnerEndpoint,
        PARTNER_SECRET_ID: props.partnerSecret.secretArn,
        PARTNER_SOURCE: props.partnerSource,
        QUEUE_URL: queue.queueUrl,
        DLQ_URL: deadLetterQueue.queueUrl,
        MAX_ATTEMPTS: String(maxAttempts),
        REQUEST_TIMEOUT_MS: String((props.requestTimeout ?? Duration.seconds(10)).toMilliseconds()),
        HYDRATION_SOURCE: HYDRATION_SOURCE,
        RECORD_CONCURRENCY: String(props.batchSize ?? 10),
      },
    });
    fn.addEventSource(
      new SqsEventSource(queue, {
        batchSize: props.batchSize ?? 10,
        maxBatchingWindow:
          props.batchWindow && props.batchWindow.toSeconds() > 0 ? props.batchWindow : undefined,
        reportBatchItemFailures: true,
        maxConcurrency: props.maxConcurrency ?? 5,
      }),
    );
    deadLetterQueue.grantSendMessages(fn);
    props.partnerSecret.grantRead(fn);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [props.bucket.arnForObjects(spec.prefix)],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['events:PutEvents'],
        resources: [props.bus.eventBusArn],
        conditions: { StringEquals: { 'events:source': HYDRATION_SOURCE } },
      }),
    );
    fn.acknowledgeRoleFindings([
      {
        bucket: props.bucket,
        pattern: spec.prefix,
        reason: `PutObject only, under ${spec.prefix}: keys are per order or item and event, so they cannot be listed in advance.`,
      },
    ]);
    return { rule, queue, deadLetterQueue, targetDeadLetterQueue, fn };
  }
}

/** Checks every prop up front and throws once, listing each problem. */
export function checkProps(props: PartnerHydrationProps): void {
  const problems: string[] = [];
  const batchSize = props.batchSize ?? 10;
  const maxAttempts = props.maxAttempts ?? 5;
  const maxConcurrency = props.maxConcurrency ?? 5;
  const timeout = (props.functionTimeout ?? Duration.seconds(30)).toSeconds();
  const requestTimeout = (props.requestTimeout ?? Duration.seconds(10)).toSeconds();
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10)
    problems.push('batchSize must be 1-10');
  if ((props.batchWindow?.toSeconds() ?? 0) > 300) problems.push('batchWindow must be at most 300 seconds');
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100)
    problems.push('maxAttempts must be 1-100');
  if (!Number.isInteger(maxConcurrency) || maxConcurrency < 2 || maxConcurrency > 1000) {
    problems.push('maxConcurrency must be 2-1000 (the SQS event source limits)');
  }
  if (timeout * VISIBILITY_FACTOR > 43_200)
    problems.push('functionTimeout × 6 must fit the 12-hour SQS visibility limit');
  if (requestTimeout >= timeout) problems.push('requestTimeout must be shorter than functionTimeout');
  if (!Token.isUnresolved(props.partnerEndpoint) && !/^https?:\/\/\S+$/.test(props.partnerEndpoint)) {
    problems.push(`partnerEndpoint must be an http(s) URL (got "${props.partnerEndpoint}")`);
  }
  if (problems.length > 0) throw new Error(`Invalid PartnerHydration props:\n  - ${problems.join('\n  - ')}`);
}
