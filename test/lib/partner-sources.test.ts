import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { STRIPE_SOURCE } from '../../lambdas/shared/contracts';
import { buildStack, nagFindings } from '../helpers/synth';

const ACCELERATOR_BUS = 'arn:aws:events:eu-west-1:123456789012:event-bus/bwp-accelerator';
const REAL_PARTNER = { partnerEndpoint: 'https://partner.example.com/graphql' };
const STRIPE_SOURCE_NAME = 'aws.partner/stripe.com/ed_test_61RM8ltWcTW4mbsws16RM8ki9BSQ8OOZ';

/** The rules whose pattern filters on `source`, with the bus each sits on. */
function rulesOnSource(template: Template, source: string) {
  return Object.values(template.findResources('AWS::Events::Rule')).filter((r) =>
    JSON.stringify((r as { Properties: { EventPattern?: unknown } }).Properties.EventPattern).includes(
      JSON.stringify(source),
    ),
  ) as {
    Properties: { EventBusName: unknown; EventPattern: Record<string, unknown>; Targets: { Arn: unknown }[] };
  }[];
}

// Each synth takes a few seconds; the first in a worker pays for loading aws-cdk-lib.
describe('partner events on the partner bus', { timeout: 120_000 }, () => {
  it('puts the order and buyability rules on the imported bus, targeting hydrant queues', () => {
    const stack = buildStack({ config: { ...REAL_PARTNER, partnerEventBusArn: ACCELERATOR_BUS } });
    const template = Template.fromStack(stack);
    const rules = rulesOnSource(template, 'partner.buywithprime');
    expect(rules).toHaveLength(2);
    for (const rule of rules) {
      expect(rule.Properties.EventBusName).toBe('bwp-accelerator');
      expect(JSON.stringify(rule.Properties.Targets[0]!.Arn)).toMatch(
        /HydrationOrdersQueue|HydrationItemsQueue/,
      );
    }
    // The queue policy lets EventBridge deliver only from that rule.
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'events.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
    template.hasOutput('PartnerBusArn', { Value: ACCELERATOR_BUS });
    expect(stack.mockPartner).toBeUndefined();
  });

  it('accepts an aws.partner/… source and listens on the partner bus named like it', () => {
    const source = 'aws.partner/buywithprime.amazon.com/store-42';
    const template = Template.fromStack(buildStack({ config: { ...REAL_PARTNER, partnerSource: source } }));
    const rules = rulesOnSource(template, source);
    expect(rules).toHaveLength(2);
    for (const rule of rules) {
      expect(rule.Properties.EventBusName).toBe(source);
      expect(rule.Properties.EventPattern.source).toEqual([source]);
    }
  });

  it('keeps the rules on hydrant bus without a partner bus, as before', () => {
    const template = Template.fromStack(buildStack());
    for (const rule of rulesOnSource(template, 'partner.buywithprime')) {
      expect((rule.Properties.EventBusName as { Ref: string }).Ref).toMatch(/^EventsBus/);
    }
  });

  it('refuses a partner bus in another account, saying to forward events instead', () => {
    expect(() =>
      buildStack({
        config: {
          ...REAL_PARTNER,
          partnerEventBusArn: 'arn:aws:events:eu-west-1:999999999999:event-bus/bwp',
        },
      }),
    ).toThrow(/account 999999999999[\s\S]*Forward the partner's events to hydrant's bus/);
  });
});

describe('Stripe through its EventBridge destination', { timeout: 120_000 }, () => {
  it('relays events from the Stripe partner bus to hydrant bus as source stripe', () => {
    const stack = buildStack({ config: { stripeEventSource: STRIPE_SOURCE_NAME } });
    const template = Template.fromStack(stack);
    const [rule, ...others] = rulesOnSource(template, STRIPE_SOURCE_NAME);
    expect(others).toEqual([]);
    expect(rule!.Properties.EventBusName).toBe(STRIPE_SOURCE_NAME);
    expect(rule!.Properties.EventPattern).toEqual({ source: [STRIPE_SOURCE_NAME] });
    expect(JSON.stringify(rule!.Properties.Targets)).toMatch(/StripeRelayFunction/);
    expect(JSON.stringify(rule!.Properties.Targets)).toMatch(/DeadLetterConfig/);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ STRIPE_EVENT_SOURCE: STRIPE_SOURCE_NAME }) },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'events:PutEvents',
            Condition: { StringEquals: { 'events:source': STRIPE_SOURCE } },
          }),
        ]),
      },
    });
    expect(nagFindings(stack).filter((f) => f.includes('/StripeRelay/'))).toEqual([]);
  });

  it('keeps an event the relay failed to publish: Lambda on-failure destination to its DLQ', () => {
    const template = Template.fromStack(buildStack({ config: { stripeEventSource: STRIPE_SOURCE_NAME } }));
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: Match.stringLikeRegexp('StripeRelayFunction') },
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: {
          Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('StripeRelayDeadLetterQueue'), 'Arn'] },
        },
      },
    });
  });

  it('deploys no relay without the setting', () => {
    expect(buildStack().stripeRelay).toBeUndefined();
  });
});

describe('partner configuration', { timeout: 120_000 }, () => {
  it('fails a synth with neither a partner endpoint nor the mock, naming both', () => {
    expect(() => buildStack({ context: { 'hydrant:mockPartner': false } })).toThrow(
      /hydrant:partnerEndpoint[\s\S]*hydrant:mockPartner=true/,
    );
  });

  it('lists every bad partner setting at once', () => {
    expect(() =>
      buildStack({
        config: {
          partnerEventBusArn: 'bwp-bus',
          stripeEventSource: 'aws.partner/paypal.com/x',
          partnerSource: 'aws.events',
        },
      }),
    ).toThrow(/partnerSource[\s\S]*partnerEventBusArn[\s\S]*stripeEventSource/);
  });

  it('refuses the mock partner with an aws.partner/… source it could never publish as', () => {
    expect(() => buildStack({ config: { partnerSource: 'aws.partner/example.com/x' } })).toThrow(
      /mockPartner cannot publish as aws\.partner\/example\.com\/x/,
    );
  });

  it('takes the mock partner from context as a string, as -c gives it', () => {
    expect(buildStack({ context: { 'hydrant:mockPartner': 'true' } }).mockPartner).toBeDefined();
  });
});
