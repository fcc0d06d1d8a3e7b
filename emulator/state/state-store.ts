/**
 * The state folder: one JSON document per service, append-only journals (archives, pending work)
 * and content-addressed blobs (S3 bodies).
 *
 * Durability: a change is acknowledged only once it is on disk. Services mark documents dirty,
 * append to journals or store blobs; the edge awaits `commit()` before it answers, and one write
 * (fsynced) then covers every request that changed something since the last one (group commit).
 * A commit's writes and fsyncs run on libuv's thread pool, so the event loop keeps serving requests
 * meanwhile, and the requests that change something during one commit share the next. Changes
 * nobody awaits (background deliveries) are written shortly after, with the compaction of
 * journaled documents. Commits and background writes take turns (one at a time, in order).
 */
import { existsSync, readFileSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDir, fsyncDirAsync, writeFileAtomic, writeFileAtomicAsync } from './atomic-file';
import { BlobStore } from './blob-store';
import { Documents, type Persistable, type TakenDocument } from './documents';
import { CorruptStateError, StateWriteError } from './errors';
import { Journal } from './journal';
import { PendingWork } from './pending-work';
import { lockStateFolder, resetStateFolder, type StateFolderLock } from './state-folder';

export type { Persistable };

export interface StateStoreOptions {
  /**
   * Delay between the first unawaited change (one no answer waits for: a background delivery, a
   * crossed-off work item, a compaction) and the write that captures it. Answers never wait for
   * it. Shorter delays put background writes between commits: at 20 ms, SendMessage with 16 in
   * flight answered 1,600/s instead of 2,000–2,500/s (`bench:durability`).
   * @default 200
   */
  flushDelayMs?: number;
  log?: (message: string) => void;
}

export class StateStore {
  private readonly blobs: BlobStore;
  private readonly documents = new Documents();
  private readonly journals = new Map<string, Journal<never>>();
  private timer: NodeJS.Timeout | undefined;
  private commitScheduled = false;
  private waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  /** The commit whose writes are on the thread pool right now. */
  private writing: Promise<void> | undefined;
  /** Commits and background writes run one at a time, in order: the last one queued. */
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;
  private readonly flushDelayMs: number;
  private readonly log: (message: string) => void;
  private lastWriteMs = 0;
  private closed = false;
  private readonly lock: StateFolderLock;

  /** Takes the folder's lock (creating and marking the folder if new); `close()` releases it. */
  constructor(
    readonly dir: string,
    options: StateStoreOptions = {},
  ) {
    this.flushDelayMs = options.flushDelayMs ?? 200;
    this.log = options.log ?? ((m) => console.error(m));
    this.lock = lockStateFolder(dir);
    this.blobs = new BlobStore(join(dir, 'blobs'));
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
    this.documents.markDirty(name, source);
    this.scheduleBackgroundFlush();
  }

