/**
 * Stripe through its EventBridge destination (optional second way in beside the webhook): a rule
 * on the Stripe partner bus (named like its `aws.partner/stripe.com/…` source) invokes the
 * stripe-relay Lambda, which re-publishes each event on hydrant's bus as source `stripe` with the
 * Stripe event as detail, the same event the webhook verifier publishes. A Lambda, because an
 * EventBridge bus target keeps the event's `source` and an input transformer cannot change it.
 */
import { Duration } from 'aws-cdk-lib';
import { EventBus, Rule, type IEventBus } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { STRIPE_SOURCE } from '../lambdas/shared/contracts';
import { HydrantFunction } from './hydrant-function';
import { createDeadLetterQueue } from './secure-queue';

export interface StripeRelayProps {
  /** hydrant's bus, where the relayed `stripe` events go. */
  readonly bus: IEventBus;
  /** The Stripe partner event source, `aws.partner/stripe.com/…`. */
  readonly stripeEventSource: string;
}

export class StripeRelay extends Construct {
  /** The Stripe partner event bus, imported by name (it is named like the source). */
  public readonly stripeBus: IEventBus;
  public readonly rule: Rule;
  public readonly fn: HydrantFunction;
  /**
   * Events the relay could not publish: its rule target's DLQ (the invocation could not be made)
   * and its on-failure destination (the function failed after Lambda's async retries).
   */
  public readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: StripeRelayProps) {
    super(scope, id);
    if (!/^aws\.partner\/stripe\.com\/\S+$/.test(props.stripeEventSource)) {
      throw new Error(
        `Invalid StripeRelay props: stripeEventSource must be aws.partner/stripe.com/… (got "${props.stripeEventSource}")`,
      );
    }
    this.stripeBus = EventBus.fromEventBusName(this, 'StripeBus', props.stripeEventSource);
    this.fn = new HydrantFunction(this, 'Function', {
      handlerDir: 'stripe-relay',
      description: 'Re-publishes Stripe EventBridge destination events on the hydrant bus as source stripe',
      timeout: Duration.seconds(10),
      environment: { BUS_NAME: props.bus.eventBusName, STRIPE_EVENT_SOURCE: props.stripeEventSource },
    });
    this.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['events:PutEvents'],
        resources: [props.bus.eventBusArn],
        conditions: { StringEquals: { 'events:source': STRIPE_SOURCE } },
      }),
    );
    this.fn.acknowledgeRoleFindings();
    this.deadLetterQueue = createDeadLetterQueue(
      this,
      'DeadLetterQueue',
      'the Stripe relay: its EventBridge target and Lambda on-failure',
    );
    // EventBridge invokes asynchronously: a failing function is retried by Lambda, and without an
    // on-failure destination the event would be dropped after the last retry.
    this.fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    this.rule = new Rule(this, 'Rule', {
      eventBus: this.stripeBus,
      description: 'Stripe events from the EventBridge destination, relayed to the hydrant bus',
      eventPattern: { source: [props.stripeEventSource] },
      targets: [
        new LambdaFunction(this.fn, {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });
  }
}
