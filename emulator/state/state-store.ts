/**
 * The state folder: one JSON document per service, append-only journals (archives, pending work)
 * and content-addressed blobs (S3 bodies).
 *
 * Durability: a change is acknowledged only once it is on disk. Services mark documents dirty or
 * append to journals; the edge awaits `commit()` before it answers, and one flush (fsynced) then
 * covers every request that changed something since the last one (group commit). Changes nobody
 * awaits (background deliveries) are flushed shortly after, as before.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDir, writeFileAtomic } from './atomic-file';
import { CorruptStateError, StateWriteError } from './errors';
import { Journal } from './journal';
import { PendingWork } from './pending-work';
import { DIR_MODE, lockStateFolder, resetStateFolder, type StateFolderLock } from './state-folder';

export interface Persistable {
  snapshot(): unknown;
}

export interface StateStoreOptions {
  /** Delay between the first unawaited change and the write that captures it. */
  flushDelayMs?: number;
  log?: (message: string) => void;
}

export class StateStore {
  private readonly blobDir: string;
  private readonly dirty = new Map<string, Persistable>();
  /** Documents whose changes a journal already holds: compacted in the background, not at commit. */
  private readonly lazy = new Map<string, Persistable>();
  private readonly journals = new Map<string, Journal<never>>();
  private timer: NodeJS.Timeout | undefined;
  private commitScheduled = false;
  private waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private readonly flushDelayMs: number;
  private readonly log: (message: string) => void;
  private lastWriteMs = 0;
  private closed = false;
  /** Blobs renamed into place whose folder entry is not fsynced yet (done at the next flush). */
  private blobDirDirty = false;
  private readonly lock: StateFolderLock;

  /** Takes the folder's lock (creating and marking the folder if new); `close()` releases it. */
  constructor(
    readonly dir: string,
    options: StateStoreOptions = {},
  ) {
    this.flushDelayMs = options.flushDelayMs ?? 20;
    this.log = options.log ?? ((m) => console.error(m));
    this.lock = lockStateFolder(dir);
    this.blobDir = join(dir, 'blobs');
    mkdirSync(this.blobDir, { recursive: true, mode: DIR_MODE });
    this.removeTempFiles();
  }

  /** Deletes a state folder; refuses a folder the emulator did not create or one in use. */
  static reset(dir: string): void {
    resetStateFolder(dir);
  }

  load<T>(name: string): T | undefined {
    const file = join(this.dir, `${name}.json`);
    if (!existsSync(file)) return undefined;
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch (error) {
      throw new CorruptStateError(file, error);
    }
  }

  /**
   * Schedules a write of `source.snapshot()` under `name`: at the next commit, or for changes
   * nobody awaits after a delay that grows with the cost of the last write (10×).
   */
  markDirty(name: string, source: Persistable): void {
    if (this.closed) return;
    this.lazy.delete(name);
    this.dirty.set(name, source);
    this.scheduleBackgroundFlush();
  }

  /**
   * For a document whose changes are also appended to the journal of the same name: the commit
   * only needs the journal; the snapshot is written in the background, and the journal emptied
   * once the snapshot holds its records (replaying a record twice must be harmless).
   */
  markCompactable(name: string, source: Persistable): void {
    if (this.closed || this.dirty.has(name)) return;
    this.lazy.set(name, source);
    this.scheduleBackgroundFlush();
  }

  /** An append-only log `<name>.log`; its appends are durable at the next commit. */
  journal<T>(name: string): Journal<T> {
    let journal = this.journals.get(name);
    if (!journal) {
      journal = new Journal<never>(join(this.dir, `${name}.log`), () => this.scheduleBackgroundFlush());
      this.journals.set(name, journal);
    }
    return journal as unknown as Journal<T>;
  }

  /** A durable set of work items any service can resume after a restart (see PendingWork). */
  pendingWork<T>(name: string): PendingWork<T> {
    return new PendingWork<T>(this.journal(`pending-${name}`));
  }

  /** True when a change is not on disk yet. */
  get uncommitted(): boolean {
    if (this.dirty.size > 0 || this.blobDirDirty) return true;
    for (const journal of this.journals.values()) if (journal.pending) return true;
    return false;
  }

