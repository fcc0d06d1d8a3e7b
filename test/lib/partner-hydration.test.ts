import { Duration } from 'aws-cdk-lib';
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { retryBudgetSeconds } from '../../lambdas/hydration/backoff';
import {
  checkProps,
  MOCK_PARTNER_INSTALLATION_ID,
  REDRIVE_MARGIN,
  VISIBILITY_FACTOR,
} from '../../lib/partner-hydration';
import { buildStack, nagFindings } from '../helpers/synth';

const stack = buildStack({
  config: { hydrationBatchSize: 7, hydrationBatchWindowSeconds: 3, hydrationMaxConcurrency: 4 },
});
const template = Template.fromStack(stack);
const { orders, items } = stack.hydration;
const ref = (construct: { node: { defaultChild?: unknown } }) =>
  stack.resolve((construct.node.defaultChild as { ref: string }).ref) as { Ref: string };
const logicalId = (construct: { node: { defaultChild?: unknown } }) => ref(construct).Ref;
const fnProps = (fn: typeof orders.fn) => template.toJSON().Resources[logicalId(fn)].Properties;
const queueProps = (queue: typeof orders.queue) => template.toJSON().Resources[logicalId(queue)].Properties;

describe('PartnerHydration', () => {
  it('routes the three order event types and buyability changes from the partner source to their queues', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['partner.buywithprime'],
        detail: { eventType: ['ORDER_PLACED', 'ORDER_UPDATED', 'REFUND_SUCCESS'] },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalId(orders.queue), 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(orders.targetDeadLetterQueue), 'Arn'] } },
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 8 }),
        }),
      ],
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['partner.buywithprime'], 'detail-type': ['santos.buyability.status.change'] },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(items.queue), 'Arn'] } })],
    });
  });

  it.each([
    ['order', orders],
    ['item', items],
  ])('gives the %s queue encryption, a DLQ and visibility of 6 × the consumer timeout', (_name, pipeline) => {
    const fn = fnProps(pipeline.fn);
    const maxAttempts = Number(fn.Environment.Variables.MAX_ATTEMPTS);
    const queue = queueProps(pipeline.queue);
    expect(queue.SqsManagedSseEnabled).toBe(true);
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(VISIBILITY_FACTOR * fn.Timeout);
    expect(queue.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(pipeline.deadLetterQueue), 'Arn'] },
      maxReceiveCount: maxAttempts + REDRIVE_MARGIN,
    });
    expect(queue.RedrivePolicy.maxReceiveCount).toBeGreaterThan(maxAttempts);
    for (const q of [pipeline.queue, pipeline.deadLetterQueue, pipeline.targetDeadLetterQueue]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [ref(q)],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('consumes with ReportBatchItemFailures, the configured batch and bounded concurrency', () => {
    for (const pipeline of [orders, items]) {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: ref(pipeline.fn),
        EventSourceArn: { 'Fn::GetAtt': [logicalId(pipeline.queue), 'Arn'] },
        BatchSize: 7,
        MaximumBatchingWindowInSeconds: 3,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 4 },
      });
    }
  });

  it('tells the hydrator where everything is', () => {
    expect(fnProps(orders.fn).Environment.Variables).toMatchObject({
      BUS_NAME: expect.anything(),
      PARTNER_SOURCE: 'partner.buywithprime',
      HYDRATION_SOURCE: 'shop.hydration',
      QUEUE_URL: ref(orders.queue),
      DLQ_URL: ref(orders.deadLetterQueue),
      MAX_ATTEMPTS: '20',
      BACKOFF_BASE_SECONDS: '2',
      BACKOFF_MAX_SECONDS: '900',
      REQUEST_TIMEOUT_MS: '10000',
      PARTNER_INSTALLATION_ID: MOCK_PARTNER_INSTALLATION_ID,
    });
  });

  it('rides out an hour-long partner outage before dead-lettering, within SQS limits', () => {
    const env = fnProps(orders.fn).Environment.Variables;
    const budget = retryBudgetSeconds(Number(env.MAX_ATTEMPTS), {
      baseSeconds: Number(env.BACKOFF_BASE_SECONDS),
      maxSeconds: Number(env.BACKOFF_MAX_SECONDS),
    });
    expect(budget.min).toBeGreaterThanOrEqual(3600);
    expect(budget.max).toBeLessThan(queueProps(orders.queue).MessageRetentionPeriod);
    expect(Number(env.BACKOFF_MAX_SECONDS)).toBeLessThanOrEqual(43_200);
  });

  it('takes the installation id and a shorter retry budget from context', () => {
    const configured = buildStack({
      context: {
        'hydrant:partnerInstallationId': 'amzn1.installation.merchant-1',
        'hydrant:hydrationMaxAttempts': 4,
        'hydrant:hydrationBackoffMaxSeconds': 8,
      },
    });
    const env =
      Template.fromStack(configured).toJSON().Resources[
        configured.resolve(
          (configured.hydration.orders.fn.node.defaultChild as unknown as { ref: string }).ref,
        ).Ref
      ].Properties.Environment.Variables;
    expect(env).toMatchObject({
      PARTNER_INSTALLATION_ID: 'amzn1.installation.merchant-1',
      MAX_ATTEMPTS: '4',
      BACKOFF_MAX_SECONDS: '8',
    });
  });

  it('lets each hydrator put only shop.hydration events and only its own hydrated prefix', () => {
    const statements = new Capture();
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [ref(orders.fn.role as never)],
      PolicyDocument: { Statement: statements },
    });
    const list = statements.asArray() as {
      Action: string | string[];
      Resource: unknown;
      Condition?: unknown;
    }[];
    const byAction = (action: string) => list.filter((s) => [s.Action].flat().includes(action));
    expect(byAction('events:PutEvents')).toEqual([
      expect.objectContaining({ Condition: { StringEquals: { 'events:source': 'shop.hydration' } } }),
    ]);
    expect(JSON.stringify(byAction('s3:PutObject').map((s) => s.Resource))).toContain('/hydrated/orders/*');
    expect(JSON.stringify(list)).not.toContain('hydrated/items');
    expect(byAction('sqs:SendMessage')).toEqual([
      expect.objectContaining({ Resource: { 'Fn::GetAtt': [logicalId(orders.deadLetterQueue), 'Arn'] } }),
    ]);
    expect(byAction('secretsmanager:GetSecretValue')).toHaveLength(1);
  });

  it('checks its props up front and lists every problem', () => {
    expect(() =>
      checkProps({
        ...({} as Parameters<typeof checkProps>[0]),
        partnerEndpoint: 'ftp://x',
        batchSize: 11,
        maxConcurrency: 1,
        functionTimeout: Duration.seconds(5),
        requestTimeout: Duration.seconds(10),
        backoffMax: Duration.hours(13),
        partnerInstallationId: 'has spaces',
      }),
    ).toThrow(
      /batchSize[\s\S]*backoffMax[\s\S]*partnerInstallationId[\s\S]*maxConcurrency[\s\S]*requestTimeout[\s\S]*partnerEndpoint/,
    );
    expect(() =>
      checkProps({
        ...({} as Parameters<typeof checkProps>[0]),
        partnerEndpoint: 'https://p.example.com',
        maxAttempts: 100,
        backoffMax: Duration.hours(12),
      }),
    ).toThrow(/4-day message retention/);
  });

  it('uses a configured real partner endpoint and deploys no mock partner then', () => {
    const real = buildStack({ config: { partnerEndpoint: 'https://partner.example.com/graphql' } });
    expect(real.mockPartner).toBeUndefined();
    Template.fromStack(real).hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ PARTNER_ENDPOINT: 'https://partner.example.com/graphql' }),
      },
    });
  });

  it('has no unacknowledged cdk-nag findings', () => {
    expect(nagFindings(buildStack()).filter((f) => /Hydration|MockPartner/.test(f))).toEqual([]);
  });
});
