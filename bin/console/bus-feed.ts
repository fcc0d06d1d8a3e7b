/**
 * The console's live view of the bus: one bus watcher (a temporary rule and queue, as `hydrant
 * events tail` uses) opened when the console starts and closed with it, the newest events kept in
 * memory, and each new one pushed to the pages listening (server-sent events).
 */
import { BusWatcher, type BusEventRecord } from '../ops/events/bus-watcher';
import type { OpsTarget } from '../ops/context';

const KEEP = 500;
const WAIT_SECONDS = 5;
const RETRY_MS = 2000;

export type BusListener = (event: BusEventRecord) => void;

export class BusFeed {
  private readonly recent: BusEventRecord[] = [];
  private readonly listeners = new Set<BusListener>();
  private readonly abort = new AbortController();
  private watcher?: BusWatcher;
  private loop?: Promise<void>;
  /** The last failure to read the bus, shown on the page until reading works again. */
  lastError?: string;

  constructor(private readonly target: OpsTarget) {}

  async start(): Promise<void> {
    this.watcher = await BusWatcher.start(
      this.target.clients,
      this.target.endpoints.bus,
      undefined,
      'hydrant-console',
    );
    this.loop = this.poll();
  }

  /** Newest first. */
  events(): readonly BusEventRecord[] {
    return this.recent;
  }

  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async poll(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        const events = await this.watcher!.next(WAIT_SECONDS, signal);
        this.lastError = undefined;
        for (const event of events) {
          this.recent.unshift(event);
          if (this.recent.length > KEEP) this.recent.pop();
          for (const listener of this.listeners) listener(event);
        }
      } catch (error) {
        if (signal.aborted) return;
        this.lastError = (error as Error).message;
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    }
  }

  /** Stops polling and deletes the rule and queue; returns what could not be deleted. */
  async close(): Promise<string[]> {
    this.abort.abort();
    await this.loop;
    return (await this.watcher?.close()) ?? [];
  }
}
