/**
 * The events of one archive: kept in memory for replays, stored append-only (one line per event,
 * never rewritten on PutEvents), and dropped once older than the archive's RetentionDays
 * (0 = kept indefinitely).
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateArchive.html
 */
import type { EventEnvelope } from './put-events';

export interface ArchivedEvent {
  event: EventEnvelope;
  ingestedAt: number;
}

/** Where an archive's events are stored: an append-only log (the state store's journals). */
export interface ArchiveLog {
  read(): ArchivedEvent[];
  append(entry: ArchivedEvent): void;
  /** Replaces the log (after a retention purge). */
  rewrite(entries: ArchivedEvent[]): void;
  remove(): void;
}

/** An archive without a state folder keeps its events in memory only. */
export const memoryArchiveLog = (): ArchiveLog => ({
  read: () => [],
  append: () => undefined,
  rewrite: () => undefined,
  remove: () => undefined,
});

const DAY_MS = 86_400_000;
/**
 * PARITY: AWS deletes expired events in the background at an unstated pace; the emulator purges
 * when an archive is read or written, at most once a minute.
 */
const PURGE_INTERVAL_MS = 60_000;

export class ArchiveEvents {
  private entries: ArchivedEvent[];
  private bytes = 0;
  private lastPurge = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly log: ArchiveLog,
    private readonly retentionDays: number,
    private readonly now: () => number,
    /** Events from a state file written before archives had their own log. */
    legacy: ArchivedEvent[] = [],
  ) {
    this.entries = log.read();
    if (this.entries.length === 0 && legacy.length > 0) {
      this.entries = legacy;
      log.rewrite(legacy);
    }
    for (const entry of this.entries) this.bytes += sizeOf(entry.event);
    this.purge(true);
  }

  append(entry: ArchivedEvent): void {
    this.purge();
    this.log.append(entry);
    this.entries.push(entry);
    this.bytes += sizeOf(entry.event);
  }

  /** Events in ingestion order, expired ones removed. */
  list(): readonly ArchivedEvent[] {
    this.purge();
    return this.entries;
  }

  get count(): number {
    this.purge();
    return this.entries.length;
  }

  get sizeBytes(): number {
    this.purge();
    return this.bytes;
  }

  remove(): void {
    this.entries = [];
    this.bytes = 0;
    this.log.remove();
  }

  private purge(force = false): void {
    if (this.retentionDays <= 0 || this.entries.length === 0) return;
    const now = this.now();
    if (!force && now - this.lastPurge < PURGE_INTERVAL_MS) return;
    this.lastPurge = now;
    const cutoff = now - this.retentionDays * DAY_MS;
    if (this.entries[0]!.ingestedAt >= cutoff) return;
    const kept = this.entries.filter((e) => e.ingestedAt >= cutoff);
    this.entries = kept;
    this.bytes = kept.reduce((n, e) => n + sizeOf(e.event), 0);
    this.log.rewrite(kept);
  }
}

function sizeOf(event: EventEnvelope): number {
  return Buffer.byteLength(JSON.stringify(event));
}
