/**
 * Message move tasks (DLQ redrive): StartMessageMoveTask, ListMessageMoveTasks and
 * CancelMessageMoveTask. A task moves a dead-letter queue's messages to DestinationArn or, with
 * none given, back to the queue each message came from, at MaxNumberOfMessagesPerSecond.
 */
import { randomUUID } from 'node:crypto';
import type { InputOf, OutputOf } from '../../protocol/json-provider';
import { InvalidParameterValue, ResourceNotFoundException } from './errors';
import type { SqsOperations } from './operations';
import type { QueueRegistry } from './queue-registry';

type In<K extends keyof SqsOperations> = InputOf<SqsOperations, K>;
type Out<K extends keyof SqsOperations> = OutputOf<SqsOperations, K>;

type Status = 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';

interface MoveTask {
  handle: string;
  status: Status;
  sourceArn: string;
  destinationArn?: string;
  rate?: number;
  moved: number;
  toMove: number;
  startedAt: number;
  failureReason?: string;
}

const TICK_MS = 100;
const UNLIMITED_PER_TICK = 500;

export class MoveTasks {
  private readonly tasks: MoveTask[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly registry: QueueRegistry,
    private readonly now: () => number,
    private readonly changed: () => void,
  ) {}

  start(input: In<'StartMessageMoveTask'>): Out<'StartMessageMoveTask'> {
    const sourceArn = String(input.SourceArn ?? '');
    const source = this.registry.byArn(sourceArn);
    const isDeadLetterQueue = [...this.registry.queues.values()].some(
      (q) => q.redrive?.deadLetterTargetArn === sourceArn,
    );
    if (!isDeadLetterQueue) {
      throw new InvalidParameterValue(
        `Source queue ${sourceArn} is not the dead-letter queue of any queue's RedrivePolicy.`,
      );
    }
    if (this.tasks.some((t) => t.sourceArn === sourceArn && t.status === 'RUNNING')) {
      throw new InvalidParameterValue(
        `A message move task is already running for ${sourceArn}; cancel it first.`,
      );
    }
    const destinationArn = input.DestinationArn === undefined ? undefined : String(input.DestinationArn);
    if (destinationArn) this.registry.byArn(destinationArn);
    const rate =
      input.MaxNumberOfMessagesPerSecond === undefined
        ? undefined
        : Number(input.MaxNumberOfMessagesPerSecond);
    if (rate !== undefined && !(Number.isInteger(rate) && rate >= 1 && rate <= 500)) {
      throw new InvalidParameterValue('MaxNumberOfMessagesPerSecond must be an integer from 1 to 500.');
    }
    const task: MoveTask = {
      handle: Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn })).toString('base64'),
      status: 'RUNNING',
      sourceArn,
      destinationArn,
      rate,
      moved: 0,
      toMove: source.state.counts(this.now()).visible,
      startedAt: this.now(),
    };
    this.tasks.unshift(task);
    this.schedule(task, 0);
    return { TaskHandle: task.handle };
  }

  list(input: In<'ListMessageMoveTasks'>): Out<'ListMessageMoveTasks'> {
    const sourceArn = String(input.SourceArn ?? '');
    this.registry.byArn(sourceArn);
    const max = Number(input.MaxResults ?? 1);
    const Results = this.tasks
      .filter((t) => t.sourceArn === sourceArn)
      .slice(0, max)
      .map((t) => ({
        ...(t.status === 'RUNNING' ? { TaskHandle: t.handle } : {}),
        Status: t.status,
        SourceArn: t.sourceArn,
        DestinationArn: t.destinationArn,
        MaxNumberOfMessagesPerSecond: t.rate,
        ApproximateNumberOfMessagesMoved: t.moved,
        ApproximateNumberOfMessagesToMove: t.toMove,
        FailureReason: t.failureReason,
        StartedTimestamp: t.startedAt,
      }));
    return { Results };
  }

  cancel(input: In<'CancelMessageMoveTask'>): Out<'CancelMessageMoveTask'> {
    const task = this.tasks.find((t) => t.handle === input.TaskHandle);
    if (!task || task.status !== 'RUNNING') {
      throw new ResourceNotFoundException(
        'No running message move task has this TaskHandle; list tasks with ListMessageMoveTasks.',
      );
    }
    task.status = 'CANCELLED';
    return { ApproximateNumberOfMessagesMoved: task.moved };
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(task: MoveTask, delay: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.tick(task);
    }, delay);
    this.timers.add(timer);
  }

  private tick(task: MoveTask): void {
    if (task.status !== 'RUNNING') return;
    const source = this.registry.queues.get(task.sourceArn.split(':').pop()!);
    if (!source) return this.fail(task, 'The source queue was deleted.');
    const perTick = task.rate ? Math.max(1, Math.round((task.rate * TICK_MS) / 1000)) : UNLIMITED_PER_TICK;
    const batch = source.state.take(perTick, this.now());
    for (const message of batch) {
      const targetArn = task.destinationArn ?? message.deadLetterSourceArn;
      const target = targetArn ? this.registry.queues.get(targetArn.split(':').pop()!) : undefined;
      if (!target) {
        source.state.send({ body: message.body, moved: message }, this.now());
        return this.fail(
          task,
          `No destination for message ${message.id}: its source queue is unknown or deleted.`,
        );
      }
      target.state.send(
        { body: message.body, moved: { ...message, receiveCount: 0, deadLetterSourceArn: undefined } },
        this.now(),
      );
      this.registry.wake(target);
      task.moved++;
    }
    this.changed();
    if (batch.length < perTick) task.status = 'COMPLETED';
    else this.schedule(task, TICK_MS);
  }

  private fail(task: MoveTask, reason: string): void {
    task.status = 'FAILED';
    task.failureReason = reason;
    this.changed();
  }
}
