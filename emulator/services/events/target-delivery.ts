/**
 * Delivers matched events to rule targets: SQS queues and other buses in-process, Lambda functions
 * through the runtime's LambdaInvoker. Applies the target's RetryPolicy with exponential backoff
 * and sends exhausted events to its DeadLetterConfig queue with the AWS message attributes.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
 *
 * EventBridge invokes Lambda asynchronously: once Lambda has accepted the event, a function error
 * is Lambda's to retry (the function's EventInvokeConfig and on-failure destination). The rule's
 * retry policy and DLQ apply only when the invocation itself fails (missing function, throttled).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html
 */
import { AwsError } from '../../protocol/errors';
import { parseArn } from '../../protocol/aws-context';
import type { Rule, Target } from './bus-registry';
import { TargetDeliveryError } from './errors';
import { renderTargetInput } from './input-transformer';
import type { EventEnvelope } from './put-events';

/**
 * Plugged in by the Lambda runtime: an asynchronous invocation (InvocationType Event). Returns once
 * Lambda accepted the event (or a promise that resolves then); throws or rejects when the
 * invocation could not be made. A runtime that accepts at once (queues the event durably in the
 * same commit) spares the delivery its own pending-work record.
 */
export interface LambdaInvoker {
  invoke(functionArn: string, payloadJson: string): void | Promise<void>;
}

export interface QueueSender {
  sendToArn(
    arn: string,
    body: string,
    attributes?: Record<string, { DataType: string; StringValue: string }>,
  ): string;
}

export interface RetryTiming {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** First backoff delay; doubles per attempt. @default 1000 */
  baseDelayMs: number;
  /** @default 60000 */
  maxDelayMs: number;
  /** True once the emulator is closing: pending retries end without a dead letter. */
  stopped: () => boolean;
}

export interface DeliveryDeps {
  queues: QueueSender;
  /** Routes an event into another bus's rules (bus targets). */
  putToBus(busArn: string, event: EventEnvelope): void;
  lambda(): LambdaInvoker | undefined;
  timing: RetryTiming;
  log: (message: string) => void;
}

const DEFAULT_MAX_RETRIES = 185;
const DEFAULT_MAX_AGE_SECONDS = 86_400;

export class TargetDelivery {
  constructor(private readonly deps: DeliveryDeps) {}

  /**
   * Delivers one event to one target, tried synchronously first; only a failure or a Lambda
   * runtime that accepts asynchronously returns a promise (retries and dead-lettering run inside
   * it).
   */
  deliver(rule: Rule, target: Target, event: EventEnvelope, ingestedAt: number): Promise<void> | undefined {
    const payload =
      target.Input === undefined && target.InputPath === undefined && target.InputTransformer === undefined
        ? JSON.stringify(event)
        : renderTargetInput(target, event as unknown as Record<string, unknown>, {
            ruleArn: rule.arn,
            ruleName: rule.name,
            ingestionTime: new Date(ingestedAt).toISOString(),
          });
    const failed = (error: unknown) =>
      this.afterFailure(rule, target, event, ingestedAt, payload, 0, asDeliveryError(error));
    try {
      if (parseArn(target.Arn)?.service !== 'lambda') {
        this.sendInProcess(target.Arn, event, payload);
        return undefined;
      }
      return this.invokeLambda(target.Arn, payload)?.catch(failed);
    } catch (error) {
      return failed(error);
    }
  }

  private async retry(
    rule: Rule,
    target: Target,
    event: EventEnvelope,
    ingestedAt: number,
    payload: string,
    attempt: number,
  ) {
    try {
      await this.send(target.Arn, payload, event);
    } catch (error) {
      await this.afterFailure(rule, target, event, ingestedAt, payload, attempt, asDeliveryError(error));
    }
  }

  private async afterFailure(
    rule: Rule,
    target: Target,
    event: EventEnvelope,
    ingestedAt: number,
    payload: string,
    attempt: number,
    failure: TargetDeliveryError,
  ): Promise<void> {
    const { timing } = this.deps;
    const maxRetries = target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_MAX_RETRIES;
    const maxAgeMs = (target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_MAX_AGE_SECONDS) * 1000;
    if (!failure.retryable) return this.deadLetter(rule, target, event, failure, attempt, undefined);
    if (attempt >= maxRetries)
      return this.deadLetter(rule, target, event, failure, attempt, 'MaximumRetryAttempts');
    const delay = Math.min(timing.baseDelayMs * 2 ** attempt, timing.maxDelayMs);
    if (timing.now() + delay - ingestedAt > maxAgeMs) {
      return this.deadLetter(rule, target, event, failure, attempt, 'MaximumEventAgeInSeconds');
    }
    await timing.sleep(delay);
    if (timing.stopped()) return;
    return this.retry(rule, target, event, ingestedAt, payload, attempt + 1);
  }

