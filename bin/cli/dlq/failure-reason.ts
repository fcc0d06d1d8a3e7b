/**
 * Why a message is in a DLQ, read from its message attributes. Three writers put them there:
 * - the hydrators: errorType, errorMessage, attempts, firstFailedAt, lastFailedAt, sourceQueue;
 * - EventBridge target DLQs: ERROR_CODE, ERROR_MESSAGE, RULE_ARN, TARGET_ARN,
 *   EXHAUSTED_RETRY_CONDITION, RETRY_ATTEMPTS
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html);
 * - Lambda asynchronous-invocation DLQs: RequestID, ErrorCode, ErrorMessage.
 * A message with none of them was moved by the queue's redrive policy: its consumer crashed or
 * timed out maxReceiveCount times.
 */
export interface FailureReason {
  readonly origin: 'hydrator' | 'eventbridge-target' | 'lambda-async' | 'redrive-policy';
  readonly errorType: string;
  readonly message: string;
  readonly attempts?: number;
  readonly firstFailedAt?: string;
  readonly lastFailedAt?: string;
  /** Source queue, rule or target the message failed in, when the attributes say. */
  readonly source?: string;
}

export type Attributes = Readonly<Record<string, string>>;

export function failureReason(attributes: Attributes): FailureReason {
  const num = (v: string | undefined) => (v === undefined || Number.isNaN(Number(v)) ? undefined : Number(v));
  if (attributes.errorType !== undefined) {
    return {
      origin: 'hydrator',
      errorType: attributes.errorType,
      message: attributes.errorMessage ?? '',
      attempts: num(attributes.attempts),
      firstFailedAt: attributes.firstFailedAt,
      lastFailedAt: attributes.lastFailedAt,
      source: attributes.sourceQueue,
    };
  }
  if (attributes.ERROR_CODE !== undefined) {
    const exhausted = attributes.EXHAUSTED_RETRY_CONDITION;
    return {
      origin: 'eventbridge-target',
      errorType: attributes.ERROR_CODE,
      message: [attributes.ERROR_MESSAGE, exhausted && `retries exhausted: ${exhausted}`]
        .filter(Boolean)
        .join('; '),
      attempts: num(attributes.RETRY_ATTEMPTS),
      source: [attributes.RULE_ARN, attributes.TARGET_ARN].filter(Boolean).join(' → ') || undefined,
    };
  }
  if (attributes.ErrorCode !== undefined) {
    return {
      origin: 'lambda-async',
      errorType: attributes.ErrorCode,
      message: attributes.ErrorMessage ?? '',
      source: attributes.RequestID && `request ${attributes.RequestID}`,
    };
  }
  return {
    origin: 'redrive-policy',
    errorType: 'MaxReceiveCountExceeded',
    message:
      'moved by the source queue redrive policy: its consumer failed, crashed or timed out maxReceiveCount times',
  };
}

/** Flattens SQS message attributes to their string values (binary ones as base64). */
export function attributeStrings(
  attributes: Record<string, { StringValue?: string; BinaryValue?: Uint8Array }> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value.StringValue !== undefined) out[name] = value.StringValue;
    else if (value.BinaryValue !== undefined) out[name] = Buffer.from(value.BinaryValue).toString('base64');
  }
  return out;
}
