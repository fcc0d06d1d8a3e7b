import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Observability } from '../../lib/observability';
import { buildStack, nagFindings } from '../helpers/synth';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

/** Logical ids the template names as dead-letter queues, found independently of the construct. */
function deadLetterQueueIds(resources: Resources): Set<string> {
  const ids = new Set<string>();
  const arnOf = (value: unknown) => {
    const getAtt = (value as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt'];
    if (getAtt?.[1] === 'Arn' && resources[getAtt[0]]?.Type === 'AWS::SQS::Queue') ids.add(getAtt[0]);
  };
  for (const resource of Object.values(resources)) {
    const p = resource.Properties ?? {};
    if (resource.Type === 'AWS::SQS::Queue')
      arnOf((p.RedrivePolicy as { deadLetterTargetArn?: unknown })?.deadLetterTargetArn);
    if (resource.Type === 'AWS::Events::Rule') {
      for (const t of (p.Targets as { DeadLetterConfig?: { Arn: unknown } }[]) ?? [])
        arnOf(t.DeadLetterConfig?.Arn);
    }
    if (resource.Type === 'AWS::Lambda::EventInvokeConfig') {
      arnOf((p.DestinationConfig as { OnFailure?: { Destination: unknown } })?.OnFailure?.Destination);
    }
  }
  return ids;
}

function alarmedQueueIds(resources: Resources, metricName: string): Set<string> {
  const ids = new Set<string>();
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::CloudWatch::Alarm' || resource.Properties.MetricName !== metricName) continue;
    for (const d of resource.Properties.Dimensions as {
      Name: string;
      Value: { 'Fn::GetAtt': [string, string] };
    }[]) {
      if (d.Name === 'QueueName') ids.add(d.Value['Fn::GetAtt'][0]);
    }
  }
  return ids;
}

describe('Observability', () => {
  let template: Template;
  let resources: Resources;

  beforeAll(() => {
    template = Template.fromStack(buildStack());
    resources = template.toJSON().Resources;
  });

  it('alarms on every dead-letter queue in the stack as soon as it holds a message', () => {
    const dlqs = deadLetterQueueIds(resources);
    expect(dlqs.size).toBeGreaterThanOrEqual(4); // at least the four shop services'
    expect(
      [...dlqs].filter((id) => !alarmedQueueIds(resources, 'ApproximateNumberOfMessagesVisible').has(id)),
    ).toEqual([]);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('ObservabilityAlarmTopic') }],
    });
  });

  it('alarms on the age of every source queue, and only DLQs get depth alarms', () => {
    const dlqs = deadLetterQueueIds(resources);
    const sources = Object.entries(resources)
      .filter(([id, r]) => r.Type === 'AWS::SQS::Queue' && !dlqs.has(id))
      .map(([id]) => id);
    const aged = alarmedQueueIds(resources, 'ApproximateAgeOfOldestMessage');
    expect(sources.filter((id) => !aged.has(id))).toEqual([]);
    expect([...alarmedQueueIds(resources, 'ApproximateNumberOfMessagesVisible')].sort()).toEqual(
      [...dlqs].sort(),
    );
  });

  it('alarms on 5XX errors of every REST API', () => {
    const apis = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::ApiGateway::RestApi');
    expect(apis.length).toBeGreaterThan(0);
    for (const [id] of apis) {
      const apiName = (resources[id].Properties.Name as string) ?? id;
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/ApiGateway',
        MetricName: '5XXError',
        Dimensions: [{ Name: 'ApiName', Value: apiName }],
      });
    }
  });

  it('alarms on a spike in verifier rejections with metric math over both outcomes', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 50,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: Match.stringLikeRegexp('100 \\* FILL\\(r, 0\\)') }),
        Match.objectLike({
          Id: 'r',
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({ MetricName: 'WebhookRejected', Namespace: 'Hydrant' }),
          }),
        }),
        Match.objectLike({
          Id: 'v',
          MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'WebhookVerified' }) }),
        }),
      ]),
    });
  });

  it('sends alarms to an encrypted, SSL-only topic, with an email subscription only when configured', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    Template.fromStack(buildStack({ config: { alarmEmail: 'ops@example.com' } })).hasResourceProperties(
      'AWS::SNS::Subscription',
      { Protocol: 'email', Endpoint: 'ops@example.com' },
    );
    const alarms = Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm');
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
  });

  it('charts intake, verification, hydration by failure class and DLQ depths', () => {
    const body = JSON.stringify(
      Object.values(resources).find((r) => r.Type === 'AWS::CloudWatch::Dashboard'),
    );
    for (const title of [
      'Webhook intake',
      'Verification outcomes',
      'Hydration outcomes by failure class',
      'Dead-letter queue depths',
    ]) {
      expect(body).toContain(title);
    }
    expect(body).toContain('MetricName=\\\\\\"HydrationFailed\\\\\\"');
    expect(body).toContain('failureClass');
  });

  it('covers queues that other constructs add, without being told about them', () => {
    const stack = new Stack(new App(), 'Discovery');
    const later = new Construct(stack, 'SomeLaterFeature');
    const dlq = new Queue(later, 'Dlq', { encryption: QueueEncryption.SQS_MANAGED });
    new Queue(later, 'Work', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    const targetDlq = new Queue(later, 'TargetDlq');
    new Rule(later, 'Rule', {
      eventBus: new EventBus(stack, 'Bus'),
      eventPattern: { source: ['x'] },
      targets: [new SqsQueue(new Queue(later, 'Inbox'), { deadLetterQueue: targetDlq })],
    });

    const observability = new Observability(stack, 'Observability', { maxMessageAge: Duration.minutes(2) });

    expect(observability.deadLetterQueues.map((q) => q.label).sort()).toEqual([
      'SomeLaterFeature/Dlq',
      'SomeLaterFeature/TargetDlq',
    ]);
    expect(observability.sourceQueues.map((q) => q.label).sort()).toEqual([
      'SomeLaterFeature/Inbox',
      'SomeLaterFeature/Work',
    ]);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: 120,
    });
  });

  it('fails the synth when a queue is created after it', () => {
    const app = new App();
    const stack = new Stack(app, 'Late');
    new Observability(stack, 'Observability');
    new Queue(stack, 'TooLate');
    expect(() => app.synth()).toThrow(/Late\/TooLate was created after Observability/);
  });

  it('has no unacknowledged cdk-nag findings', () => {
    expect(nagFindings(buildStack()).filter((f) => f.includes('/Observability/'))).toEqual([]);
  });
});
