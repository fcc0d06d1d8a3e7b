/**
 * SQS provider (JSON 1.0): queues, messages, long polling, redrive to dead-letter queues and
 * message move tasks. No HTTP here; the edge calls `dispatch`.
 */
import type { AwsContext } from '../../protocol/aws-context';
import { asAwsError } from '../../protocol/errors';
import {
  dispatchTo,
  type InputOf,
  type JsonProvider,
  type Operations,
  type OutputOf,
} from '../../protocol/json-provider';
import type { StateStore } from '../../state/state-store';
import {
  InvalidAttributeName,
  InvalidParameterValue,
  MessageNotInflight,
  QueueDoesNotExist,
  QueueNameExists,
  ReceiptHandleIsInvalid,
} from './errors';
import type { MessageAttributes } from './md5';
import {
  checkAttributes,
  checkBatch,
  checkBatchSize,
  checkBody,
  nameList,
  shapeMessage,
} from './message-input';
import type { BatchResultErrorEntry, SqsOperations } from './operations';
import { MoveTasks } from './move-tasks';
import {
  checkDeadLetterTarget,
  checkNewQueue,
  OPTIONAL_ATTRIBUTES,
  validateAttributes,
} from './queue-attributes';
import { QueueRegistry, type Queue, type QueueSnapshot } from './queue-registry';
import type { StoredMessage } from './queue-state';
import { SqsJournal } from './sqs-journal';

export interface SqsProviderOptions {
  store?: StateStore;
  now?: () => number;
}

const STATE_NAME = 'sqs';
const KNOWN_UNSET_ATTRIBUTES = new Set(OPTIONAL_ATTRIBUTES);
const MAX_WAIT_SECONDS = 20;

type In<K extends keyof SqsOperations> = InputOf<SqsOperations, K>;
type Out<K extends keyof SqsOperations> = OutputOf<SqsOperations, K>;

export class SqsProvider implements JsonProvider<SqsOperations> {
  readonly serviceName = 'SQS';
  readonly registry: QueueRegistry;
  private readonly moveTasks: MoveTasks;
  private readonly store: StateStore | undefined;
  private readonly journal: SqsJournal | undefined;
  private readonly now: () => number;
  private readonly operations: Operations<SqsOperations>;
  private closed = false;

  constructor(context: AwsContext, options: SqsProviderOptions = {}) {
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.registry = new QueueRegistry(context);
    this.moveTasks = new MoveTasks(this.registry, this.now, () => this.changed());
    const saved = this.store?.load<QueueSnapshot[]>(STATE_NAME);
    if (saved) this.registry.restore(saved, this.now());
    this.journal = this.store && new SqsJournal(this.store, STATE_NAME, this);
    this.journal?.replay(this.registry, this.now());
    this.operations = {
      CreateQueue: (i) => this.createQueue(i),
      GetQueueUrl: (i) => this.getQueueUrl(i),
      GetQueueAttributes: (i) => this.getQueueAttributes(i),
      SetQueueAttributes: (i) => this.setQueueAttributes(i),
      ListQueues: (i) => this.listQueues(i),
      DeleteQueue: (i) => this.deleteQueue(i),
      PurgeQueue: (i) => this.purgeQueue(i),
      TagQueue: (i) => this.tagQueue(i),
      UntagQueue: (i) => this.untagQueue(i),
      ListQueueTags: (i) => ({ Tags: this.registry.byUrl(i.QueueUrl).tags }),
      ListDeadLetterSourceQueues: (i) => this.listDeadLetterSourceQueues(i),
      SendMessage: (i) => this.sendMessage(i),
      SendMessageBatch: (i) => this.sendMessageBatch(i),
      ReceiveMessage: (i) => this.receiveMessage(i),
      DeleteMessage: (i) => this.deleteMessage(i),
      DeleteMessageBatch: (i) => this.batch(i.QueueUrl, i.Entries, (q, e) => this.deleteOne(q, e)),
      ChangeMessageVisibility: (i) => this.changeVisibility(i),
      ChangeMessageVisibilityBatch: (i) =>
        this.batch(i.QueueUrl, i.Entries, (q, e) => this.changeVisibilityOne(q, e)),
      StartMessageMoveTask: (i) => this.moveTasks.start(i),
      ListMessageMoveTasks: (i) => this.moveTasks.list(i),
      CancelMessageMoveTask: (i) => this.moveTasks.cancel(i),
    };
  }

