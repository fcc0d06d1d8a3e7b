/**
 * Durable SQS sends and deletes without rewriting every queue: each one is a line in the `sqs`
 * journal (fsynced before the request is answered) and the full snapshot is compacted in the
 * background. Replaying a record twice is harmless (a message is set by id; a delete of a missing
 * message does nothing), which the store's compaction relies on.
 * Receives record the new receive counts (maxReceiveCount keeps counting across a crash); messages
 * in flight are visible again after a restart, as after any restart.
 * PARITY: a visibility change (ChangeMessageVisibility) is compacted in the background only.
 */
import type { Journal } from '../../state/journal';
import type { Persistable, StateStore } from '../../state/state-store';
import type { QueueRegistry, Queue } from './queue-registry';
import type { StoredMessage } from './queue-state';

type SqsRecord =
  | { sent: string; message: StoredMessage }
  | { deleted: string; receipt: string }
  /** Receive counts as absolute values, so a replay twice sets the same numbers. */
  | { received: string; counts: [id: string, count: number, firstReceivedAt: number][] };

export class SqsJournal {
  private readonly journal: Journal<SqsRecord>;

  constructor(
    private readonly store: StateStore,
    private readonly name: string,
    private readonly source: Persistable,
  ) {
    this.journal = store.journal<SqsRecord>(name);
  }

  /** Applies the records written after the snapshot `registry` was restored from. */
  replay(registry: QueueRegistry, now: number): void {
    for (const record of this.journal.read()) {
      if ('sent' in record) registry.queues.get(record.sent)?.state.put(record.message, now);
      else if ('deleted' in record) registry.queues.get(record.deleted)?.state.delete(record.receipt);
      else registry.queues.get(record.received)?.state.setReceiveCounts(record.counts);
    }
  }

  sent(queue: Queue, message: StoredMessage): void {
    this.journal.append({ sent: queue.name, message });
    this.store.markCompactable(this.name, this.source);
  }

  received(queue: Queue, messages: StoredMessage[]): void {
    const counts = messages.map(
      (m) => [m.id, m.receiveCount, m.firstReceivedAt ?? 0] as [string, number, number],
    );
    this.journal.append({ received: queue.name, counts });
    this.store.markCompactable(this.name, this.source);
  }

  deleted(queue: Queue, receipt: string): void {
    this.journal.append({ deleted: queue.name, receipt });
    this.store.markCompactable(this.name, this.source);
  }
}
