/**
 * Hands one dead-lettered message back to where it failed: Lambda's asynchronous Invoke, SQS
 * SendMessage or EventBridge PutEvents. Resolves only once the service accepted it; the caller
 * deletes the message from its DLQ after that.
 */
import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { GetQueueUrlCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { HandBackError } from './errors';
import type { RedriveRoute } from './route';

export interface HandBackClients {
  readonly sqs: SQSClient;
  readonly lambda: LambdaClient;
  readonly events: EventBridgeClient;
}

export async function handBack(clients: HandBackClients, route: RedriveRoute): Promise<void> {
  try {
    switch (route.kind) {
      case 'lambda': {
        // InvocationType Event: the function's own retries and on-failure destination apply again.
        const out = await clients.lambda.send(
          new InvokeCommand({
            FunctionName: route.functionArn,
            InvocationType: 'Event',
            Payload: new TextEncoder().encode(route.payload),
          }),
        );
        if (out.StatusCode !== 202) throw new Error(`Invoke answered ${out.StatusCode}, not 202`);
        return;
      }
      case 'sqs': {
        const [, , , , account, name] = route.queueArn.split(':');
        const { QueueUrl } = await clients.sqs.send(
          new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: account }),
        );
        await clients.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: route.body }));
        return;
      }
      case 'bus': {
        const out = await clients.events.send(
          new PutEventsCommand({
            Entries: [
              {
                EventBusName: route.busArn,
                Source: route.event.source,
                DetailType: route.event.detailType,
                Detail: route.event.detail,
                Resources: route.event.resources,
              },
            ],
          }),
        );
        if (out.FailedEntryCount) {
          const entry = out.Entries?.[0];
          throw new Error(
            `PutEvents refused the event: ${entry?.ErrorCode} ${entry?.ErrorMessage ?? ''}`.trim(),
          );
        }
        return;
      }
      case 'source-queue':
      case 'none':
        throw new Error('this message has no route to hand it back');
    }
  } catch (error) {
    if (error instanceof HandBackError) throw error;
    throw new HandBackError((error as Error).message, { cause: error });
  }
}