  /**
   * For a document whose changes are also appended to the journal of the same name: the commit
   * only needs the journal; the snapshot is written in the background, and the journal emptied
   * once the snapshot holds its records (replaying a record twice must be harmless).
   */
  markCompactable(name: string, source: Persistable): void {
    if (this.closed) return;
    this.documents.markCompactable(name, source);
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

  /** True when a change is not on disk yet (including one a commit is writing right now). */
  get uncommitted(): boolean {
    return this.writing !== undefined || this.unwritten;
  }

  /** True when a change has not been handed to a write yet. */
  private get unwritten(): boolean {
    if (this.documents.unwritten || this.blobs.unwritten) return true;
    for (const journal of this.journals.values()) if (journal.pending) return true;
    return false;
  }

  /**
   * Resolves once every change made so far is on disk; rejects with StateWriteError when it could
   * not be written (the caller must not acknowledge). Concurrent callers share one write.
   */
  commit(): Promise<void> {
    // Every change so far is in the commit being written (or already on disk).
    if (!this.unwritten) return this.writing ?? Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      if (this.commitScheduled) return;
      this.commitScheduled = true;
      // Let the requests already read off the sockets join this commit. It starts when the one
      // being written (if any) is done, and takes every change made until then.
      setImmediate(
        () =>
          void this.enqueue(() => {
            this.commitScheduled = false;
            return this.commitForWaiters();
          }),
      );
    });
  }

  /**
   * Writes everything pending, synchronously, with the snapshots of journaled documents (after
   * which their journals are emptied); throws StateWriteError if something failed.
   */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const started = performance.now();
    let failure: StateWriteError | undefined;
    try {
      this.blobs.writeSync();
    } catch (error) {
      failure ??= error as StateWriteError;
    }
    for (const [name, journal] of this.journals) {
      try {
        journal.write();
      } catch (error) {
        failure ??= new StateWriteError(`the ${name} log`, error);
      }
    }
    const written: string[] = [];
    const documents = this.documents.take(
      'all',
      () => Infinity,
      (name, error) => {
        failure ??= new StateWriteError(`${name} state`, error);
      },
    );
    for (const document of documents) {
      try {
        writeFileAtomic(join(this.dir, `${document.name}.json`), document.text, { syncDir: false });
        this.documents.written(document);
        written.push(document.name);
      } catch (error) {
        this.documents.failed(document);
        failure ??= new StateWriteError(`${document.name} state`, error);
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

  /**
   * Writes what is pending and releases the folder; later changes are no longer persisted. Waits
   * for a commit being written first (resolves at once, folder released, when none is).
   */
  close(): Promise<void> {
    if (this.queued === 0) {
      this.closeNow();
      return Promise.resolve();
    }
    return this.enqueue(() => this.closeNow());
  }

  private closeNow(): void {
    if (this.closed) return;
    try {
      this.flush();
    } finally {
      this.closed = true;
      for (const journal of this.journals.values()) journal.close();
      this.settle(
        this.waiters.splice(0),
        new StateWriteError('changes', new Error('the emulator is shutting down')),
      );
      this.lock.release();
    }
  }

  /**
   * Returns the id (sha256) of `bytes`, readable at once; the body is on disk, fsynced, at the
   * next commit, before the document or journal record that references it.
   */
  putBlob(bytes: Uint8Array): string {
    const id = this.blobs.put(bytes);
    if (this.blobs.unwritten) this.scheduleBackgroundFlush();
    return id;
  }

  getBlob(id: string): Buffer {
    return this.blobs.get(id);
  }

  /** Deletes blobs no document references (left by overwrites or a crash between writes). */
  collectBlobs(referenced: Set<string>): void {
    this.blobs.collect(referenced);
  }

  /** Runs `task` once every commit and write queued before it is done. */
  private enqueue(task: () => void | Promise<void>): Promise<void> {
    this.queued++;
    const run = this.tail.then(task).finally(() => this.queued--);
    this.tail = run.catch(() => {});
    return run;
  }

  /** A commit: writes the changes not yet written, then answers the requests waiting for them. */
  private async commitForWaiters(): Promise<void> {
    const waiters = this.waiters.splice(0);
    if (this.closed) return;
    const write = this.writeChanges({ compact: false });
    this.writing = write;
    try {
      await write;
      this.settle(waiters);
    } catch (error) {
      this.log(`[state] ${error instanceof Error ? error.message : String(error)}`);
      this.settle(waiters, error);
    } finally {
      if (this.writing === write) this.writing = undefined;
    }
  }

  /**
   * Takes the changes not yet written (journal appends, changed documents, new blobs; with
   * `compact`, the snapshots of journaled documents too) and writes them on the thread pool: blobs
   * first (and their folder fsynced), so nothing on disk references a body that is not; then
   * journals and documents together, and one folder fsync; then the journals a written snapshot
   * holds are emptied. Runs only from the queue, so no other write touches these files meanwhile.
   */
  private async writeChanges(options: { compact: boolean }): Promise<void> {
    // Each part takes its changes now, before the first await: later ones wait for the next write.
    const blobsWritten = this.blobs.write();
    // A commit takes the logs that owe an answer something; the rest ride with a later write.
    const journals = [...this.journals].flatMap(([name, journal]) => {
      const data = options.compact || journal.pending ? journal.take() : undefined;
      return data ? [{ name, journal, data }] : [];
    });
    let failure: StateWriteError | undefined;
    const fail = (what: string) => (error: unknown) => {
      failure ??= new StateWriteError(what, error);
    };
    const documents = this.documents.take(
      options.compact,
      (name) => this.journals.get(name)?.size ?? Infinity,
      (name, error) => fail(`${name} state`)(error),
    );

    // Bodies first, so nothing on disk names a body that is not.
    await blobsWritten.catch((error: unknown) => void (failure ??= error as StateWriteError));
    const written: string[] = [];
    await Promise.all([
      ...journals.map(({ name, journal, data }) => journal.writeAsync(data).catch(fail(`the ${name} log`))),
      ...documents.map((document: TakenDocument) =>
        writeFileAtomicAsync(join(this.dir, `${document.name}.json`), document.text).then(
          () => {
            written.push(document.name);
            this.documents.written(document);
          },
          (error: unknown) => {
            this.documents.failed(document);
            fail(`${document.name} state`)(error);
          },
        ),
      ),
    ]);
    if (written.length) {
      await fsyncDirAsync(this.dir);
      // The snapshots hold every record their journals had on disk; later appends stay buffered.
      await Promise.all(
        written.map((name) =>
          this.journals
            .get(name)
            ?.truncate()
            .catch(fail(`the ${name} log`)),
        ),
      );
    }
    if (failure) throw failure;
  }

  private settle(
    waiters: { resolve: () => void; reject: (error: unknown) => void }[],
    error?: unknown,
  ): void {
    for (const waiter of waiters) {
      if (error === undefined) waiter.resolve();
      else waiter.reject(error);
    }
  }

  /**
   * Writes every pending change and the snapshots of journaled documents (emptying their
   * journals), in turn with commits; what the background write does shortly after a change.
   */
  compact(): Promise<void> {
    return this.enqueue(async () => {
      if (this.closed) return;
      const started = performance.now();
      const write = this.writeChanges({ compact: true });
      // A request whose change this write took waits for it (see commit).
      this.writing = write;
      try {
        await write;
      } catch (error) {
        this.log(`[state] ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        if (this.writing === write) this.writing = undefined;
      }
      this.lastWriteMs = performance.now() - started;
    });
  }

  private scheduleBackgroundFlush(): void {
    if (this.closed) return;
    this.timer ??= setTimeout(
      () => {
        this.timer = undefined;
        void this.compact();
      },
      Math.max(this.flushDelayMs, this.lastWriteMs * 10),
    );
  }

  private removeTempFiles(): void {
    for (const name of readdirSync(this.dir)) if (name.includes('.tmp-')) unlinkSync(join(this.dir, name));
  }
}
