/**
 * SQS's operations as the SDK declares them (request and result types, type-only imports): the
 * map that types `SqsProvider.dispatch` and its handlers.
 */
import type * as Sqs from '@aws-sdk/client-sqs';
import type { Wire } from '../../protocol/json-provider';

/** Operations whose result has no members answer `{}`. */
type Empty = Record<string, never>;

export type SqsOperations = {
  CreateQueue: [Sqs.CreateQueueRequest, Sqs.CreateQueueResult];
  GetQueueUrl: [Sqs.GetQueueUrlRequest, Sqs.GetQueueUrlResult];
  GetQueueAttributes: [Sqs.GetQueueAttributesRequest, Sqs.GetQueueAttributesResult];
  SetQueueAttributes: [Sqs.SetQueueAttributesRequest, Empty];
  ListQueues: [Sqs.ListQueuesRequest, Sqs.ListQueuesResult];
  DeleteQueue: [Sqs.DeleteQueueRequest, Empty];
  PurgeQueue: [Sqs.PurgeQueueRequest, Empty];
  TagQueue: [Sqs.TagQueueRequest, Empty];
  UntagQueue: [Sqs.UntagQueueRequest, Empty];
  ListQueueTags: [Sqs.ListQueueTagsRequest, Sqs.ListQueueTagsResult];
  ListDeadLetterSourceQueues: [Sqs.ListDeadLetterSourceQueuesRequest, Sqs.ListDeadLetterSourceQueuesResult];
  SendMessage: [Sqs.SendMessageRequest, Sqs.SendMessageResult];
  SendMessageBatch: [Sqs.SendMessageBatchRequest, Sqs.SendMessageBatchResult];
  ReceiveMessage: [Sqs.ReceiveMessageRequest, Sqs.ReceiveMessageResult];
  DeleteMessage: [Sqs.DeleteMessageRequest, Empty];
  DeleteMessageBatch: [Sqs.DeleteMessageBatchRequest, Sqs.DeleteMessageBatchResult];
  ChangeMessageVisibility: [Sqs.ChangeMessageVisibilityRequest, Empty];
  ChangeMessageVisibilityBatch: [
    Sqs.ChangeMessageVisibilityBatchRequest,
    Sqs.ChangeMessageVisibilityBatchResult,
  ];
  StartMessageMoveTask: [Sqs.StartMessageMoveTaskRequest, Sqs.StartMessageMoveTaskResult];
  ListMessageMoveTasks: [Sqs.ListMessageMoveTasksRequest, Sqs.ListMessageMoveTasksResult];
  CancelMessageMoveTask: [Sqs.CancelMessageMoveTaskRequest, Sqs.CancelMessageMoveTaskResult];
};

export type SqsMessage = Wire<Sqs.Message>;
export type BatchResultErrorEntry = Wire<Sqs.BatchResultErrorEntry>;
