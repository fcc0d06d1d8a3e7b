import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { ShopServices, TRUSTED_SOURCES, sourcesOf } from '../../lib/shop-services';
import { buildStack, nagFindings } from '../helpers/synth';

type Resource = { Type: string; Properties: Record<string, unknown> };
type RuleTarget = {
  Arn: unknown;
  DeadLetterConfig?: { Arn: unknown };
  RetryPolicy?: { MaximumRetryAttempts: number };
  InputTransformer?: { InputPathsMap: Record<string, string>; InputTemplate: string };
};

describe('ShopServices', () => {
  let template: Template;
  let rules: [string, Resource][];
  const shopRules = (fnPrefix: string) =>
    rules.filter(([id]) => id.startsWith(`Shop${fnPrefix}`)).map(([, r]) => r.Properties);

  beforeAll(() => {
    template = Template.fromStack(buildStack());
    rules = Object.entries(template.findResources('AWS::Events::Rule') as Record<string, Resource>).filter(
      ([id]) => id.startsWith('Shop'),
    );
  });

  it('gives every service rule trusted sources only — never webhook.* or the partner source', () => {
    expect(rules).toHaveLength(5);
    for (const [id, rule] of rules) {
      const sources = sourcesOf(rule.Properties.EventPattern);
      expect(sources.length, id).toBeGreaterThan(0);
      for (const source of sources) expect(TRUSTED_SOURCES, `${id}: ${source}`).toContain(source);
    }
  });

  it('routes each service exactly the events it consumes', () => {
    expect(shopRules('Orders')[0].EventPattern).toEqual({
      $or: [
        { source: ['shop.hydration'], 'detail-type': ['Order Hydrated'] },
        {
          source: ['stripe'],
          'detail-type': ['payment_intent.succeeded', 'payment_intent.payment_failed', 'charge.refunded'],
        },
        {
          source: ['delivery'],
          'detail-type': ['DeliveryStarted', 'Delivered', 'DeliveryCanceled', 'DeliveryFailed'],
        },
      ],
    });
    expect(shopRules('Invoices')[0].EventPattern).toEqual({
      source: ['shop.hydration'],
      'detail-type': ['Order Hydrated'],
      detail: { eventType: ['ORDER_PLACED', 'REFUND_SUCCESS'] },
    });
    expect(shopRules('Inventory')[0].EventPattern).toEqual({
      source: ['shop.hydration'],
      'detail-type': ['Item Hydrated'],
    });
  });

  it('gives every target a retry policy and a dead-letter queue', () => {
    for (const [id, rule] of rules) {
      const targets = rule.Properties.Targets as RuleTarget[];
      expect(targets, id).toHaveLength(1);
      expect(targets[0].RetryPolicy?.MaximumRetryAttempts, id).toBe(8);
      expect(targets[0].DeadLetterConfig?.Arn, id).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/DeadLetterQueue/), 'Arn'],
      });
    }
  });

  it('keeps the dead-letter queues encrypted and SSL-only, and sends failed invocations there too', () => {
    const dlqs = Object.keys(template.findResources('AWS::SQS::Queue')).filter((id) =>
      /^Shop.*DeadLetterQueue/.test(id),
    );
    expect(dlqs).toHaveLength(4);
    for (const id of dlqs) {
      expect(template.toJSON().Resources[id].Properties.SqsManagedSseEnabled, id).toBe(true);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [id, 'Arn'] } } },
      });
    }
  });

  it('passes the forecast only order id, order date and line items — no buyer fields', () => {
    const transformers = shopRules('Forecast').map((r) => (r.Targets as RuleTarget[])[0].InputTransformer);
    expect(transformers).toHaveLength(2);
    const [inline, truncated] = transformers;
    expect(Object.values(inline?.InputPathsMap ?? {}).sort()).toEqual([
      '$.detail.data.createdAt',
      '$.detail.data.lineItems',
      '$.detail.orderId',
    ]);
    expect(JSON.parse(inline?.InputTemplate.replace(/<([^>]+)>/g, '"$1"') ?? '')).toEqual({
      orderId: 'detail-orderId',
      orderDate: 'detail-data-createdAt',
      lineItems: 'detail-data-lineItems',
    });
    expect(Object.values(truncated?.InputPathsMap ?? {}).sort()).toEqual([
      '$.detail.object.key',
      '$.detail.orderId',
    ]);
    for (const transformer of transformers) {
      expect(JSON.stringify(transformer)).not.toMatch(
        /buyer|recipient|address|email|phone|\$\.detail\.data"|\$\.detail"/i,
      );
    }
  });

  it('lets each function touch only its own prefix and read hydrated objects', () => {
    const policies = template.findResources('AWS::IAM::Policy') as Record<string, Resource>;
    for (const [service, prefix, hydrated] of [
      ['Orders', 'orders', 'hydrated/orders'],
      ['Invoices', 'invoices', 'hydrated/orders'],
      ['Inventory', 'inventory', 'hydrated/items'],
      ['Forecast', 'forecast', 'hydrated/orders'],
    ]) {
      const [, policy] =
        Object.entries(policies).find(([id]) => id.startsWith(`Shop${service}Function`)) ?? [];
      const statements = (
        policy?.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }
      ).Statement;
      const s3 = statements.filter((s) => JSON.stringify(s.Action).includes('s3:'));
      const objectResources = s3.map((s) => JSON.stringify(s.Resource)).join(' ');
      expect(objectResources).toContain(`"/${prefix}/*"`);
      expect(objectResources).toContain(`"/${hydrated}/*"`);
      expect(s3.flatMap((s) => [s.Action].flat())).not.toContain('s3:*');
      expect(
        s3
          .flatMap((s) => [s.Action].flat())
          .every((a) => ['s3:GetObject', 's3:PutObject', 's3:ListBucket'].includes(a as string)),
      ).toBe(true);
      expect(JSON.stringify(statements)).not.toMatch(/events:PutEvents|DeleteObject/);
    }
  });

  it('passes the bucket and the invoice tax rate through the environment', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          BUCKET_NAME: { Ref: Match.stringLikeRegexp('StorageBucket') },
          TAX_RATE_BASIS_POINTS: '0',
        }),
      },
    });
  });

  it('rejects bad props listing every problem', () => {
    const stack = new Stack(new App(), 'Props');
    const bus = new EventBus(stack, 'Bus');
    const bucket = new Bucket(stack, 'Bucket');
    expect(
      () =>
        new ShopServices(stack, 'Shop', { bus, bucket, invoiceTaxRateBasisPoints: 8.25, retryAttempts: -1 }),
    ).toThrow(/invoiceTaxRateBasisPoints[\s\S]*retryAttempts/);
  });

  it('finds sources inside $or alternatives, so an untrusted one cannot hide there', () => {
    expect(sourcesOf({ $or: [{ source: ['stripe'] }, { source: ['webhook.stripe'] }] })).toEqual([
      'stripe',
      'webhook.stripe',
    ]);
  });

  it('has no unacknowledged cdk-nag findings', () => {
    expect(nagFindings(buildStack()).filter((f) => f.includes('/Shop/'))).toEqual([]);
  });
});