  dispatch<K extends keyof SqsOperations & string>(operation: K, input: In<K>): Promise<Out<K>> {
    return dispatchTo(this.serviceName, this.operations, operation, input);
  }

  /** In-process delivery for EventBridge targets and dead-letter queues. */
  sendToArn(arn: string, body: string, attributes: MessageAttributes = {}): string {
    const queue = this.registry.byArn(arn);
    return this.send(queue, body, attributes, undefined).id;
  }

  snapshot(): QueueSnapshot[] {
    return this.registry.snapshot();
  }

  close(): void {
    this.closed = true;
    this.moveTasks.close();
    this.registry.wakeAll();
  }

  private changed(): void {
    this.store?.markDirty(STATE_NAME, this);
  }

  private createQueue(input: In<'CreateQueue'>): Out<'CreateQueue'> {
    const attributes = stringValues(input.Attributes ?? {});
    const name = checkNewQueue(input.QueueName, attributes);
    checkDeadLetterTarget(attributes.RedrivePolicy, (arn) => this.registry.hasArn(arn));
    const existing = this.registry.queues.get(name);
    if (existing) {
      const differs = Object.entries(attributes).some(([k, v]) => existing.attributes[k] !== v);
      if (differs) throw new QueueNameExists(name);
    } else {
      this.registry.create(name, attributes, stringValues(input.tags ?? {}), this.now());
      this.changed();
    }
    return { QueueUrl: this.registry.urlOf(name) };
  }

  private getQueueUrl(input: In<'GetQueueUrl'>): Out<'GetQueueUrl'> {
    const name = String(input.QueueName);
    if (!this.registry.queues.has(name)) throw new QueueDoesNotExist(name);
    return { QueueUrl: this.registry.urlOf(name) };
  }

  private getQueueAttributes(input: In<'GetQueueAttributes'>): Out<'GetQueueAttributes'> {
    const queue = this.registry.byUrl(input.QueueUrl);
    const counts = queue.state.counts(this.now());
    const all: Record<string, string> = {
      ...queue.attributes,
      QueueArn: this.registry.arnOf(queue.name),
      ApproximateNumberOfMessages: String(counts.visible),
      ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
      ApproximateNumberOfMessagesDelayed: String(counts.delayed),
      CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
      LastModifiedTimestamp: String(Math.floor(queue.modifiedAt / 1000)),
    };
    const names = nameList(input.AttributeNames, 'AttributeNames');
    const wantsAll = names.includes('All');
    const unknown = names.find((n) => n !== 'All' && !(n in all) && !KNOWN_UNSET_ATTRIBUTES.has(n));
    if (unknown !== undefined) throw new InvalidAttributeName(unknown);
    const Attributes: Out<'GetQueueAttributes'>['Attributes'] = Object.fromEntries(
      Object.entries(all).filter(([k]) => wantsAll || names.includes(k)),
    );
    return Object.keys(Attributes).length ? { Attributes } : {};
  }

  private setQueueAttributes(input: In<'SetQueueAttributes'>): Out<'SetQueueAttributes'> {
    const queue = this.registry.byUrl(input.QueueUrl);
    const attributes = stringValues(input.Attributes ?? {});
    validateAttributes(attributes);
    checkDeadLetterTarget(attributes.RedrivePolicy, (arn) => this.registry.hasArn(arn));
    this.registry.setAttributes(queue, attributes, this.now());
    this.changed();
    return {};
  }

  private listQueues(input: In<'ListQueues'>): Out<'ListQueues'> {
    const prefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
    const names = [...this.registry.queues.keys()].filter((n) => n.startsWith(prefix)).sort();
    const max = typeof input.MaxResults === 'number' ? input.MaxResults : 1000;
    const start = typeof input.NextToken === 'string' ? Number(input.NextToken) : 0;
    const page = names.slice(start, start + max);
    const out: Out<'ListQueues'> = {};
    if (page.length) out.QueueUrls = page.map((n) => this.registry.urlOf(n));
    if (input.MaxResults !== undefined && start + max < names.length) out.NextToken = String(start + max);
    return out;
  }

  private listDeadLetterSourceQueues(
    input: In<'ListDeadLetterSourceQueues'>,
  ): Out<'ListDeadLetterSourceQueues'> {
    const arn = this.registry.arnOf(this.registry.byUrl(input.QueueUrl).name);
    const sources = [...this.registry.queues.values()].filter((q) => q.redrive?.deadLetterTargetArn === arn);
    return { queueUrls: sources.map((q) => this.registry.urlOf(q.name)).sort() };
  }

