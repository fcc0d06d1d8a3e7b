/**
 * The internal shop services (orders timeline, invoices, inventory, forecast). Each is a Lambda
 * behind its own EventBridge rule that matches trusted sources only (`shop.hydration`, `stripe`,
 * `delivery` — never `webhook.*` or the partner source), with a retry policy and an encrypted,
 * SSL-only dead-letter queue that also receives the function's own failed async invocations.
 * Each may read and write only its own S3 prefix, plus read hydrated objects for truncated events.
 */
import { Duration } from 'aws-cdk-lib';
import { EventField, Rule, RuleTargetInput, type EventPattern, type IEventBus } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { INLINE_INPUT_PATHS, TRUNCATED_INPUT_PATHS } from '../lambdas/forecast/forecast-input';
import {
  DELIVERY_EVENT_DETAIL_TYPES,
  DELIVERY_SOURCE,
  HYDRATION_SOURCE,
  ITEM_HYDRATED,
  ORDER_HYDRATED,
  STRIPE_SOURCE,
  TRUSTED_SOURCES,
  type OrderEventType,
} from '../lambdas/shared/contracts';
import { createDeadLetterQueue } from './secure-queue';
import { HydrantFunction } from './hydrant-function';

/** The only sources a shop rule may match: verified or enriched events. */
export { TRUSTED_SOURCES };

export interface ShopServicesProps {
  readonly bus: IEventBus;
  readonly bucket: IBucket;
  /**
   * Tax rate for invoices whose partner totals are unresolved (partial hydration), in basis points
   * (825 = 8.25 %). When the partner resolved the totals, their tax is used.
   * @default 0
   */
  readonly invoiceTaxRateBasisPoints?: number;
  /** EventBridge delivery attempts per event before the target DLQ. @default 8 */
  readonly retryAttempts?: number;
  /** How long EventBridge keeps retrying an event. @default Duration.hours(6) */
  readonly maxEventAge?: Duration;
}

export interface ShopService {
  readonly fn: HydrantFunction;
  readonly rules: readonly Rule[];
  /** Events EventBridge could not deliver and invocations that kept failing, with the reason. */
  readonly deadLetterQueue: Queue;
}

interface ServiceSpec {
  readonly handlerDir: string;
  readonly description: string;
  /** The prefix the service owns (read and write). */
  readonly prefix: string;
  /** The service reads its own objects back and must see 404 (not 403) for missing ones. */
  readonly listsOwnPrefix?: boolean;
  readonly environment?: Record<string, string>;
  readonly rules: readonly { id: string; pattern: EventPattern; input?: RuleTargetInput }[];
}

