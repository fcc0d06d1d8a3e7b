import { Capture, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { readVtl } from '../../lib/webhook-ingress';
import { Template } from 'aws-cdk-lib/assertions';
import { buildStack, nagFindings, synthTemplate } from '../helpers/synth';
import { webhookStack } from './webhook-fixture';

const { stack, template } = webhookStack({ throttleRateLimit: 25, throttleBurstLimit: 50 });
const busRef = { Ref: stack.getLogicalId(stack.node.findChild('Bus').node.defaultChild as never) };
const busArn = { 'Fn::GetAtt': [busRef.Ref, 'Arn'] };

/** The POST method whose resource has this path part. */
function postMethodOn(pathPart: string) {
  const resources = template.findResources('AWS::ApiGateway::Resource', {
    Properties: { PathPart: pathPart },
  });
  const [resourceId] = Object.keys(resources);
  expect(resourceId).toBeDefined();
  const methods = template.findResources('AWS::ApiGateway::Method', {
    Properties: { HttpMethod: 'POST', ResourceId: { Ref: resourceId } },
  });
  expect(Object.keys(methods)).toHaveLength(1);
  return Object.values(methods)[0].Properties as Record<string, unknown>;
}

describe('WebhookIngress', () => {
  it('serves POST /webhooks/stripe as an AWS integration to events:PutEvents with the stripe template', () => {
    const method = postMethodOn('stripe');
    expect(method).toMatchObject({
      AuthorizationType: 'NONE',
      RequestParameters: { 'method.request.header.Stripe-Signature': true },
      RequestModels: { 'application/json': expect.anything() },
      RequestValidatorId: expect.anything(),
      Integration: {
        Type: 'AWS',
        IntegrationHttpMethod: 'POST',
        PassthroughBehavior: 'NEVER',
        RequestParameters: {
          'integration.request.header.X-Amz-Target': "'AWSEvents.PutEvents'",
          'integration.request.header.Content-Type': "'application/x-amz-json-1.1'",
        },
        RequestTemplates: { 'application/json': readVtl('webhook-stripe.request.vtl') },
      },
    });
    const uri = JSON.stringify((method.Integration as { Uri: unknown }).Uri);
    expect(uri).toContain(':events:action/PutEvents');
    expect(Object.keys((method.Integration as { RequestTemplates: object }).RequestTemplates)).toEqual([
      'application/json',
    ]);
  });

  it('gives each configured delivery provider its own resource with the delivery template', () => {
    for (const provider of ['acme-post', 'swiftship']) {
      expect(postMethodOn(provider)).toMatchObject({
        RequestParameters: { 'method.request.header.X-Hydrant-Signature': true },
        Integration: {
          PassthroughBehavior: 'NEVER',
          RequestTemplates: { 'application/json': readVtl('webhook-delivery.request.vtl') },
        },
      });
    }
    template.resourcePropertiesCountIs('AWS::ApiGateway::Resource', { PathPart: 'delivery' }, 1);
    template.resourcePropertiesCountIs('AWS::ApiGateway::Method', { HttpMethod: 'POST' }, 3);
  });

  it('answers 200 only through the PutEvents response template and maps PutEvents 4xx/5xx to 502', () => {
    const method = postMethodOn('stripe');
    expect((method.Integration as { IntegrationResponses: unknown }).IntegrationResponses).toEqual([
      { StatusCode: '200', ResponseTemplates: { 'application/json': readVtl('put-events.response.vtl') } },
      {
        StatusCode: '502',
        SelectionPattern: '[45]\\d{2}',
        ResponseTemplates: { 'application/json': readVtl('put-events-failed.response.vtl') },
      },
    ]);
    expect(method.MethodResponses).toEqual([
      { StatusCode: '200' },
      { StatusCode: '500' },
      { StatusCode: '502' },
    ]);
    expect(readVtl('put-events.response.vtl')).toContain('#set($context.responseOverride.status = 500)');
  });

  it('validates the body against a draft-4 model of its sender contract and the signature header', () => {
    template.hasResourceProperties('AWS::ApiGateway::Model', {
      ContentType: 'application/json',
      Name: 'StripeWebhookBody',
      Schema: Match.objectLike({
        $schema: 'http://json-schema.org/draft-04/schema#',
        type: 'object',
        required: ['id', 'type'],
      }),
    });
    template.hasResourceProperties('AWS::ApiGateway::Model', {
      Name: 'DeliveryWebhookBody',
      Schema: Match.objectLike({
        type: 'object',
        required: ['id', 'type', 'orderId', 'customerId', 'trackingNumber', 'occurredAt'],
        properties: Match.objectLike({
          type: {
            type: 'string',
            enum: ['delivery.started', 'delivery.delivered', 'delivery.canceled', 'delivery.failed'],
          },
        }),
      }),
    });
    const modelOf = (pathPart: string) =>
      (postMethodOn(pathPart).RequestModels as Record<string, { Ref: string }>)['application/json'].Ref;
    const models = template.findResources('AWS::ApiGateway::Model');
    expect(models[modelOf('stripe')].Properties.Name).toBe('StripeWebhookBody');
    expect(models[modelOf('acme-post')].Properties.Name).toBe('DeliveryWebhookBody');
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', {
      ValidateRequestBody: true,
      ValidateRequestParameters: true,
    });
  });

  it('lets the API role put events on this bus only, with webhook sources only', () => {
    const role = new Capture();
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'events:PutEvents',
            Resource: busArn,
            Condition: { StringEquals: { 'events:source': ['webhook.stripe', 'webhook.delivery'] } },
          },
        ],
      },
      Roles: [{ Ref: role }],
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'apigateway.amazonaws.com' } })],
      },
    });
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method'));
    for (const m of methods) {
      expect(m.Properties.Integration.Credentials).toEqual({ 'Fn::GetAtt': [role.asString(), 'Arn'] });
    }
  });

  it('throttles, traces and access-logs the stage as JSON, passing the bus name as a stage variable', () => {
    const logGroup = new Capture();
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      TracingEnabled: true,
      Variables: { busName: busRef },
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingRateLimit: 25,
          ThrottlingBurstLimit: 50,
          LoggingLevel: 'ERROR',
        }),
      ]),
      AccessLogSetting: {
        DestinationArn: { 'Fn::GetAtt': [logGroup, 'Arn'] },
        Format: Match.stringLikeRegexp('^\\{'),
      },
    });
    const format = Object.values(template.findResources('AWS::ApiGateway::Stage'))[0].Properties
      .AccessLogSetting.Format as string;
    expect(JSON.parse(format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    template.hasResource('AWS::Logs::LogGroup', Match.anyValue());
  });

  it.each([
    ['BAD_REQUEST_BODY', '400'],
    ['BAD_REQUEST_PARAMETERS', '400'],
    ['UNSUPPORTED_MEDIA_TYPE', '415'],
    ['REQUEST_TOO_LARGE', '413'],
    ['THROTTLED', '429'],
    ['MISSING_AUTHENTICATION_TOKEN', '404'],
  ])('answers %s with %s and a JSON body', (type, status) => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: type,
      StatusCode: status,
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"requestId":"\\$context.requestId"') },
    });
  });

  it('refuses an empty or duplicated provider list', () => {
    expect(() => webhookStack({ deliveryProviders: [] })).toThrow(/at least one provider/);
    expect(() => webhookStack({ deliveryProviders: ['a', 'a'] })).toThrow(/duplicates/);
  });
});

