/**
 * Checks what callers send (bodies, attributes, batch entries, sizes) and shapes received messages.
 * Sizes: a message (body plus every attribute's name, type and value) may be as large as the
 * queue's MaximumMessageSize, at most 1 MiB (AWS raised it from 256 KiB in 2025); a batch's
 * messages together at most 1 MiB.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html
 */
import {
  BatchEntryIdsNotDistinct,
  BatchRequestTooLong,
  EmptyBatchRequest,
  InvalidBatchEntryId,
  InvalidParameterValue,
  TooManyEntriesInBatchRequest,
} from './errors';
import type { MessageAttributes } from './md5';
import { md5OfAttributes } from './md5';
import type { SqsMessage } from './operations';
import type { StoredMessage } from './queue-state';

export const MAX_MESSAGE_BYTES = 1_048_576;
export const MAX_BATCH_BYTES = 1_048_576;

// Characters SQS allows in a body: #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF.
// eslint-disable-next-line no-control-regex
const INVALID_BODY = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** The bytes SQS counts against the limits: the body and each attribute's name, type and value. */
export function messageSize(body: string, attributes: MessageAttributes): number {
  let size = Buffer.byteLength(body);
  for (const [name, value] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType);
    size +=
      value.BinaryValue !== undefined
        ? Buffer.byteLength(value.BinaryValue, 'base64')
        : Buffer.byteLength(value.StringValue ?? '');
  }
  return size;
}

export function checkBody(body: unknown, attributes: MessageAttributes, maxBytes: number): string {
  if (typeof body !== 'string' || body.length === 0) {
    throw new InvalidParameterValue(
      'The request must contain the parameter MessageBody (a non-empty string).',
    );
  }
  if (INVALID_BODY.test(body)) {
    throw new InvalidParameterValue('MessageBody contains characters outside the allowed Unicode set.');
  }
  if (messageSize(body, attributes) > maxBytes) {
    // AWS's wording; the limit is the queue's MaximumMessageSize.
    throw new InvalidParameterValue(
      `One or more parameters are invalid. Reason: Message must be shorter than ${maxBytes} bytes.`,
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
    checkAttributeName(name);
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
    if (value.DataType.startsWith('Number') && !isSqsNumber(String(value.StringValue))) {
      throw new InvalidParameterValue(
        `Can't cast the value of message (user) attribute '${name}' to a number.`,
      );
    }
  }
  return out;
}

/**
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html:
 * up to 256 of A-Z a-z 0-9 _ - . ; no leading, trailing or doubled period; not under AWS. or Amazon.
 */
function checkAttributeName(name: string): void {
  if (
    !/^[A-Za-z0-9_.-]{1,256}$/.test(name) ||
    name.startsWith('.') ||
    name.endsWith('.') ||
    name.includes('..') ||
    /^(aws|amazon)\./i.test(name)
  ) {
    throw new InvalidParameterValue(
      `Message (user) attribute name '${name}' is invalid: use up to 256 letters, digits, _, - and ., ` +
        'without a leading, trailing or doubled period, and not starting with AWS. or Amazon.',
    );
  }
}

/** A Number attribute: up to 38 significant digits, from -10^128 to 10^126. */
function isSqsNumber(text: string): boolean {
  const match = /^\s*[+-]?(\d*)\.?(\d*)(?:[eE][+-]?\d+)?\s*$/.exec(text);
  if (!match || (match[1] === '' && match[2] === '')) return false;
  const digits = (match[1]! + match[2]!).replace(/^0+/, '').replace(/0+$/, '');
  const value = Number(text);
  return digits.length <= 38 && Number.isFinite(value) && value >= -1e128 && value <= 1e126;
}

export function checkBatch<T extends { Id: string | undefined }>(entries: T[] | undefined): T[] {
  if (!Array.isArray(entries) || entries.length === 0) throw new EmptyBatchRequest();
  if (entries.length > 10) throw new TooManyEntriesInBatchRequest(entries.length);
  const seen = new Set<unknown>();
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new InvalidParameterValue('Each entry of Entries must be an object.');
    }
    if (typeof entry.Id !== 'string' || !/^[A-Za-z0-9_-]{1,80}$/.test(entry.Id))
      throw new InvalidBatchEntryId();
    if (seen.has(entry.Id)) throw new BatchEntryIdsNotDistinct(String(entry.Id));
    seen.add(entry.Id);
  }
  return entries;
}

/** SendMessageBatch fails whole (BatchRequestTooLong) when its messages together exceed 1 MiB. */
export function checkBatchSize(entries: { MessageBody?: string; MessageAttributes?: unknown }[]): void {
  let total = 0;
  for (const entry of entries) {
    const body = typeof entry.MessageBody === 'string' ? entry.MessageBody : '';
    total += messageSize(body, checkAttributes(entry.MessageAttributes));
  }
  if (total > MAX_BATCH_BYTES) throw new BatchRequestTooLong(total, MAX_BATCH_BYTES);
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
): SqsMessage {
  const out: SqsMessage = {
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

/** An attribute-name list (`AttributeNames`, `MessageSystemAttributeNames`): absent, or strings. */
export function nameList(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((n) => typeof n !== 'string')) {
    throw new InvalidParameterValue(`${field} must be a list of attribute names.`);
  }
  return value as string[];
}
