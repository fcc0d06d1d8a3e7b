/** AWS::SQS::Queue through the SQS provider; a restart finds the queue and updates its attributes. */
import { generatedName } from '../physical-names';
import { isAwsError, type ResourceHandler } from './resource-handler';

const ATTRIBUTES = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
];

export const queue: ResourceHandler = async (input) => {
  const p = input.properties;
  const fifo = p.FifoQueue === true || p.FifoQueue === 'true';
  const name =
    typeof p.QueueName === 'string'
      ? p.QueueName
      : generatedName(input.stackName, input.logicalId, { maxLength: fifo ? 75 : 80 }) +
        (fifo ? '.fifo' : '');
  const attributes: Record<string, string> = {};
  for (const key of ATTRIBUTES) {
    const value = p[key];
    if (value === undefined) continue;
    attributes[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  if (!fifo) delete attributes.FifoQueue;
  let url: string;
  try {
    url = String(
      (await input.targets.sqs.dispatch('CreateQueue', { QueueName: name, Attributes: attributes })).QueueUrl,
    );
  } catch (error) {
    if (!isAwsError(error, 'QueueNameExists', 'QueueAlreadyExists')) throw error;
    url = String((await input.targets.sqs.dispatch('GetQueueUrl', { QueueName: name })).QueueUrl);
    const { FifoQueue: _immutable, ...changeable } = attributes;
    await input.targets.sqs.dispatch('SetQueueAttributes', { QueueUrl: url, Attributes: changeable });
  }
  const queueArn = `arn:aws:sqs:${input.targets.region}:${input.targets.accountId}:${name}`;
  return { ref: url, attributes: { Arn: queueArn, QueueName: name, QueueUrl: url } };
};