  private async send(arn: string, payload: string, event: EventEnvelope): Promise<void> {
    if (parseArn(arn)?.service !== 'lambda') return this.sendInProcess(arn, event, payload);
    return this.invokeLambda(arn, payload);
  }

  private invokeLambda(arn: string, payload: string): void | Promise<void> {
    const invoker = this.deps.lambda();
    if (!invoker) {
      throw new TargetDeliveryError(
        'RESOURCE_NOT_FOUND',
        `No Lambda runtime is attached to invoke ${arn}.`,
        undefined,
        false,
      );
    }
    return invoker.invoke(arn, payload);
  }

  private sendInProcess(arn: string, event: EventEnvelope, payload: string): void {
    switch (parseArn(arn)?.service) {
      case 'sqs':
        try {
          this.deps.queues.sendToArn(arn, payload);
        } catch (error) {
          if (error instanceof AwsError && error.code === 'QueueDoesNotExist') {
            throw new TargetDeliveryError(
              'RESOURCE_NOT_FOUND',
              `Queue ${arn} does not exist.`,
              { cause: error },
              false,
            );
          }
          throw error;
        }
        return;
      case 'events':
        this.deps.putToBus(arn, event);
        return;
      default:
        // PARITY: only SQS, Lambda and EventBridge bus targets are delivered locally.
        throw new TargetDeliveryError(
          'UNSUPPORTED_TARGET',
          `Target ${arn} is not supported by the emulator.`,
          undefined,
          false,
        );
    }
  }

  private deadLetter(
    rule: Rule,
    target: Target,
    event: EventEnvelope,
    failure: TargetDeliveryError,
    retries: number,
    exhausted: string | undefined,
  ): void {
    const dlq = target.DeadLetterConfig?.Arn;
    if (!dlq) {
      this.deps.log(
        `[events] dropped event ${event.id} for target ${target.Id} of ${rule.arn}: ${failure.message}`,
      );
      return;
    }
    const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
    const attributes: Record<string, { DataType: string; StringValue: string }> = {
      RULE_ARN: attribute(rule.arn),
      TARGET_ARN: attribute(target.Arn),
      ERROR_CODE: attribute(failure.errorCode),
      ERROR_MESSAGE: attribute(failure.message.slice(0, 1000) || failure.errorCode),
      RETRY_ATTEMPTS: attribute(String(retries)),
    };
    if (exhausted) attributes.EXHAUSTED_RETRY_CONDITION = attribute(exhausted);
    try {
      this.deps.queues.sendToArn(dlq, JSON.stringify(event), attributes);
    } catch (error) {
      this.deps.log(`[events] dead-letter queue ${dlq} refused event ${event.id}: ${String(error)}`);
    }
  }
}

function asDeliveryError(error: unknown): TargetDeliveryError {
  if (error instanceof TargetDeliveryError) return error;
  // The Lambda runtime's errors, as EventBridge reports them in ERROR_CODE.
  const name = (error as Error | undefined)?.name;
  if (name === 'ResourceNotFoundException')
    return new TargetDeliveryError('RESOURCE_NOT_FOUND', (error as Error).message, { cause: error }, false);
  if (name === 'TooManyRequestsException')
    return new TargetDeliveryError('THROTTLING', (error as Error).message, { cause: error });
  // A target service refusing the delivery itself (a message too large for the queue, a queue that
  // does not exist) fails the same way on every retry: EventBridge sends such events straight to
  // the DLQ. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
  if (error instanceof AwsError && error.fault === 'Sender' && !/Throttl|TooMany/i.test(error.code))
    return new TargetDeliveryError(error.code, error.message, { cause: error }, false);
  const code = (error as { errorCode?: unknown; code?: unknown } | undefined)?.errorCode;
  const message = error instanceof Error ? error.message : String(error);
  return new TargetDeliveryError(typeof code === 'string' ? code : 'SDK_CLIENT_ERROR', message, {
    cause: error,
  });
}
