/**
 * SQS errors. SQS speaks JSON 1.0 but stays query-compatible: the SDK picks the error class from
 * the awsQuery code in the `x-amzn-query-error` header, so each error carries both codes.
 */
import { AwsError } from '../../protocol/errors';

class SqsError extends AwsError {
  constructor(code: string, queryCode: string, message: string, statusCode = 400) {
    super(code, message, { queryCode, statusCode });
  }
}

export class QueueDoesNotExist extends SqsError {
  constructor(queue: string) {
    super(
      'QueueDoesNotExist',
      'AWS.SimpleQueueService.NonExistentQueue',
      `The specified queue ${queue} does not exist; create it first (CreateQueue) or check the QueueUrl.`,
    );
  }
}

export class QueueNameExists extends SqsError {
  constructor(name: string) {
    super(
      'QueueNameExists',
      'QueueAlreadyExists',
      `A queue named ${name} already exists with different attributes; delete it or use the same attributes.`,
    );
  }
}

export class ReceiptHandleIsInvalid extends SqsError {
  constructor(handle: string) {
    super(
      'ReceiptHandleIsInvalid',
      'ReceiptHandleIsInvalid',
      `The receipt handle "${handle}" is not valid; use the ReceiptHandle ReceiveMessage returned.`,
      404,
    );
  }
}

export class MessageNotInflight extends SqsError {
  constructor() {
    super(
      'MessageNotInflight',
      'AWS.SimpleQueueService.MessageNotInflight',
      'The message is not in flight; ChangeMessageVisibility only applies to received messages.',
    );
  }
}

export class InvalidAttributeName extends SqsError {
  constructor(name: string) {
    super('InvalidAttributeName', 'InvalidAttributeName', `Unknown queue attribute ${name}.`);
  }
}

export class InvalidAttributeValue extends SqsError {
  constructor(message: string) {
    super('InvalidAttributeValue', 'InvalidAttributeValue', message);
  }
}

export class InvalidParameterValue extends SqsError {
  constructor(message: string) {
    super('InvalidParameterValue', 'InvalidParameterValue', message);
  }
}

export class EmptyBatchRequest extends SqsError {
  constructor() {
    super(
      'EmptyBatchRequest',
      'AWS.SimpleQueueService.EmptyBatchRequest',
      'The batch request has no entries.',
    );
  }
}

export class TooManyEntriesInBatchRequest extends SqsError {
  constructor(count: number) {
    super(
      'TooManyEntriesInBatchRequest',
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      `The batch has ${count} entries; the maximum is 10.`,
    );
  }
}

export class InvalidBatchEntryId extends SqsError {
  constructor() {
    super(
      'InvalidBatchEntryId',
      'AWS.SimpleQueueService.InvalidBatchEntryId',
      'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
    );
  }
}

export class BatchEntryIdsNotDistinct extends SqsError {
  constructor(id: string) {
    super(
      'BatchEntryIdsNotDistinct',
      'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
      `Two batch entries share the Id ${id}; Ids must be distinct.`,
    );
  }
}

export class ResourceNotFoundException extends SqsError {
  constructor(message: string) {
    super('ResourceNotFoundException', 'ResourceNotFoundException', message, 404);
  }
}

export class BatchRequestTooLong extends SqsError {
  constructor(size: number, limit: number) {
    super(
      'BatchRequestTooLong',
      'AWS.SimpleQueueService.BatchRequestTooLong',
      `Batch requests cannot be longer than ${limit} bytes. You have sent ${size} bytes.`,
    );
  }
}

export class PurgeQueueInProgress extends SqsError {
  constructor(queue: string, waitSeconds: number) {
    super(
      'PurgeQueueInProgress',
      'AWS.SimpleQueueService.PurgeQueueInProgress',
      `Only one PurgeQueue operation on ${queue} is allowed every 60 seconds; try again in ${waitSeconds} s.`,
      403,
    );
  }
}
