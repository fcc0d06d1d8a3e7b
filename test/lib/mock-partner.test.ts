import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { describe, expect, it } from 'vitest';
import { MockPartner, checkFaults } from '../../lib/mock-partner';
import { buildStack } from '../helpers/synth';

function mockStack(faults?: ConstructorParameters<typeof MockPartner>[2]['faults']) {
  const stack = new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'T');
  const mock = new MockPartner(stack, 'Mock', {
    bus: new EventBus(stack, 'Bus'),
    bucket: new Bucket(stack, 'Bucket'),
    partnerSource: 'partner.test',
    partnerSecret: new Secret(stack, 'Secret'),
    faults,
  });
  return { stack, mock, template: Template.fromStack(stack) };
}

describe('MockPartner', () => {
  const plain = mockStack();

  it('serves GraphQL, OAuth token, fault control and event routes through Lambda proxy integrations', () => {
    const { template } = plain;
    for (const path of ['graphql', 'token', 'faults', 'order', 'buyability']) {
      template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: path });
    }
    template.resourcePropertiesCountIs(
      'AWS::ApiGateway::Method',
      { HttpMethod: 'POST', Integration: Match.objectLike({ Type: 'AWS_PROXY' }) },
      4,
    );
    for (const method of ['GET', 'PUT', 'DELETE']) {
      template.hasResourceProperties('AWS::ApiGateway::Method', {
        HttpMethod: method,
        Integration: Match.objectLike({ Type: 'AWS_PROXY' }),
      });
    }
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'mock',
      AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
  });

  it('sets the fault injection of the GraphQL function from its props', () => {
    const { template } = mockStack({ latencyMs: 50, error5xxRate: 0.1, seed: 7 });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          LATENCY_MS: '50',
          ERROR_5XX_RATE: '0.1',
          ERROR_429_RATE: '0',
          ERRORS_BLOCK_RATE: '0',
          NOT_FOUND_RATE: '0',
          FAULT_SEED: '7',
        }),
      },
    });
  });

  it('lets the event API put events only with the partner source', () => {
    const { template } = plain;
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'events:PutEvents',
            Condition: { StringEquals: { 'events:source': 'partner.test' } },
          }),
        ]),
      },
    });
  });

  it('keeps run-time faults in the bucket, reading and writing only under mock-partner/', () => {
    const { template } = plain;
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ FAULTS_BUCKET: { Ref: Match.stringLikeRegexp('Bucket') } }),
      },
    });
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: { Action: unknown; Resource: unknown }[] } } })
          .Properties.PolicyDocument.Statement,
    );
    const s3 = statements.filter((st) => JSON.stringify(st.Action).includes('s3:'));
    expect(s3).toHaveLength(1);
    expect(s3[0]!.Action).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(JSON.stringify(s3[0]!.Resource)).toContain('/mock-partner/*');
  });

  it('rejects out-of-range faults listing each one', () => {
    expect(() => checkFaults({ error429Rate: 1.5, latencyMs: -1, seed: 0.5 })).toThrow(
      /error429Rate[\s\S]*latencyMs[\s\S]*seed/,
    );
  });

  it('is deployed by the stack with its URLs as outputs, and the hydrators point at it', () => {
    const stack = buildStack();
    const template = Template.fromStack(stack);
    for (const output of [
      'MockPartnerGraphqlUrl',
      'MockPartnerTokenUrl',
      'MockPartnerEventsUrl',
      'MockPartnerFaultsUrl',
      'OrderHydrationDlqUrl',
      'ItemHydrationQueueUrl',
    ]) {
      template.hasOutput(output, Match.anyValue());
    }
    const env =
      template.toJSON().Resources[
        (
          stack.resolve((stack.hydration.orders.fn.node.defaultChild as unknown as { ref: string }).ref) as {
            Ref: string;
          }
        ).Ref
      ].Properties.Environment.Variables;
    expect(JSON.stringify(env.PARTNER_ENDPOINT)).toContain('/graphql');
  });

  it('takes faults from context hydrant:mockPartnerFaults', () => {
    const stack = buildStack({ context: { 'hydrant:mockPartnerFaults': '{"notFoundRate":0.2}' } });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ NOT_FOUND_RATE: '0.2' }) },
    });
  });
});
