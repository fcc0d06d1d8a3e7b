/**
 * A function's asynchronous-invocation settings (AWS::Lambda::EventInvokeConfig,
 * PutFunctionEventInvokeConfig): how often Lambda retries a failed event, how long it keeps one,
 * and where it sends the record of the outcome.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
 */
import { InvalidParameterValueException } from '../errors';

export interface EventInvokeConfig {
  /** 0–2. @default 2 */
  readonly maximumRetryAttempts: number;
  /** 60–21,600. @default 21600 (6 hours) */
  readonly maximumEventAgeInSeconds: number;
  /** ARN of an SQS queue, EventBridge bus or Lambda function. */
  readonly onSuccess?: string;
  readonly onFailure?: string;
}

export const DEFAULT_EVENT_INVOKE_CONFIG: EventInvokeConfig = {
  maximumRetryAttempts: 2,
  maximumEventAgeInSeconds: 21_600,
};

/** The API/CloudFormation shape, checked against Lambda's limits. */
export interface EventInvokeConfigInput {
  readonly MaximumRetryAttempts?: unknown;
  readonly MaximumEventAgeInSeconds?: unknown;
  readonly DestinationConfig?: {
    readonly OnSuccess?: { readonly Destination?: unknown };
    readonly OnFailure?: { readonly Destination?: unknown };
  };
}

export function parseEventInvokeConfig(input: EventInvokeConfigInput): EventInvokeConfig {
  const retries = input.MaximumRetryAttempts ?? DEFAULT_EVENT_INVOKE_CONFIG.maximumRetryAttempts;
  const age = input.MaximumEventAgeInSeconds ?? DEFAULT_EVENT_INVOKE_CONFIG.maximumEventAgeInSeconds;
  const problems: string[] = [];
  if (!Number.isInteger(Number(retries)) || Number(retries) < 0 || Number(retries) > 2)
    problems.push(`MaximumRetryAttempts must be 0, 1 or 2 (got ${String(retries)})`);
  if (!Number.isInteger(Number(age)) || Number(age) < 60 || Number(age) > 21_600)
    problems.push(`MaximumEventAgeInSeconds must be 60 to 21600 (got ${String(age)})`);
  const destination = (which: 'OnSuccess' | 'OnFailure') => {
    const arn = input.DestinationConfig?.[which]?.Destination;
    if (arn === undefined || arn === null || arn === '') return undefined;
    const service = typeof arn === 'string' ? arn.split(':')[2] : undefined;
    if (service !== 'sqs' && service !== 'events' && service !== 'lambda') {
      // PARITY: SNS topics and S3 buckets are valid destinations on AWS; the emulator has neither.
      problems.push(`${which} destination must be an SQS queue, EventBridge bus or Lambda function ARN`);
      return undefined;
    }
    return arn as string;
  };
  const onSuccess = destination('OnSuccess');
  const onFailure = destination('OnFailure');
  if (problems.length > 0) throw new InvalidParameterValueException(problems.join('; '));
  return {
    maximumRetryAttempts: Number(retries),
    maximumEventAgeInSeconds: Number(age),
    ...(onSuccess ? { onSuccess } : {}),
    ...(onFailure ? { onFailure } : {}),
  };
}
