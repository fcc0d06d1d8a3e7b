/** A dead-lettered SQS message as the CLI and console show it: body, attributes, reason, route back. */
import type { Message } from '@aws-sdk/client-sqs';
import { attributeStrings, failureReason, type FailureReason } from './explain';
import { sentAt } from './peek';
import { redriveRoute, type RedriveRoute } from './route';

export interface DlqMessage {
  readonly messageId: string;
  readonly sentAt?: string;
  /** Receives from the DLQ before this peek (earlier peeks count too). */
  readonly receiveCount?: number;
  readonly reason: FailureReason;
  /** Where `dlq redrive` hands this message back to. */
  readonly redrive: RedriveRoute;
  readonly attributes: Record<string, string>;
  readonly body: unknown;
}

export function describeMessage(m: Message): DlqMessage {
  const attributes = attributeStrings(m.MessageAttributes);
  // The peek itself counts as one receive; report the count before it.
  const receiveCount = m.Attributes?.ApproximateReceiveCount
    ? Number(m.Attributes.ApproximateReceiveCount) - 1
    : undefined;
  let body: unknown = m.Body ?? '';
  try {
    body = JSON.parse(m.Body ?? '');
  } catch {
    // Not JSON: shown as text.
  }
  const reason = failureReason(attributes, body);
  return {
    messageId: m.MessageId!,
    sentAt: sentAt(m) ? new Date(sentAt(m)).toISOString() : undefined,
    receiveCount,
    reason,
    redrive: redriveRoute(reason, attributes, body, m.Body ?? ''),
    attributes,
    body,
  };
}
