/**
 * Alarms and a dashboard over everything the stack has. Queues and APIs are discovered by walking
 * the construct tree rather than listed, so a queue another construct adds later is covered too:
 * create this construct last. A queue is a dead-letter queue when something names it as one (a
 * queue's RedrivePolicy, an EventBridge target's DeadLetterConfig, a Lambda on-failure destination
 * or dead-letter config); every other queue is a source queue.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { RestApiBase } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { CfnRule } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { CfnEventInvokeConfig, CfnEventSourceMapping, CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { METRIC_NAMESPACE, MetricName } from '../lambdas/shared/metric-names';

export interface ObservabilityProps {
  /** Address subscribed to alarm notifications. @default - no subscription */
  readonly alarmEmail?: string;
  /** A source queue whose oldest message is older than this raises an alarm. @default Duration.minutes(15) */
  readonly maxMessageAge?: Duration;
  /** `POWERTOOLS_SERVICE_NAME` of the webhook verifier (the `service` metric dimension). @default 'webhook-verifier' */
  readonly verifierService?: string;
  /** Rejections in 5 minutes below which no spike is reported. @default 5 */
  readonly rejectionSpikeMinimum?: number;
  /** Share of verifications rejected, in percent, that counts as a spike. @default 50 */
  readonly rejectionSpikePercent?: number;
}

export interface DiscoveredQueue {
  readonly queue: CfnQueue;
  /** Construct path below the stack, e.g. `Shop/Orders/DeadLetterQueue`. */
  readonly label: string;
}

const FIVE_MINUTES = Duration.minutes(5);

export class Observability extends Construct {
  public readonly topic: Topic;
  public readonly dashboard: Dashboard;
  public readonly deadLetterQueues: readonly DiscoveredQueue[];
  public readonly sourceQueues: readonly DiscoveredQueue[];
  public readonly apis: readonly RestApiBase[];
  public readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: ObservabilityProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    const { deadLetterQueues, sourceQueues } = discoverQueues(stack);
    this.deadLetterQueues = deadLetterQueues;
    this.sourceQueues = sourceQueues;
    this.apis = stack.node.findAll().filter((c): c is RestApiBase => c instanceof RestApiBase);
    this.topic = this.alarmTopic(props.alarmEmail);

    const maxAge = props.maxMessageAge ?? Duration.minutes(15);
    const verifier = props.verifierService ?? 'webhook-verifier';
    const alarms: Alarm[] = [];
    const alarmScope = new Construct(this, 'Alarms');
    const alarm = (create: (alarmScope: Construct) => Alarm) => {
      const created = create(alarmScope);
      created.addAlarmAction(new SnsAction(this.topic));
      alarms.push(created);
    };

