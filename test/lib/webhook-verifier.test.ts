import { Capture, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { webhookStack } from './webhook-fixture';

const { stack, template, verifier } = webhookStack();
const ref = (id: string) => stack.getLogicalId(stack.node.findChild(id).node.defaultChild as never);
const busArn = { 'Fn::GetAtt': [ref('Bus'), 'Arn'] };
const functionId = stack.getLogicalId(verifier.function.node.defaultChild as never);
const dlqId = stack.getLogicalId(verifier.deadLetterQueue.node.defaultChild as never);

function verifierStatements(): Record<string, unknown>[] {
  const roleRef = verifier.function.role!.node.defaultChild as never as Parameters<
    typeof stack.getLogicalId
  >[0];
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: stack.getLogicalId(roleRef) }] },
  });
  return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
}

describe('WebhookVerifier', () => {
  it('routes Webhook Received events from the webhook sources to the function, with retries and a DLQ', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: ref('Bus') },
      EventPattern: { source: ['webhook.stripe', 'webhook.delivery'], 'detail-type': ['Webhook Received'] },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [functionId, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
        }),
      ],
    });
  });

  it('sends a function that keeps failing to the same DLQ after its async retries', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionId },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlqId, 'Arn'] } } },
    });
  });

  it('encrypts the DLQ, enforces TLS and lets only this rule send to it', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1209600,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: dlqId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('configures the function through its environment', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: Match.objectLike({
          BUS_NAME: { Ref: ref('Bus') },
          BUCKET_NAME: { Ref: ref('Bucket') },
          STRIPE_SECRET_ID: { Ref: ref('StripeSecret') },
          DELIVERY_SECRET_ID: { Ref: ref('DeliverySecret') },
          DELIVERY_PROVIDERS: 'acme-post,swiftship',
        }),
      },
    });
  });

  it('grants least privilege: verified sources only, PutObject under rejected/, the two secrets', () => {
    const statements = verifierStatements();
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'events:PutEvents',
      Resource: busArn,
      Condition: { StringEquals: { 'events:source': ['stripe', 'delivery'] } },
    });
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 's3:PutObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [ref('Bucket'), 'Arn'] }, '/rejected/*']] },
    });
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: [{ Ref: ref('StripeSecret') }, { Ref: ref('DeliverySecret') }],
    });
    const actions = statements.flatMap((s) => [s.Action].flat() as string[]);
    expect(
      actions.filter(
        (a) => a.startsWith('events:') || a.startsWith('s3:') || a.startsWith('secretsmanager:'),
      ),
    ).toEqual(['events:PutEvents', 's3:PutObject', 'secretsmanager:GetSecretValue']);
  });
});

describe('webhook constructs and cdk-nag', () => {
  it('have no unacknowledged AwsSolutions findings', () => {
    const report = new AwsSolutionsChecks(stack).validateScope(stack);
    const mine = report.violations.flatMap((v) =>
      v.violatingResources
        .filter((r) => /\/(Ingress|Verifier)\//.test(r.constructPath ?? ''))
        .map((r) => `${v.ruleName} at ${r.constructPath}`),
    );
    expect(mine).toEqual([]);
    const capture = new Capture();
    template.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: capture });
    expect(capture.asString()).toBe('v1');
  });
});
