/**
 * The webhook verifier: a rule on the `Webhook Received` events of the API sends them to the
 * webhook-verifier Lambda, which publishes verified `stripe` / `delivery` events or records
 * rejections under `rejected/`. A failed verification (AWS trouble, a provider with no secret yet)
 * is retried, then kept in the dead-letter queue for a redrive.
 */
import { Duration } from 'aws-cdk-lib';
import { Rule, type IEventBus } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { createDeadLetterQueue } from './secure-queue';
import { HydrantFunction } from './hydrant-function';
import { VERIFIED_SOURCES, WEBHOOK_RECEIVED, WEBHOOK_SOURCES } from '../lambdas/shared/contracts';

/** Sources the verifier may put on the bus (IAM condition on `events:source`). */
export { VERIFIED_SOURCES };

export interface WebhookVerifierProps {
  readonly bus: IEventBus;
  readonly bucket: IBucket;
  /** `{"signingSecrets": ["whsec_…", …]}` */
  readonly stripeSecret: ISecret;
  /** `{"<provider>": ["secret", …]}` */
  readonly deliverySecret: ISecret;
  readonly deliveryProviders: readonly string[];
  /** EventBridge delivery attempts to the function. @default 8 */
  readonly retryAttempts?: number;
  /** Oldest event EventBridge and Lambda still retry. @default Duration.hours(2) */
  readonly maxEventAge?: Duration;
}

export class WebhookVerifier extends Construct {
  public readonly function: HydrantFunction;
  public readonly rule: Rule;
  /** Webhooks whose verification kept failing (EventBridge target DLQ and Lambda on-failure destination). */
  public readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: WebhookVerifierProps) {
    super(scope, id);
    const maxEventAge = props.maxEventAge ?? Duration.hours(2);

    this.deadLetterQueue = createDeadLetterQueue(
      this,
      'DeadLetterQueue',
      'the webhook verifier: its EventBridge target and Lambda on-failure',
    );

    this.function = new HydrantFunction(this, 'Function', {
      handlerDir: 'webhook-verifier',
      description: 'Verifies Stripe and delivery-provider webhook signatures against their receive time',
      timeout: Duration.seconds(30),
      environment: {
        BUS_NAME: props.bus.eventBusName,
        BUCKET_NAME: props.bucket.bucketName,
        STRIPE_SECRET_ID: props.stripeSecret.secretArn,
        DELIVERY_SECRET_ID: props.deliverySecret.secretArn,
        DELIVERY_PROVIDERS: props.deliveryProviders.join(','),
      },
    });
    // EventBridge invokes asynchronously: its retry policy covers failed invocations, Lambda's own
    // async retries cover a failing function; both end in the same queue.
    this.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge,
      onFailure: new SqsDestination(this.deadLetterQueue),
    });

    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['events:PutEvents'],
        resources: [props.bus.eventBusArn],
        conditions: { StringEquals: { 'events:source': [...VERIFIED_SOURCES] } },
      }),
    );
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [props.bucket.arnForObjects('rejected/*')],
      }),
    );
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [props.stripeSecret.secretArn, props.deliverySecret.secretArn],
      }),
    );

    this.function.acknowledgeRoleFindings([
      {
        bucket: props.bucket,
        pattern: 'rejected/*',
        reason:
          'PutObject only, under rejected/: keys are rejected/<provider>/<day>/<requestId>.json, one per ' +
          'rejected request, so they cannot be listed in advance.',
      },
    ]);

    this.rule = new Rule(this, 'Rule', {
      eventBus: props.bus,
      description: 'Webhook Received events from the API, to the webhook verifier',
      eventPattern: { source: Object.values(WEBHOOK_SOURCES), detailType: [WEBHOOK_RECEIVED] },
      targets: [
        new LambdaFunction(this.function, {
          retryAttempts: props.retryAttempts ?? 8,
          maxEventAge,
          deadLetterQueue: this.deadLetterQueue,
        }),
      ],
    });
  }
}