  /**
   * Resolves once every change made so far is on disk; rejects with StateWriteError when it could
   * not be written (the caller must not acknowledge). Concurrent callers share one flush.
   */
  commit(): Promise<void> {
    if (!this.uncommitted) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      if (this.commitScheduled) return;
      this.commitScheduled = true;
      // Let the requests already read off the sockets join this flush.
      setImmediate(() => {
        this.commitScheduled = false;
        this.flushForWaiters();
      });
    });
  }

  /**
   * Writes everything pending (with `compact: false`, what a commit needs: journals and changed
   * documents, not the compactable snapshots); throws StateWriteError if something failed.
   */
  flush(options: { compact?: boolean } = {}): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const started = performance.now();
    let failure: StateWriteError | undefined;
    for (const [name, journal] of this.journals) {
      try {
        journal.write();
      } catch (error) {
        failure ??= new StateWriteError(`the ${name} log`, error);
      }
    }
    if (this.blobDirDirty) {
      this.blobDirDirty = false;
      fsyncDir(this.blobDir);
    }
    const documents = [...this.dirty].map(([name, source]) => ({ name, source, lazy: false }));
    if (options.compact !== false)
      documents.push(...[...this.lazy].map(([name, source]) => ({ name, source, lazy: true })));
    const written: string[] = [];
    for (const { name, source, lazy } of documents) {
      try {
        const path = join(this.dir, `${name}.json`);
        writeFileAtomic(path, JSON.stringify(source.snapshot()), { syncDir: false });
        (lazy ? this.lazy : this.dirty).delete(name);
        written.push(name);
      } catch (error) {
        // Kept dirty: a full disk may recover. A value that cannot be serialized is refused at the
        // edge (JSON depth limits), so it never gets here.
        failure ??= new StateWriteError(`${name} state`, error);
      }
    }
    if (written.length) {
      // One folder fsync makes every rename above durable; then the journals they cover can go.
      fsyncDir(this.dir);
      for (const name of written) {
        const journal = this.journals.get(name);
        if (journal && journal.length > 0) journal.rewrite([]);
      }
    }
    this.lastWriteMs = performance.now() - started;
    if (failure) throw failure;
  }

  /** Writes what is pending and releases the folder; later changes are no longer persisted. */
  close(): void {
    if (this.closed) return;
    try {
      this.flush();
    } finally {
      this.closed = true;
      for (const journal of this.journals.values()) journal.close();
      this.settle(new StateWriteError('changes', new Error('the emulator is shutting down')));
      this.lock.release();
    }
  }

  /** Stores bytes durably and returns their id (sha256), before any document references them. */
  putBlob(bytes: Uint8Array): string {
    const id = createHash('sha256').update(bytes).digest('hex');
    const file = join(this.blobDir, id);
    if (!existsSync(file)) {
      writeFileAtomic(file, bytes, { syncDir: false });
      this.blobDirDirty = true;
      this.scheduleBackgroundFlush();
    }
    return id;
  }

  getBlob(id: string): Buffer {
    return readFileSync(join(this.blobDir, id));
  }

  /** Deletes blobs no document references (left by overwrites or a crash between writes). */
  collectBlobs(referenced: Set<string>): void {
    for (const name of readdirSync(this.blobDir)) {
      if (!referenced.has(name)) unlinkSync(join(this.blobDir, name));
    }
  }

  private flushForWaiters(): void {
    try {
      if (!this.closed) this.flush({ compact: false });
      this.settle();
    } catch (error) {
      this.log(`[state] ${error instanceof Error ? error.message : String(error)}`);
      this.settle(error);
    }
  }

  private settle(error?: unknown): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) {
      if (error === undefined) waiter.resolve();
      else waiter.reject(error);
    }
  }

  private scheduleBackgroundFlush(): void {
    if (this.closed) return;
    this.timer ??= setTimeout(
      () => {
        this.timer = undefined;
        try {
          this.flush();
        } catch (error) {
          this.log(`[state] ${error instanceof Error ? error.message : String(error)}`);
        }
      },
      Math.max(this.flushDelayMs, this.lastWriteMs * 10),
    );
  }

  private removeTempFiles(): void {
    for (const dir of [this.dir, this.blobDir]) {
      for (const name of readdirSync(dir)) if (name.includes('.tmp-')) unlinkSync(join(dir, name));
    }
  }
}
