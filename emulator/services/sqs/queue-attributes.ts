/**
 * Queue attributes: AWS defaults, validation of settable ones, and the redrive policy.
 */
import { InvalidAttributeName, InvalidAttributeValue, InvalidParameterValue } from './errors';

export const DEFAULT_ATTRIBUTES: Record<string, string> = {
  VisibilityTimeout: '30',
  // AWS's default since the 2025 increase (was 262144).
  MaximumMessageSize: '1048576',
  MessageRetentionPeriod: '345600',
  DelaySeconds: '0',
  ReceiveMessageWaitTimeSeconds: '0',
  SqsManagedSseEnabled: 'true',
};

/** Settable attributes a queue has no value for until one is set; asking for them is not an error. */
export const OPTIONAL_ATTRIBUTES: readonly string[] = [
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
];

const SETTABLE = new Set([...Object.keys(DEFAULT_ATTRIBUTES), ...OPTIONAL_ATTRIBUTES]);

const RANGES: Record<string, [number, number]> = {
  VisibilityTimeout: [0, 43_200],
  MaximumMessageSize: [1024, 1_048_576],
  MessageRetentionPeriod: [60, 1_209_600],
  DelaySeconds: [0, 900],
  ReceiveMessageWaitTimeSeconds: [0, 20],
};

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

export function validateAttributes(attributes: Record<string, string>): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (!SETTABLE.has(name)) throw new InvalidAttributeName(name);
    const range = RANGES[name];
    if (range) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < range[0] || n > range[1]) {
        throw new InvalidAttributeValue(
          `Invalid value for the parameter ${name}: ${value}; use an integer from ${range[0]} to ${range[1]}.`,
        );
      }
    }
    if (name === 'RedrivePolicy' && value !== '') parseRedrivePolicy(value);
  }
}

/** The policy as SetQueueAttributes and CreateQueue check it, with AWS's reasons. */
export function parseRedrivePolicy(value: string | undefined): RedrivePolicy | undefined {
  if (!value) return undefined;
  const invalid = (reason: string) =>
    new InvalidParameterValue(`Value ${value} for parameter RedrivePolicy is invalid. Reason: ${reason}`);
  let parsed: { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
  try {
    parsed = JSON.parse(value) as typeof parsed;
  } catch {
    throw invalid('the policy is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object') throw invalid('the policy is not a JSON object.');
  for (const name of ['deadLetterTargetArn', 'maxReceiveCount'] as const)
    if (parsed[name] === undefined)
      throw invalid(`Redrive policy does not contain mandatory attribute: ${name}.`);
  const maxReceiveCount = Number(parsed.maxReceiveCount);
  if (!Number.isInteger(maxReceiveCount) || maxReceiveCount < 1 || maxReceiveCount > 1000)
    throw invalid(
      `Invalid value for maxReceiveCount: ${String(parsed.maxReceiveCount)}, valid values are from 1 to 1000 both inclusive.`,
    );
  if (typeof parsed.deadLetterTargetArn !== 'string' || !parsed.deadLetterTargetArn.startsWith('arn:'))
    throw invalid(`Invalid value for deadLetterTargetArn: ${String(parsed.deadLetterTargetArn)}.`);
  return { deadLetterTargetArn: parsed.deadLetterTargetArn, maxReceiveCount };
}

/** A new RedrivePolicy must name a queue that exists (checked when it is set, as AWS does). */
export function checkDeadLetterTarget(value: string | undefined, exists: (arn: string) => boolean): void {
  const policy = parseRedrivePolicy(value);
  if (policy && !exists(policy.deadLetterTargetArn))
    throw new InvalidParameterValue(
      `Value ${value} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.`,
    );
}

/**
 * CreateQueue's checks, in AWS's order: the name (1 to 80 letters, digits, hyphens or underscores,
 * a FIFO queue's ending in .fifo), the attributes, and that a .fifo name and FifoQueue=true go
 * together. Returns the name.
 */
// PARITY: FIFO queues are accepted but behave as standard queues (no ordering or deduplication).
export function checkNewQueue(name: unknown, attributes: Record<string, string>): string {
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,75}(\.fifo|[A-Za-z0-9_-]{0,5})$/.test(name)) {
    throw new InvalidParameterValue(
      `Invalid QueueName ${String(name)}: use 1 to 80 letters, digits, hyphens or underscores.`,
    );
  }
  validateAttributes(attributes);
  if (name.endsWith('.fifo') !== (attributes.FifoQueue === 'true')) {
    throw new InvalidParameterValue(
      name.endsWith('.fifo')
        ? `Queue ${name} ends with .fifo, so it needs the attribute FifoQueue=true; a standard queue's name has only letters, digits, hyphens and underscores.`
        : `The name of a FIFO queue must end with .fifo; ${name} does not (or leave out FifoQueue=true for a standard queue).`,
    );
  }
  return name;
}
