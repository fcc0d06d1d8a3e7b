/**
 * Checks what callers send (bodies, attributes, batch entries) and shapes received messages.
 */
import {
  BatchEntryIdsNotDistinct,
  EmptyBatchRequest,
  InvalidParameterValue,
  TooManyEntriesInBatchRequest,
} from './errors';
import type { MessageAttributes } from './md5';
import { md5OfAttributes } from './md5';
import type { StoredMessage } from './queue-state';

// Characters SQS allows in a body: #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF.
// eslint-disable-next-line no-control-regex
const INVALID_BODY = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function checkBody(body: unknown, maxBytes: number): string {
  if (typeof body !== 'string' || body.length === 0) {
    throw new InvalidParameterValue(
      'The request must contain the parameter MessageBody (a non-empty string).',
    );
  }
  if (INVALID_BODY.test(body)) {
    throw new InvalidParameterValue('MessageBody contains characters outside the allowed Unicode set.');
  }
  if (Buffer.byteLength(body) > maxBytes) {
    throw new InvalidParameterValue(
      `MessageBody is longer than the queue's MaximumMessageSize (${maxBytes} bytes).`,
    );
  }
  return body;
}

export function checkAttributes(attributes: unknown): MessageAttributes {
  if (attributes === undefined || attributes === null) return {};
  const out = attributes as MessageAttributes;
  const names = Object.keys(out);
  if (names.length > 10) throw new InvalidParameterValue('A message can have at most 10 message attributes.');
  for (const name of names) {
    const value = out[name]!;
    if (
      !value ||
      typeof value.DataType !== 'string' ||
      !/^(String|Number|Binary)(\..+)?$/.test(value.DataType)
    ) {
      throw new InvalidParameterValue(
        `Message attribute ${name} needs a DataType of String, Number or Binary (optionally with a .suffix).`,
      );
    }
    const isBinary = value.DataType.startsWith('Binary');
    if (isBinary ? value.BinaryValue === undefined : value.StringValue === undefined) {
      throw new InvalidParameterValue(
        `Message attribute ${name} must have a ${isBinary ? 'BinaryValue' : 'StringValue'}.`,
      );
    }
  }
  return out;
}

export function checkBatch<T extends { Id?: unknown }>(entries: unknown): T[] {
  if (!Array.isArray(entries) || entries.length === 0) throw new EmptyBatchRequest();
  if (entries.length > 10) throw new TooManyEntriesInBatchRequest(entries.length);
  const seen = new Set<unknown>();
  for (const entry of entries as T[]) {
    if (seen.has(entry.Id)) throw new BatchEntryIdsNotDistinct(String(entry.Id));
    seen.add(entry.Id);
  }
  return entries as T[];
}

function wants(names: unknown, name: string): boolean {
  if (!Array.isArray(names)) return false;
  return names.some(
    (n: string) =>
      n === 'All' || n === '.*' || n === name || (n.endsWith('.*') && name.startsWith(n.slice(0, -1))),
  );
}

export function shapeMessage(
  message: StoredMessage,
  systemNames: unknown,
  attributeNames: unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    MessageId: message.id,
    ReceiptHandle: message.receipt,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
  };
  const system: Record<string, string> = {
    SenderId: '000000000000',
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
  };
  if (message.deadLetterSourceArn) system.DeadLetterQueueSourceArn = message.deadLetterSourceArn;
  const attributes = Object.fromEntries(Object.entries(system).filter(([name]) => wants(systemNames, name)));
  if (Object.keys(attributes).length) out.Attributes = attributes;
  const selected: MessageAttributes = {};
  for (const [name, value] of Object.entries(message.attributes)) {
    if (wants(attributeNames, name)) selected[name] = value;
  }
  if (Object.keys(selected).length) {
    out.MessageAttributes = selected;
    out.MD5OfMessageAttributes = md5OfAttributes(selected);
  }
  return out;
}
