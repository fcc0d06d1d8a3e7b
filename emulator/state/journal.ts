/**
 * An append-only log of JSON records, one per line (`<name>.log` in the state folder). Appends are
 * buffered and reach the disk, fsynced, at the store's next commit; a line torn by a crash is the
 * last one and is ignored on read. `rewrite` compacts the log atomically.
 *
 * A compaction may happen while a commit's fsync is still on the thread pool: the file descriptor
 * it syncs is then closed only once it finishes (closing it under the fsync could hand its number
 * to another file). Its append went to the replaced file, which is harmless: the compacted log
 * already holds the state those records led to.
 */
import { close, closeSync, existsSync, fsync, fsyncSync, openSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { fsyncDir, fsyncDirAsync, writeAll, writeFileAtomic, writeFileAtomicAsync } from './atomic-file';
import { CorruptStateError } from './errors';

const fsyncAsync = promisify(fsync);

export class Journal<T = unknown> {
  private buffer: string[] = [];
  /** Buffered records an answer waits for. */
  private owed = 0;
  private fd: number | undefined;
  private lines = 0;
  /** Characters in the log, on disk and buffered: what replaying it costs. */
  private chars = 0;
  /** Appends whose fsync is on the thread pool right now. */
  private writing = 0;
  /** Descriptors replaced while an append was running: closed when it finishes. */
  private retired: number[] = [];

  constructor(
    readonly path: string,
    private readonly onAppend: () => void,
  ) {}

  /** Every record on disk, in order. Call once, before appending. */
  read(): T[] {
    if (!existsSync(this.path)) return [];
    const text = readFileSync(this.path, 'utf8');
    const lines = text.split('\n');
    const records: T[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line === '') continue;
      try {
        records.push(JSON.parse(line) as T);
      } catch (error) {
        // The last line may be torn by a crash mid-append: it was never acknowledged.
        if (i === lines.length - 1 || (i === lines.length - 2 && lines[i + 1] === '')) break;
        throw new CorruptStateError(this.path, error);
      }
    }
    this.lines = records.length;
    this.chars = text.length;
    return records;
  }

  /**
   * Records `record`; durable once the store's commit resolves. Throws if it cannot be serialized.
   * With `awaited: false` no answer waits for it: it goes to disk with the next write of this log
   * (a commit that owes it other records, or the background compaction), for records whose loss
   * in a crash only repeats work (a crossed-off work item is done again).
   */
  append(record: T, options: { awaited?: boolean } = {}): void {
    const line = `${JSON.stringify(record)}\n`;
    this.buffer.push(line);
    if (options.awaited !== false) this.owed++;
    this.lines++;
    this.chars += line.length;
    this.onAppend();
  }

  /** Characters in the log (read + appended since the last rewrite), about its size in bytes. */
  get size(): number {
    return this.chars;
  }

  /** Lines in the log (read + appended since the last rewrite). */
  get length(): number {
    return this.lines;
  }

  /** True when a buffered record must be on disk before an answer. */
  get pending(): boolean {
    return this.owed > 0;
  }

  /** Appends the buffered records and fsyncs. */
  write(): void {
    if (this.buffer.length === 0) return;
    const data = Buffer.from(this.buffer.join(''));
    this.buffer = [];
    this.owed = 0;
    const created = this.fd === undefined && !existsSync(this.path);
    this.fd ??= openSync(this.path, 'a', 0o600);
    writeAll(this.fd, data);
    fsyncSync(this.fd);
    if (created) fsyncDir(dirname(this.path));
  }

  /** Takes the buffered appends, for `writeAsync`: later appends wait for the next write. */
  take(): Buffer | undefined {
    if (this.buffer.length === 0) return undefined;
    const data = Buffer.from(this.buffer.join(''));
    this.buffer = [];
    this.owed = 0;
    return data;
  }

  /**
   * Appends `data` (from `take`) and fsyncs it. The append itself only reaches the page cache, so
   * it is done here and now (microseconds); the fsync, which waits for the disk, runs on the
   * thread pool, off the event loop.
   */
  async writeAsync(data: Buffer): Promise<void> {
    const created = this.fd === undefined && !existsSync(this.path);
    this.fd ??= openSync(this.path, 'a', 0o600);
    const fd = this.fd;
    writeAll(fd, data);
    this.writing++;
    try {
      await fsyncAsync(fd);
      if (created) await fsyncDirAsync(dirname(this.path));
    } finally {
      this.writing--;
      if (this.writing === 0) for (const old of this.retired.splice(0)) close(old, () => {});
    }
  }

  /**
   * Empties the log on disk (a snapshot now holds its records) and keeps the appends buffered
   * since, for the next write.
   */
  async truncate(): Promise<void> {
    if (this.lines === this.buffer.length) return;
    this.closeFd();
    await writeFileAtomicAsync(this.path, '');
    await fsyncDirAsync(dirname(this.path));
    this.lines = this.buffer.length;
    this.chars = this.buffer.reduce((sum, line) => sum + line.length, 0);
  }

  /** Replaces the whole log with `records` (compaction); buffered appends are dropped. */
  rewrite(records: T[]): void {
    this.closeFd();
    this.buffer = [];
    this.owed = 0;
    const text = records.map((r) => `${JSON.stringify(r)}\n`).join('');
    writeFileAtomic(this.path, text);
    this.lines = records.length;
    this.chars = text.length;
  }

  remove(): void {
    this.closeFd();
    this.buffer = [];
    this.owed = 0;
    this.lines = 0;
    this.chars = 0;
    rmSync(this.path, { force: true });
  }

  close(): void {
    this.closeFd();
  }

  private closeFd(): void {
    if (this.fd === undefined) return;
    if (this.writing > 0) this.retired.push(this.fd);
    else closeSync(this.fd);
    this.fd = undefined;
  }
}
