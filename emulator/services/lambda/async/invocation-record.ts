/**
 * The invocation record Lambda sends to an asynchronous invocation's destination. Pure.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
 */

export type RecordCondition = 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';

export interface InvocationRecord {
  readonly version: '1.0';
  readonly timestamp: string;
  readonly requestContext: {
    readonly requestId: string;
    /** Qualified with the version that ran: `…:function:name:$LATEST`. */
    readonly functionArn: string;
    readonly condition: RecordCondition;
    readonly approximateInvokeCount: number;
  };
  readonly requestPayload: unknown;
  readonly responseContext?: {
    readonly statusCode: number;
    readonly executedVersion: string;
    readonly functionError?: 'Unhandled';
  };
  readonly responsePayload?: unknown;
}

/** How the last attempt ended: the handler's result, or its error. */
export type AttemptOutcome =
  | { readonly ok: true; readonly result: string | null }
  | {
      readonly ok: false;
      readonly errorType: string;
      readonly errorMessage: string;
      readonly trace: string[];
    };

export interface RecordInput {
  readonly requestId: string;
  readonly functionArn: string;
  readonly condition: RecordCondition;
  readonly invokeCount: number;
  readonly payload: string;
  /** Undefined when the function never ran (the event expired while throttled). */
  readonly last?: AttemptOutcome;
  readonly now: Date;
}

export function invocationRecord(input: RecordInput): InvocationRecord {
  const { last } = input;
  return {
    version: '1.0',
    timestamp: input.now.toISOString(),
    requestContext: {
      requestId: input.requestId,
      functionArn: qualified(input.functionArn),
      condition: input.condition,
      approximateInvokeCount: input.invokeCount,
    },
    requestPayload: parseOrText(input.payload),
    ...(last
      ? {
          responseContext: {
            statusCode: 200,
            executedVersion: '$LATEST',
            ...(last.ok ? {} : { functionError: 'Unhandled' as const }),
          },
          responsePayload: last.ok
            ? last.result === null
              ? null
              : parseOrText(last.result)
            : { errorType: last.errorType, errorMessage: last.errorMessage, trace: last.trace },
        }
      : {}),
  };
}

/** EventBridge destinations get the record as the detail of this detail-type, from source `lambda`. */
export function destinationDetailType(condition: RecordCondition): string {
  return condition === 'Success'
    ? 'Lambda Function Invocation Result - Success'
    : 'Lambda Function Invocation Result - Failure';
}

function qualified(functionArn: string): string {
  return functionArn.split(':').length > 7 ? functionArn : `${functionArn}:$LATEST`;
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