  private deleteQueue(input: In<'DeleteQueue'>): Out<'DeleteQueue'> {
    const queue = this.registry.byUrl(input.QueueUrl);
    this.registry.queues.delete(queue.name);
    this.registry.wake(queue);
    this.changed();
    return {};
  }

  private purgeQueue(input: In<'PurgeQueue'>): Out<'PurgeQueue'> {
    this.registry.purge(this.registry.byUrl(input.QueueUrl), this.now());
    this.changed();
    return {};
  }

  private tagQueue(input: In<'TagQueue'>): Out<'TagQueue'> {
    Object.assign(this.registry.byUrl(input.QueueUrl).tags, stringValues(input.Tags ?? {}));
    this.changed();
    return {};
  }

  private untagQueue(input: In<'UntagQueue'>): Out<'UntagQueue'> {
    const queue = this.registry.byUrl(input.QueueUrl);
    for (const key of input.TagKeys ?? []) delete queue.tags[key];
    this.changed();
    return {};
  }

  private send(queue: Queue, body: unknown, attributes: unknown, delay: unknown) {
    const checkedAttributes = checkAttributes(attributes);
    const checkedBody = checkBody(body, checkedAttributes, Number(queue.attributes.MaximumMessageSize));
    const delaySeconds = delay === undefined ? Number(queue.attributes.DelaySeconds) : Number(delay);
    if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > 900) {
      throw new InvalidParameterValue(`DelaySeconds must be an integer from 0 to 900, not ${String(delay)}.`);
    }
    const stored = queue.state.send(
      { body: checkedBody, attributes: checkedAttributes, delaySeconds },
      this.now(),
    );
    this.registry.wake(queue);
    if (this.journal) this.journal.sent(queue, stored);
    else this.changed();
    return stored;
  }

  private sendMessage(input: In<'SendMessage'>): Out<'SendMessage'> {
    const queue = this.registry.byUrl(input.QueueUrl);
    const m = this.send(queue, input.MessageBody, input.MessageAttributes, input.DelaySeconds);
    return { MessageId: m.id, MD5OfMessageBody: m.md5OfBody, MD5OfMessageAttributes: m.md5OfAttributes };
  }

  private sendMessageBatch(input: In<'SendMessageBatch'>): Out<'SendMessageBatch'> {
    const queue = this.registry.byUrl(input.QueueUrl);
    checkBatchSize(checkBatch(input.Entries));
    return this.batch(input.QueueUrl, input.Entries, (_q, e) => {
      const m = this.send(queue, e.MessageBody, e.MessageAttributes, e.DelaySeconds);
      return { MessageId: m.id, MD5OfMessageBody: m.md5OfBody, MD5OfMessageAttributes: m.md5OfAttributes };
    });
  }

  /** Runs `each` per entry: its failures become `Failed` entries, not a failed request. */
  private batch<E extends { Id: string | undefined }, R extends object>(
    queueUrl: string | undefined,
    entries: E[] | undefined,
    each: (queue: Queue, entry: E) => R,
  ): { Successful: (R & { Id: string | undefined })[]; Failed: BatchResultErrorEntry[] } {
    const queue = this.registry.byUrl(queueUrl);
    const Successful: (R & { Id: string | undefined })[] = [];
    const Failed: BatchResultErrorEntry[] = [];
    for (const entry of checkBatch(entries)) {
      try {
        Successful.push({ Id: entry.Id, ...each(queue, entry) });
      } catch (error) {
        const e = asAwsError(error);
        Failed.push({ Id: entry.Id, SenderFault: e.fault !== 'Receiver', Code: e.code, Message: e.message });
      }
    }
    return { Successful, Failed };
  }

  private async receiveMessage(input: In<'ReceiveMessage'>): Promise<Out<'ReceiveMessage'>> {
    const queue = this.registry.byUrl(input.QueueUrl);
    const max = input.MaxNumberOfMessages === undefined ? 1 : Number(input.MaxNumberOfMessages);
    if (!Number.isInteger(max) || max < 1 || max > 10) {
      throw new InvalidParameterValue(
        `MaxNumberOfMessages must be from 1 to 10, not ${String(input.MaxNumberOfMessages)}.`,
      );
    }
    const wait = Number(input.WaitTimeSeconds ?? queue.attributes.ReceiveMessageWaitTimeSeconds);
    if (!(wait >= 0 && wait <= MAX_WAIT_SECONDS)) {
      throw new InvalidParameterValue(
        `WaitTimeSeconds must be from 0 to 20, not ${String(input.WaitTimeSeconds)}.`,
      );
    }
    const visibility = Number(input.VisibilityTimeout ?? queue.attributes.VisibilityTimeout);
    if (!Number.isInteger(visibility) || visibility < 0 || visibility > 43_200) {
      throw new InvalidParameterValue(
        `VisibilityTimeout must be from 0 to 43200, not ${String(input.VisibilityTimeout)}.`,
      );
    }
    const deadline = this.now() + wait * 1000;
    const systemNames: string[] = [
      ...nameList(input.AttributeNames, 'AttributeNames'),
      ...nameList(input.MessageSystemAttributeNames, 'MessageSystemAttributeNames'),
    ];
    for (;;) {
      const now = this.now();
      const result = queue.state.receive(now, {
        max,
        visibilityTimeoutSeconds: visibility,
        maxReceiveCount: queue.redrive?.maxReceiveCount,
        retentionSeconds: Number(queue.attributes.MessageRetentionPeriod),
      });
      if (result.toDeadLetter.length) this.moveToDeadLetter(queue, result.toDeadLetter);
      if (result.messages.length) {
        if (this.journal) this.journal.received(queue, result.messages);
        else this.changed();
        return {
          Messages: result.messages.map((m) => shapeMessage(m, systemNames, input.MessageAttributeNames)),
        };
      }
      if (now >= deadline || this.closed || this.registry.queues.get(queue.name) !== queue) return {};
      const next = queue.state.nextVisibleAt(now);
      await this.waitFor(queue, Math.min(deadline, next ?? deadline) - now);
    }
  }

  private moveToDeadLetter(source: Queue, messages: StoredMessage[]): void {
    const arn = source.redrive!.deadLetterTargetArn;
    const dlq = this.registry.queues.get(arn.split(':').pop()!);
    const sourceArn = this.registry.arnOf(source.name);
    for (const message of messages) {
      // PARITY: with its dead-letter queue deleted, a message is re-queued at the end of its source queue.
      (dlq ?? source).state.send(
        { body: message.body, moved: message, deadLetterSourceArn: dlq ? sourceArn : undefined },
        this.now(),
      );
    }
    if (dlq) this.registry.wake(dlq);
    this.changed();
  }

  private waitFor(queue: Queue, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(1, ms));
      function done() {
        clearTimeout(timer);
        queue.waiters.delete(done);
        resolve();
      }
      queue.waiters.add(done);
    });
  }

  private deleteOne(queue: Queue, entry: { ReceiptHandle: string | undefined }): Out<'DeleteMessage'> {
    const handle = String(entry.ReceiptHandle ?? '');
    if (!queue.state.delete(handle)) throw new ReceiptHandleIsInvalid(handle);
    if (this.journal) this.journal.deleted(queue, handle);
    else this.changed();
    return {};
  }

  private deleteMessage(input: In<'DeleteMessage'>): Out<'DeleteMessage'> {
    this.deleteOne(this.registry.byUrl(input.QueueUrl), input);
    return {};
  }

  private changeVisibilityOne(
    queue: Queue,
    entry: { ReceiptHandle: string | undefined; VisibilityTimeout?: number },
  ): Out<'ChangeMessageVisibility'> {
    const handle = String(entry.ReceiptHandle ?? '');
    const timeout = Number(entry.VisibilityTimeout);
    if (!Number.isInteger(timeout) || timeout < 0 || timeout > 43_200) {
      throw new InvalidParameterValue(
        `VisibilityTimeout must be from 0 to 43200, not ${String(entry.VisibilityTimeout)}.`,
      );
    }
    const outcome = queue.state.changeVisibility(handle, timeout, this.now());
    if (outcome === 'invalid') throw new ReceiptHandleIsInvalid(handle);
    if (outcome === 'not-inflight') throw new MessageNotInflight();
    if (timeout === 0) this.registry.wake(queue);
    this.changed();
    return {};
  }

  private changeVisibility(input: In<'ChangeMessageVisibility'>): Out<'ChangeMessageVisibility'> {
    this.changeVisibilityOne(this.registry.byUrl(input.QueueUrl), input);
    return {};
  }
}

function stringValues(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, String(v)]));
}
