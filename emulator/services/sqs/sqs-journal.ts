/**
 * Durable SQS sends and deletes without rewriting every queue: each one is a line in the `sqs`
 * journal (fsynced before the request is answered) and the full snapshot is compacted in the
 * background. Replaying a record twice is harmless (a message is set by id; a delete of a missing
 * message does nothing), which the store's compaction relies on.
 * PARITY: receives and visibility changes are not journaled; after a crash, messages in flight are
 * visible again (as after any restart) with the receive count of the last snapshot.
 */
import type { Journal } from '../../state/journal';
import type { Persistable, StateStore } from '../../state/state-store';
import type { QueueRegistry, Queue } from './queue-registry';
import type { StoredMessage } from './queue-state';

type SqsRecord = { sent: string; message: StoredMessage } | { deleted: string; receipt: string };

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
      else registry.queues.get(record.deleted)?.state.delete(record.receipt);
    }
  }

  sent(queue: Queue, message: StoredMessage): void {
    this.journal.append({ sent: queue.name, message });
    this.store.markCompactable(this.name, this.source);
  }

  deleted(queue: Queue, receipt: string): void {
    this.journal.append({ deleted: queue.name, receipt });
    this.store.markCompactable(this.name, this.source);
  }
}