export class ShopServices extends Construct {
  public readonly orders: ShopService;
  public readonly invoices: ShopService;
  public readonly inventory: ShopService;
  public readonly forecast: ShopService;
  public readonly services: readonly ShopService[];

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ShopServicesProps,
  ) {
    super(scope, id);
    const taxRate = props.invoiceTaxRateBasisPoints ?? 0;
    const retryAttempts = props.retryAttempts ?? 8;
    const problems = [
      ...(Number.isSafeInteger(taxRate) && taxRate >= 0 && taxRate <= 10_000
        ? []
        : [`invoiceTaxRateBasisPoints must be a whole number from 0 to 10000 (got ${taxRate})`]),
      ...(Number.isInteger(retryAttempts) && retryAttempts >= 0 && retryAttempts <= 185
        ? []
        : [`retryAttempts must be a whole number from 0 to 185 (got ${retryAttempts})`]),
    ];
    if (problems.length > 0) throw new Error(`Invalid ShopServices props:\n  - ${problems.join('\n  - ')}`);

    this.orders = this.service('Orders', {
      handlerDir: 'orders',
      description:
        'Appends one timeline object per order event (hydrated orders, Stripe payments, deliveries)',
      prefix: 'orders/',
      rules: [
        {
          id: 'Rule',
          pattern: anyOf([
            { source: [HYDRATION_SOURCE], 'detail-type': [ORDER_HYDRATED] },
            {
              source: [STRIPE_SOURCE],
              'detail-type': ['payment_intent.succeeded', 'payment_intent.payment_failed', 'charge.refunded'],
            },
            {
              source: [DELIVERY_SOURCE],
              'detail-type': [...DELIVERY_EVENT_DETAIL_TYPES],
            },
          ]),
        },
      ],
    });
    this.invoices = this.service('Invoices', {
      handlerDir: 'invoices',
      description: 'Writes invoices for placed orders and credit notes for refunds',
      prefix: 'invoices/',
      environment: { TAX_RATE_BASIS_POINTS: String(taxRate) },
      rules: [
        {
          id: 'Rule',
          pattern: {
            source: [HYDRATION_SOURCE],
            detailType: [ORDER_HYDRATED],
            detail: { eventType: ['ORDER_PLACED', 'REFUND_SUCCESS'] satisfies OrderEventType[] },
          },
        },
      ],
    });
    this.inventory = this.service('Inventory', {
      handlerDir: 'inventory',
      description: 'Keeps the latest availability and buyability per item, never letting older events win',
      prefix: 'inventory/',
      listsOwnPrefix: true,
      rules: [{ id: 'Rule', pattern: { source: [HYDRATION_SOURCE], detailType: [ITEM_HYDRATED] } }],
    });
    this.forecast = this.service('Forecast', {
      handlerDir: 'forecast',
      description: 'Records demand per placed order from order id, date and line items only',
      prefix: 'forecast/',
      rules: [
        {
          // Data inline: the transformer passes order id, order date and line items, nothing else.
          id: 'Rule',
          pattern: {
            source: [HYDRATION_SOURCE],
            detailType: [ORDER_HYDRATED],
            detail: {
              eventType: ['ORDER_PLACED'] satisfies OrderEventType[],
              data: { id: [{ exists: true }] },
            },
          },
          input: RuleTargetInput.fromObject(fields(INLINE_INPUT_PATHS)),
        },
        {
          // Too large to travel inline: only the order id and the hydrated object's key.
          id: 'TruncatedRule',
          pattern: {
            source: [HYDRATION_SOURCE],
            detailType: [ORDER_HYDRATED],
            detail: { eventType: ['ORDER_PLACED'] satisfies OrderEventType[], truncated: [true] },
          },
          input: RuleTargetInput.fromObject({ ...fields(TRUNCATED_INPUT_PATHS), truncated: true }),
        },
      ],
    });
    this.services = [this.orders, this.invoices, this.inventory, this.forecast];
  }

  private service(id: string, spec: ServiceSpec): ShopService {
    const scope = new Construct(this, id);
    const { bucket, bus } = this.props;
    const deadLetterQueue = createDeadLetterQueue(
      scope,
      'DeadLetterQueue',
      'an EventBridge target and of async invocations',
    );

    const fn = new HydrantFunction(scope, 'Function', {
      handlerDir: spec.handlerDir,
      description: spec.description,
      environment: { BUCKET_NAME: bucket.bucketName, ...spec.environment },
    });
    // Function errors are retried by Lambda's async invocation, then recorded here with the error.
    fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(deadLetterQueue),
    });
    const ownObjects = `${spec.prefix}*`;
    const hydratedObjects = spec.handlerDir === 'inventory' ? 'hydrated/items/*' : 'hydrated/orders/*';
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [bucket.arnForObjects(ownObjects)],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects(hydratedObjects)] }),
    );
    if (spec.listsOwnPrefix) {
      // Without ListBucket, S3 answers 403 instead of 404 for a key that does not exist yet.
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [bucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': [`${spec.prefix}*`] } },
        }),
      );
    }
    fn.acknowledgeRoleFindings(
      [ownObjects, hydratedObjects].map((pattern) => ({
        bucket,
        pattern,
        reason: `Keys under ${pattern} are per order or item and cannot be listed in advance; the prefix is the scope.`,
      })),
    );

    for (const rule of spec.rules) {
      const untrusted = sourcesOf(rule.pattern).filter((source) => !isTrusted(source));
      if (untrusted.length > 0 || sourcesOf(rule.pattern).length === 0) {
        throw new Error(
          `${id}/${rule.id} must match only ${TRUSTED_SOURCES.join(', ')} (got ${untrusted.join(', ') || 'no source'})`,
        );
      }
    }
    const rules = spec.rules.map(
      (r) =>
        new Rule(scope, r.id, {
          eventBus: bus,
          description: `${spec.handlerDir}: trusted events only`,
          eventPattern: r.pattern,
          targets: [
            new LambdaFunction(fn, {
              event: r.input,
              deadLetterQueue,
              retryAttempts: this.props.retryAttempts ?? 8,
              maxEventAge: this.props.maxEventAge ?? Duration.hours(6),
            }),
          ],
        }),
    );
    return { fn, rules, deadLetterQueue };
  }
}

/** Every `source` value a pattern names, inside `$or` alternatives too. */
export function sourcesOf(pattern: unknown): string[] {
  if (typeof pattern !== 'object' || pattern === null) return [];
  const { source, $or } = pattern as { source?: unknown; $or?: unknown };
  return [
    ...(Array.isArray(source) ? source.map(String) : []),
    ...(Array.isArray($or) ? $or.flatMap(sourcesOf) : []),
  ];
}

function isTrusted(source: string): boolean {
  return (TRUSTED_SOURCES as readonly string[]).includes(source);
}

/**
 * A top-level `$or` of (source, detail-type) pairs, so no source is paired with another's types.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-complex-example-or
 * CDK's `EventPattern` type has no `$or` field but renders one unchanged.
 */
function anyOf(alternatives: readonly { source: string[]; 'detail-type': string[] }[]): EventPattern {
  return { $or: alternatives } as unknown as EventPattern;
}

function fields<K extends string>(paths: Readonly<Record<K, string>>): Record<K, string> {
  return Object.fromEntries(
    Object.entries(paths).map(([k, p]) => [k, EventField.fromPath(p as string)]),
  ) as Record<K, string>;
}
