/**
 * Where a dead-lettered message goes back to, by origin (pure):
 * - a Lambda on-failure record → its function, invoked asynchronously with `requestPayload`;
 * - an EventBridge target DLQ message → its TARGET_ARN: SQS SendMessage, Lambda asynchronous
 *   Invoke, or PutEvents to a bus;
 * - anything else came through an SQS queue (hydrator or redrive policy) → SQS's message move
 *   task back to the source queue.
 */
import type { FailureReason } from './explain';
import { invocationRecordOf } from './explain';

export type RedriveRoute =
  | { readonly kind: 'lambda'; readonly functionArn: string; readonly payload: string }
  | { readonly kind: 'sqs'; readonly queueArn: string; readonly body: string }
  | { readonly kind: 'bus'; readonly busArn: string; readonly event: BusEvent }
  /** Through SQS's message move task, for the whole DLQ. */
  | { readonly kind: 'source-queue' }
  | { readonly kind: 'none'; readonly why: string };

export interface BusEvent {
  readonly source: string;
  readonly detailType: string;
  readonly detail: string;
  readonly resources?: string[];
  readonly time?: string;
}

export function redriveRoute(
  reason: FailureReason,
  attributes: Readonly<Record<string, string>>,
  body: unknown,
  rawBody: string,
): RedriveRoute {
  if (reason.origin === 'lambda-destination') {
    const record = invocationRecordOf(body)!;
    return {
      kind: 'lambda',
      functionArn: reason.functionArn!,
      payload: JSON.stringify(record.requestPayload),
    };
  }
  if (reason.origin === 'eventbridge-target') {
    const target = attributes.TARGET_ARN;
    if (!target) return { kind: 'none', why: 'the message has no TARGET_ARN attribute' };
    switch (target.split(':')[2]) {
      case 'lambda':
        return { kind: 'lambda', functionArn: target, payload: rawBody };
      case 'sqs':
        return { kind: 'sqs', queueArn: target, body: rawBody };
      case 'events': {
        const event = busEventOf(body);
        return event
          ? { kind: 'bus', busArn: target, event }
          : {
              kind: 'none',
              why: 'the body is not an EventBridge event, so it cannot be put on the bus again',
            };
      }
      default:
        return { kind: 'none', why: `redriving to ${target} is not supported (SQS, Lambda and buses are)` };
    }
  }
  if (reason.origin === 'lambda-dlq') {
    return {
      kind: 'none',
      why: "a Lambda function DLQ message does not name its function; hydrant's stack uses none",
    };
  }
  return { kind: 'source-queue' };
}

function busEventOf(body: unknown): BusEvent | undefined {
  const e = body as Record<string, unknown> | null;
  if (!e || typeof e !== 'object' || typeof e.source !== 'string' || typeof e['detail-type'] !== 'string')
    return undefined;
  return {
    source: e.source,
    detailType: e['detail-type'],
    detail: JSON.stringify(e.detail ?? {}),
    resources: Array.isArray(e.resources) ? (e.resources as string[]) : undefined,
    time: typeof e.time === 'string' ? e.time : undefined,
  };
}

/** A human line for the route. */
export function describeRoute(route: RedriveRoute): string {
  switch (route.kind) {
    case 'lambda':
      return `invoke ${route.functionArn} asynchronously`;
    case 'sqs':
      return `send to queue ${route.queueArn}`;
    case 'bus':
      return `put the event on bus ${route.busArn}`;
    case 'source-queue':
      return 'move back to its source queue (SQS message move task)';
    case 'none':
      return `cannot be redriven: ${route.why}`;
  }
}
