/**
 * Why a message is in a DLQ, and where it came from, read from its attributes and body. Four
 * writers put messages in hydrant's DLQs:
 * - the hydrators: attributes errorType, errorMessage, attempts, firstFailedAt, lastFailedAt,
 *   sourceQueue (lambdas/hydration/aws/sqs-failure-queue.ts);
 * - EventBridge rule-target DLQs, when the invocation itself failed: attributes ERROR_CODE,
 *   ERROR_MESSAGE, RULE_ARN, TARGET_ARN, EXHAUSTED_RETRY_CONDITION, RETRY_ATTEMPTS
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html);
 * - Lambda on-failure destinations: no attributes, the body is the invocation record
 *   (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html);
 * - an SQS queue's redrive policy: no attributes, the body as the consumer got it.
 * (A Lambda function's own dead-letter queue, RequestID/ErrorCode/ErrorMessage, is read too.)
 */
export type FailureOrigin =
  'hydrator' | 'eventbridge-target' | 'lambda-destination' | 'lambda-dlq' | 'redrive-policy';

export interface FailureReason {
  readonly origin: FailureOrigin;
  readonly errorType: string;
  readonly message: string;
  readonly attempts?: number;
  readonly firstFailedAt?: string;
  readonly lastFailedAt?: string;
  /** Source queue, rule → target, or function the message failed in, when the message says. */
  readonly source?: string;
  /** Lambda destination records: RetriesExhausted or EventAgeExceeded. */
  readonly condition?: string;
  /** Lambda destination records: the function that failed (unqualified ARN). */
  readonly functionArn?: string;
}

export type Attributes = Readonly<Record<string, string>>;

/** The parts of an invocation record that explain and redrive it. */
export interface InvocationRecord {
  readonly version: string;
  readonly timestamp?: string;
  readonly requestContext: {
    readonly requestId?: string;
    readonly functionArn: string;
    readonly condition?: string;
    readonly approximateInvokeCount?: number;
  };
  readonly requestPayload?: unknown;
  readonly responseContext?: { readonly functionError?: string; readonly statusCode?: number };
  readonly responsePayload?: unknown;
}

/** The body as a Lambda invocation record, when it is one. */
export function invocationRecordOf(body: unknown): InvocationRecord | undefined {
  const record = body as Partial<InvocationRecord> | null;
  if (!record || typeof record !== 'object' || typeof record.version !== 'string') return undefined;
  if (typeof record.requestContext?.functionArn !== 'string' || !('requestPayload' in record))
    return undefined;
  return record as InvocationRecord;
}

/** `arn:…:function:name:$LATEST` → `arn:…:function:name`. */
export function unqualifiedFunctionArn(arn: string): string {
  return arn.split(':').slice(0, 7).join(':');
}

export function failureReason(attributes: Attributes, body?: unknown): FailureReason {
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
      // RETRY_ATTEMPTS counts retries; the first try makes one more attempt.
      attempts:
        num(attributes.RETRY_ATTEMPTS) === undefined ? undefined : num(attributes.RETRY_ATTEMPTS)! + 1,
      source: [attributes.RULE_ARN, attributes.TARGET_ARN].filter(Boolean).join(' → ') || undefined,
    };
  }
  const record = invocationRecordOf(body);
  if (record) return recordReason(record);
  if (attributes.ErrorCode !== undefined) {
    return {
      origin: 'lambda-dlq',
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

function recordReason(record: InvocationRecord): FailureReason {
  const { condition, approximateInvokeCount } = record.requestContext;
  const error = (record.responsePayload ?? {}) as { errorType?: unknown; errorMessage?: unknown };
  const functionArn = unqualifiedFunctionArn(record.requestContext.functionArn);
  const errorType =
    typeof error.errorType === 'string'
      ? error.errorType
      : record.responseContext?.functionError
        ? `Function error (${record.responseContext.functionError})`
        : (condition ?? 'Unknown');
  const message =
    typeof error.errorMessage === 'string'
      ? error.errorMessage
      : condition === 'EventAgeExceeded'
        ? 'the event expired in the asynchronous queue before the function could run it'
        : '';
  return {
    origin: 'lambda-destination',
    errorType,
    message: condition ? `${message}${message ? '; ' : ''}${condition}` : message,
    attempts: approximateInvokeCount,
    lastFailedAt: record.timestamp,
    source: functionArn,
    condition,
    functionArn,
  };
}

/** One line: `Type: message (n attempts)`. */
export function reasonSummary(reason: FailureReason): string {
  const attempts = reason.attempts === undefined ? '' : ` (${reason.attempts} attempts)`;
  return `${reason.errorType}${reason.message ? `: ${reason.message}` : ''}${attempts}`;
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