describe('WebhookIngress abuse limits', () => {
  it('gives the Stripe route and each carrier route a throttle of its own', () => {
    const stage = Object.values(template.findResources('AWS::ApiGateway::Stage'))[0].Properties as {
      MethodSettings: { ResourcePath: string; HttpMethod: string; ThrottlingRateLimit?: number }[];
    };
    const routes = stage.MethodSettings.filter((s) => s.ResourcePath !== '/*');
    expect(routes.map((s) => [s.ResourcePath, s.HttpMethod, s.ThrottlingRateLimit]).sort()).toEqual([
      ['/~1webhooks~1delivery~1acme-post', 'POST', 25],
      ['/~1webhooks~1delivery~1swiftship', 'POST', 25],
      ['/~1webhooks~1stripe', 'POST', 25],
    ]);
  });

  it('has no web ACL unless a per-IP rate limit is configured', () => {
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
  });

  it('blocks an IP over the configured rate with a web ACL on the stage', () => {
    const { template: withWaf, stack: wafStack } = webhookStack({ wafRateLimit: 500 });
    withWaf.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({
          Action: { Block: {} },
          Statement: { RateBasedStatement: { Limit: 500, AggregateKeyType: 'IP' } },
        }),
      ],
    });
    withWaf.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: Match.anyValue(),
      WebACLArn: Match.objectLike({ 'Fn::GetAtt': Match.arrayWith(['Arn']) }),
    });
    expect(wafStack).toBeDefined();
  });

  it("refuses a per-IP rate below AWS WAF's minimum", () => {
    expect(() => webhookStack({ wafRateLimit: 5 })).toThrow(
      /wafRateLimit must be a whole number of at least 10/,
    );
  });
});

describe('hydrant stack: webhook wiring', () => {
  it('serves the configured providers with the configured throttling and outputs the URLs and DLQ', () => {
    const template = synthTemplate({
      config: { throttleRateLimit: 7, throttleBurstLimit: 9, deliveryProviders: ['parcel-co'] },
    });
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: 'parcel-co' });
    template.resourcePropertiesCountIs('AWS::ApiGateway::Resource', { PathPart: 'acme-post' }, 0);
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      Variables: { busName: Match.anyValue() },
      MethodSettings: Match.arrayWith([
        Match.objectLike({ ThrottlingRateLimit: 7, ThrottlingBurstLimit: 9 }),
      ]),
    });
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(JSON.stringify(outputs.StripeWebhookUrl.Value)).toContain('/webhooks/stripe');
    expect(JSON.stringify(outputs.DeliveryWebhookUrl.Value)).toContain('/webhooks/delivery/{provider}');
    expect(outputs.WebhookVerifierDlqUrl).toBeDefined();
  });

  it('puts a web ACL on the stage with hydrant:wafRateLimit, cdk-nag clean', () => {
    const stack = buildStack({ config: { wafRateLimit: 2000 } });
    Template.fromStack(stack).resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    expect(nagFindings(stack)).toEqual([]);
  });
});