    for (const { queue, label } of deadLetterQueues) {
      alarm((s) =>
        dlqDepth(queue).createAlarm(s, idOf(label, 'Visible'), {
          alarmDescription:
            `${label} holds messages that failed for good; each says why (\`hydrant dlq show\`). ` +
            'Fix the cause, then `hydrant dlq redrive`: it sends each message back to where it ' +
            "failed (a queue's DLQ by SQS's move task, a Lambda failure record to its function, " +
            'a rule-target message to its target).',
          threshold: 0,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    for (const { queue, label } of sourceQueues) {
      alarm((s) =>
        queueMetric(queue, 'ApproximateAgeOfOldestMessage').createAlarm(s, idOf(label, 'OldestMessage'), {
          alarmDescription:
            `${label} has a message older than ${maxAge.toHumanString()}: its consumer is failing, ` +
            'throttled or too slow. Check the consumer logs and the partner API.',
          threshold: maxAge.toSeconds(),
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    for (const api of this.apis) {
      const label = labelOf(api);
      alarm((s) =>
        api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }).createAlarm(s, idOf(label, '5XX'), {
          alarmDescription:
            `${label} answered 5XX: senders will retry, but events may be delayed. Check the API ` +
            'execution logs (PutEvents failures, throttling).',
          threshold: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    const verified = verificationMetric(MetricName.WebhookVerified, verifier);
    const rejected = verificationMetric(MetricName.WebhookRejected, verifier);
    const minimum = props.rejectionSpikeMinimum ?? 5;
    const percent = props.rejectionSpikePercent ?? 50;
    alarm((s) =>
      new MathExpression({
        label: 'Rejected webhooks, % of verifications',
        // At least `minimum` rejections, and they are most of what arrived: bad signatures, a
        // rotated secret not yet added, or someone probing the endpoint.
        expression: `IF(FILL(r, 0) >= ${minimum}, 100 * FILL(r, 0) / (FILL(r, 0) + FILL(v, 0)), 0)`,
        usingMetrics: { r: rejected, v: verified },
        period: FIVE_MINUTES,
      }).createAlarm(s, 'VerifierRejectionSpike', {
        alarmDescription:
          `More than ${percent}% of webhooks (and at least ${minimum}) failed verification in 5 minutes. ` +
          'Check rejected/ in the bucket for the reasons; a rotated signing secret may be missing.',
        threshold: percent,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
    this.alarms = alarms;
    // A queue or API created after this construct would go unwatched: fail the synth instead.
    this.node.addValidation({
      validate: () => {
        const seen = new Set([...deadLetterQueues, ...sourceQueues].map((q) => q.queue));
        const late = stack.node
          .findAll()
          .filter(
            (c) =>
              (c instanceof CfnQueue && !seen.has(c)) || (c instanceof RestApiBase && !this.apis.includes(c)),
          )
          .map((c) => (c.node.id === 'Resource' && c.node.scope ? c.node.scope : c).node.path);
        return late.map(
          (path) =>
            `${path} was created after Observability, so nothing alarms on it; create Observability last`,
        );
      },
    });
    this.dashboard = this.buildDashboard(verified, rejected);
  }

  private alarmTopic(email: string | undefined): Topic {
    // CloudWatch can publish to an encrypted topic only with a customer managed key it may use.
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts hydrant alarm notifications',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    const topic = new Topic(this, 'AlarmTopic', {
      displayName: 'hydrant alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (email) topic.addSubscription(new EmailSubscription(email));
    return topic;
  }

  private buildDashboard(verified: IMetric, rejected: IMetric): Dashboard {
    const dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(3) });
    const hydrationSearch = (metric: string, dims: string, stat = 'Sum') =>
      new MathExpression({
        expression: `SEARCH('{${METRIC_NAMESPACE},${dims}} MetricName="${metric}"', '${stat}', 300)`,
        usingMetrics: {},
        label: metric,
        period: FIVE_MINUTES,
      });
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Webhook intake (API Gateway requests and errors)',
        width: 12,
        left: this.apis.flatMap((api) => [
          api.metricCount({ period: FIVE_MINUTES, label: `${labelOf(api)} requests` }),
          api.metricClientError({ period: FIVE_MINUTES, label: `${labelOf(api)} 4XX` }),
          api.metricServerError({ period: FIVE_MINUTES, label: `${labelOf(api)} 5XX` }),
        ]),
      }),
      new GraphWidget({ title: 'Verification outcomes', width: 12, left: [verified, rejected] }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Hydration outcomes by failure class',
        width: 12,
        left: [
          hydrationSearch(MetricName.HydrationSucceeded, 'service'),
          hydrationSearch(MetricName.HydrationIncomplete, 'service'),
          hydrationSearch(MetricName.HydrationSkipped, 'service'),
        ],
        right: [hydrationSearch(MetricName.HydrationFailed, 'failureClass,service')],
      }),
      new GraphWidget({
        title: 'Dead-letter queue depths',
        width: 12,
        left: this.deadLetterQueues.map(({ queue, label }) => dlqDepth(queue, label)),
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Source queues: age of oldest message (s)',
        width: 12,
        left: this.sourceQueues.map(({ queue, label }) =>
          queueMetric(queue, 'ApproximateAgeOfOldestMessage', label),
        ),
      }),
      new AlarmStatusWidget({ title: 'Alarms', width: 12, alarms: [...this.alarms] }),
    );
    return dashboard;
  }
}

/** Every queue in the stack, split by whether anything names it as a dead-letter queue. */
export function discoverQueues(stack: Stack): {
  deadLetterQueues: DiscoveredQueue[];
  sourceQueues: DiscoveredQueue[];
} {
  const constructs = stack.node.findAll();
  const dlqArns = new Set<string>();
  const note = (value: unknown) => {
    if (value !== undefined && value !== null) dlqArns.add(JSON.stringify(stack.resolve(value)));
  };
  for (const c of constructs) {
    if (c instanceof CfnQueue)
      note(resolved<{ deadLetterTargetArn?: unknown }>(stack, c.redrivePolicy)?.deadLetterTargetArn);
    if (c instanceof CfnRule) {
      for (const target of resolved<{ deadLetterConfig?: { arn?: unknown } }[]>(stack, c.targets) ?? []) {
        note(target.deadLetterConfig?.arn);
      }
    }
    if (c instanceof CfnEventInvokeConfig || c instanceof CfnEventSourceMapping) {
      note(
        resolved<{ onFailure?: { destination?: unknown } }>(stack, c.destinationConfig)?.onFailure
          ?.destination,
      );
    }
    if (c instanceof CfnFunction)
      note(resolved<{ targetArn?: unknown }>(stack, c.deadLetterConfig)?.targetArn);
  }
  const queues = constructs
    .filter((c): c is CfnQueue => c instanceof CfnQueue)
    .map((queue) => ({ queue, label: labelOf(queue.node.id === 'Resource' ? queue.node.scope! : queue) }));
  const isDlq = (q: DiscoveredQueue) => dlqArns.has(JSON.stringify(stack.resolve(q.queue.attrArn)));
  return { deadLetterQueues: queues.filter(isDlq), sourceQueues: queues.filter((q) => !isDlq(q)) };
}

function resolved<T>(stack: Stack, value: unknown): T | undefined {
  return value === undefined ? undefined : (stack.resolve(value) as T);
}

function labelOf(construct: IConstruct): string {
  const stackPath = Stack.of(construct).node.path;
  return construct.node.path.slice(stackPath.length + 1);
}

function idOf(label: string, suffix: string): string {
  return `${label.replace(/\//g, '-')}-${suffix}`;
}

/** A label would make CloudFormation render the alarm in its `Metrics` form; dashboards set one. */
function queueMetric(queue: CfnQueue, metricName: string, label?: string): Metric {
  return new Metric({
    namespace: 'AWS/SQS',
    metricName,
    dimensionsMap: { QueueName: queue.attrQueueName },
    statistic: 'Maximum',
    period: Duration.minutes(1),
    label,
  });
}

function dlqDepth(queue: CfnQueue, label?: string): Metric {
  return queueMetric(queue, 'ApproximateNumberOfMessagesVisible', label);
}

function verificationMetric(metricName: string, service: string): Metric {
  return new Metric({
    namespace: METRIC_NAMESPACE,
    metricName,
    dimensionsMap: { service },
    statistic: 'Sum',
    period: FIVE_MINUTES,
    label: metricName,
  });
}
