/**
 * AWS::Lambda::Function from its bundled asset in cdk.out (the `aws:asset:path` metadata CDK
 * writes), AWS::Lambda::EventSourceMapping for SQS queues, and AWS::Lambda::EventInvokeConfig
 * (asynchronous retries and destinations).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { generatedName } from '../physical-names';
import { arn, type ResourceHandler, type ResourceInput } from './resource-handler';

export const lambdaFunction: ResourceHandler = async (input) => {
  const p = input.properties;
  const codeDir = codeDirectory(input);
  const name =
    typeof p.FunctionName === 'string'
      ? p.FunctionName
      : generatedName(input.stackName, input.logicalId, { maxLength: 64 });
  const functionArn = arn(input, 'lambda', `function:${name}`);
  const variables = ((p.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ??
    {}) as Record<string, unknown>;
  input.targets.lambda.createFunction({
    functionName: name,
    functionArn,
    handler: String(p.Handler ?? 'index.handler'),
    codeDir,
    environment: Object.fromEntries(
      Object.entries(variables).map(([key, value]) => [key, input.localizeUrls(String(value))]),
    ),
    timeoutSeconds: Number(p.Timeout ?? 3),
    memoryMb: Number(p.MemorySize ?? 128),
    reservedConcurrency:
      p.ReservedConcurrentExecutions === undefined ? undefined : Number(p.ReservedConcurrentExecutions),
  });
  return { ref: name, attributes: { Arn: functionArn } };
};

/** The function's asset folder: from `aws:asset:path` metadata, else its S3 key in the asset manifest. */
function codeDirectory(input: ResourceInput): string {
  const metadataPath = input.metadata['aws:asset:path'];
  const s3Key = (input.properties.Code as { S3Key?: unknown } | undefined)?.S3Key;
  const codeDir =
    typeof metadataPath === 'string'
      ? path.resolve(input.assemblyDir, metadataPath)
      : typeof s3Key === 'string'
        ? input.assets.get(s3Key)
        : undefined;
  if (!codeDir) {
    throw new Error('its code is not a cdk.out asset (inline and image code are not emulated)');
  }
  if (!existsSync(codeDir)) throw new Error(`its asset ${codeDir} is missing; synthesize again`);
  return codeDir;
}

export const eventSourceMapping: ResourceHandler = async (input) => {
  const p = input.properties;
  const source = String(p.EventSourceArn ?? '');
  if (!source.startsWith('arn:aws:sqs:')) {
    throw new Error(`only SQS event sources are emulated (got ${source || 'none'})`);
  }
  const id = randomUUID();
  input.targets.lambda.createEventSourceMapping(input.targets.sqs, {
    functionName: String(p.FunctionName),
    queueArn: source,
    batchSize: p.BatchSize === undefined ? undefined : Number(p.BatchSize),
    maximumBatchingWindowInSeconds:
      p.MaximumBatchingWindowInSeconds === undefined ? undefined : Number(p.MaximumBatchingWindowInSeconds),
    maximumConcurrency: (p.ScalingConfig as { MaximumConcurrency?: number } | undefined)?.MaximumConcurrency,
    reportBatchItemFailures: ((p.FunctionResponseTypes as string[] | undefined) ?? []).includes(
      'ReportBatchItemFailures',
    ),
    enabled: p.Enabled !== false && p.Enabled !== 'false',
  });
  return {
    ref: id,
    attributes: { Id: id, EventSourceMappingArn: arn(input, 'lambda', `event-source-mapping:${id}`) },
  };
};

/** The function's asynchronous-invocation settings; `Qualifier` is accepted for `$LATEST` only. */
export const eventInvokeConfig: ResourceHandler = async (input) => {
  const p = input.properties;
  const functionName = String(p.FunctionName);
  const qualifier = String(p.Qualifier ?? '$LATEST');
  // PARITY: versions and aliases are not emulated; every invocation runs $LATEST.
  if (qualifier !== '$LATEST') throw new Error(`only Qualifier $LATEST is emulated (got ${qualifier})`);
  input.targets.lambda.putEventInvokeConfig(functionName, p);
  return { ref: `${functionName}:${qualifier}` };
};
