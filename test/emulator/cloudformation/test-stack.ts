/**
 * A small CDK app exercising every resource type the local deployer creates, independent of the
 * hydrant constructs: bus, rules with Lambda/SQS targets, queues with a DLQ, an SQS event source,
 * bucket, generated secret, a REST API with a PutEvents integration and a Lambda proxy.
 */
import { App, CfnCondition, CfnOutput, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RECORDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'recorder');

/** Synthesizes the test app into a fresh folder and returns it. */
export function synthTestAssembly(): string {
  const outdir = mkdtempSync(path.join(tmpdir(), 'hydrant-deploy-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'Local');
  const bus = new events.EventBus(stack, 'Bus', { eventBusName: 'local-events' });
  const records = new sqs.Queue(stack, 'Records');
  const dlq = new sqs.Queue(stack, 'WorkDlq');
  const work = new sqs.Queue(stack, 'Work', {
    visibilityTimeout: Duration.seconds(2),
    deadLetterQueue: { queue: dlq, maxReceiveCount: 2 },
  });
  const targetDlq = new sqs.Queue(stack, 'TargetDlq');
  const failures = new sqs.Queue(stack, 'RecorderFailures');

  const api = new apigw.RestApi(stack, 'Api', { deployOptions: { stageName: 'live' } });
  const recorder = new lambda.Function(stack, 'Recorder', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromAsset(RECORDER),
    timeout: Duration.seconds(5),
    environment: {
      RECORD_QUEUE_URL: records.queueUrl,
      GREETING: Fn.join('-', ['hello', Fn.select(1, Fn.split('-', 'x-from-template'))]),
      PARTNER_URL: Fn.join('', [
        'https://',
        'abcdefghij',
        '.execute-api.',
        stack.region,
        '.amazonaws.com/live/graphql',
      ]),
    },
  });
  // AWS::Lambda::EventInvokeConfig: Lambda's own retries and on-failure destination.
  recorder.configureAsyncInvoke({ retryAttempts: 1, onFailure: new SqsDestination(failures) });
  new events.Rule(stack, 'ToLambda', {
    eventBus: bus,
    eventPattern: { source: ['test.lambda'] },
    targets: [
      new targets.LambdaFunction(recorder, {
        retryAttempts: 1,
        maxEventAge: Duration.minutes(1),
        deadLetterQueue: targetDlq,
      }),
    ],
  });
  new events.Rule(stack, 'ToQueue', {
    eventBus: bus,
    eventPattern: { source: ['test.queue'] },
    targets: [new targets.SqsQueue(records)],
  });
  recorder.addEventSource(
    new SqsEventSource(work, { batchSize: 5, reportBatchItemFailures: true, maxConcurrency: 2 }),
  );

  new s3.Bucket(stack, 'Data');
  new secrets.Secret(stack, 'Token', {
    generateSecretString: {
      secretStringTemplate: '{"type":"static"}',
      generateStringKey: 'token',
      excludePunctuation: true,
    },
  });
  new sns.Topic(stack, 'Alerts');
  const off = new CfnCondition(stack, 'Off', { expression: Fn.conditionEquals('a', 'b') });
  (new sqs.Queue(stack, 'NeverCreated').node.defaultChild as sqs.CfnQueue).cfnOptions.condition = off;

  const role = new iam.Role(stack, 'ApiRole', {
    assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
  });
  const intake = api.root.addResource('intake');
  intake.addMethod(
    'POST',
    new apigw.AwsIntegration({
      service: 'events',
      action: 'PutEvents',
      options: {
        credentialsRole: role,
        passthroughBehavior: apigw.PassthroughBehavior.NEVER,
        requestParameters: { 'integration.request.header.X-Amz-Target': "'AWSEvents.PutEvents'" },
        requestTemplates: {
          'application/json': `{"Entries":[{"EventBusName":"${bus.eventBusName}","Source":"test.queue","DetailType":"t","Detail":"$util.escapeJavaScript($input.body)"}]}`,
        },
        integrationResponses: [
          {
            statusCode: '200',
            responseTemplates: { 'application/json': '{"id":"$input.path(\'$.Entries[0].EventId\')"}' },
          },
        ],
      },
    }),
    {
      methodResponses: [{ statusCode: '200' }],
      requestValidator: new apigw.RequestValidator(stack, 'Validator', {
        restApi: api,
        validateRequestBody: true,
      }),
      requestModels: {
        'application/json': api.addModel('Body', {
          contentType: 'application/json',
          schema: {
            schema: apigw.JsonSchemaVersion.DRAFT4,
            type: apigw.JsonSchemaType.OBJECT,
            required: ['n'],
          },
        }),
      },
    },
  );
  api.root.addResource('partner').addProxy({ defaultIntegration: new apigw.LambdaIntegration(recorder) });

  new CfnOutput(stack, 'IntakeUrl', { value: api.urlForPath('/intake') });
  new CfnOutput(stack, 'BusName', { value: bus.eventBusName, exportName: 'LocalBus' });
  app.synth();
  return outdir;
}
