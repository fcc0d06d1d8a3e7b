/**
 * Durable "pending work" for any service: work accepted but not finished yet (an EventBridge target
 * delivery waiting for a retry, an asynchronous Lambda invocation). A service `add`s an item before
 * it acknowledges the request that created it and marks it `done` when finished; after a crash or
 * a shutdown, `entries()` on the next start lists what is left to resume.
 *
 *   const work = store.pendingWork<MyItem>('lambda-async');
 *   for (const [id, item] of work.entries()) resume(id, item);
 *   work.add(id, item); ...; work.done(id);
 */
import type { Journal } from './journal';

type Record<T> = { add: string; item: T } | { done: string };

/** Compact the log once it holds this many lines and 4× more than live items. */
const COMPACT_AFTER_LINES = 1000;

export class PendingWork<T> {
  private readonly items = new Map<string, T>();

  constructor(private readonly journal: Journal<Record<T>>) {
    for (const record of journal.read()) {
      if ('add' in record) this.items.set(record.add, record.item);
      else this.items.delete(record.done);
    }
    if (journal.length > this.items.size) this.compact();
  }

  /** Durable once the store commits (the edge commits before it answers). */
  add(id: string, item: T): void {
    this.journal.append({ add: id, item });
    this.items.set(id, item);
  }

  /** Replaces the item kept for `id` (for example its attempt count). */
  update(id: string, item: T): void {
    if (this.items.has(id)) this.add(id, item);
  }

  /**
   * Crosses the item off. Nothing waits for that to be on disk: after a crash before the next
   * write, the item is resumed and done again (work here is at least once).
   */
  done(id: string): void {
    if (!this.items.delete(id)) return;
    this.journal.append({ done: id }, { awaited: false });
    if (this.journal.length >= COMPACT_AFTER_LINES && this.journal.length > 4 * this.items.size)
      this.compact();
  }

  get size(): number {
    return this.items.size;
  }

  entries(): [string, T][] {
    return [...this.items];
  }

  private compact(): void {
    this.journal.rewrite([...this.items].map(([add, item]) => ({ add, item })));
  }
}
