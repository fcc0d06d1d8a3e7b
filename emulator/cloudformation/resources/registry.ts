/**
 * Which resource types the local cloud creates, which it accepts as announced no-ops (IAM, logs,
 * alarms, dashboards: nothing local enforces or reads them), and, by omission, which it does not
 * emulate at all. Both of the latter are printed at startup; nothing is skipped silently.
 */
import * as apigateway from './apigateway';
import { archive, eventBus, rule } from './events';
import { eventInvokeConfig, eventSourceMapping, lambdaFunction } from './lambda';
import type { ResourceHandler } from './resource-handler';
import { bucket } from './s3';
import { secret } from './secrets';
import { queue } from './sqs';

export const HANDLERS: Readonly<Record<string, ResourceHandler | undefined>> = {
  'AWS::Events::EventBus': eventBus,
  'AWS::Events::Rule': rule,
  'AWS::Events::Archive': archive,
  'AWS::SQS::Queue': queue,
  'AWS::S3::Bucket': bucket,
  'AWS::SecretsManager::Secret': secret,
  'AWS::Lambda::Function': lambdaFunction,
  'AWS::Lambda::EventSourceMapping': eventSourceMapping,
  'AWS::Lambda::EventInvokeConfig': eventInvokeConfig,
  'AWS::ApiGateway::RestApi': apigateway.restApi,
  'AWS::ApiGateway::Resource': apigateway.resource,
  'AWS::ApiGateway::Method': apigateway.method,
  'AWS::ApiGateway::Model': apigateway.model,
  'AWS::ApiGateway::RequestValidator': apigateway.requestValidator,
  'AWS::ApiGateway::GatewayResponse': apigateway.gatewayResponse,
  'AWS::ApiGateway::Deployment': apigateway.deployment,
  'AWS::ApiGateway::Stage': apigateway.stage,
};

/** Accepted and announced, with why nothing local needs them. */
export const NO_OPS: Readonly<Record<string, string>> = {
  'AWS::IAM::Role': 'IAM is not enforced locally',
  'AWS::IAM::Policy': 'IAM is not enforced locally',
  'AWS::IAM::ManagedPolicy': 'IAM is not enforced locally',
  'AWS::Lambda::Permission': 'resource policies are not enforced locally',
  'AWS::SQS::QueuePolicy': 'resource policies are not enforced locally',
  'AWS::S3::BucketPolicy': 'resource policies are not enforced locally',
  'AWS::Events::EventBusPolicy': 'resource policies are not enforced locally',
  'AWS::SecretsManager::ResourcePolicy': 'resource policies are not enforced locally',
  'AWS::Logs::LogGroup': 'function logs go to the console, prefixed with the function name',
  'AWS::CloudWatch::Alarm': 'no metrics are collected locally',
  'AWS::CloudWatch::Dashboard': 'no metrics are collected locally',
  'AWS::ApiGateway::Account': 'API Gateway access logs go nowhere locally',
  'AWS::CDK::Metadata': 'CDK version reporting only',
};

/** What a non-emulated type means locally, where that is worth saying; others get a generic note. */
export const NOT_EMULATED_NOTES: Readonly<Record<string, string>> = {
  'AWS::KMS::Key': 'data is stored unencrypted; key references resolve to placeholders',
  'AWS::KMS::Alias': 'data is stored unencrypted',
  'AWS::SNS::Topic': 'alarm notifications are not sent',
  'AWS::SNS::Subscription': 'alarm notifications are not sent',
  'AWS::SNS::TopicPolicy': 'alarm notifications are not sent',
};
