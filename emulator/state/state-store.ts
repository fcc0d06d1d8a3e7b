/**
 * The state folder: one JSON document per service plus content-addressed blobs (S3 bodies).
 * Services mark themselves dirty; the store writes their snapshot shortly after, coalescing
 * bursts, and flushes everything on close.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { CorruptStateError } from './errors';

export interface Persistable {
  snapshot(): unknown;
}

export interface StateStoreOptions {
  /** Delay between the first change and the write that captures it. */
  flushDelayMs?: number;
}

export class StateStore {
  private readonly blobDir: string;
  private readonly dirty = new Map<string, Persistable>();
  private timer: NodeJS.Timeout | undefined;
  private readonly flushDelayMs: number;
  private lastWriteMs = 0;
  private closed = false;

  constructor(
    readonly dir: string,
    options: StateStoreOptions = {},
  ) {
    this.flushDelayMs = options.flushDelayMs ?? 20;
    this.blobDir = join(dir, 'blobs');
    mkdirSync(this.blobDir, { recursive: true });
    this.removeTempFiles();
  }

  static reset(dir: string): void {
    rmSync(dir, { recursive: true, force: true });
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
   * Schedules a write of `source.snapshot()` under `name`. The delay grows with the cost of the
   * last write (10×), so large states under heavy traffic spend at most ~1/11 of the time writing.
   */
  markDirty(name: string, source: Persistable): void {
    if (this.closed) return;
    this.dirty.set(name, source);
    this.timer ??= setTimeout(() => this.flush(), Math.max(this.flushDelayMs, this.lastWriteMs * 10));
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const started = performance.now();
    for (const [name, source] of this.dirty) {
      writeFileAtomic(join(this.dir, `${name}.json`), JSON.stringify(source.snapshot()));
    }
    this.dirty.clear();
    this.lastWriteMs = performance.now() - started;
  }

  /** Writes what is pending; later changes are no longer persisted. */
  close(): void {
    this.flush();
    this.closed = true;
  }

  /** Stores bytes durably and returns their id (sha256), before any document references them. */
  putBlob(bytes: Uint8Array): string {
    const id = createHash('sha256').update(bytes).digest('hex');
    const file = join(this.blobDir, id);
    if (!existsSync(file)) writeFileAtomic(file, bytes);
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

  private removeTempFiles(): void {
    for (const dir of [this.dir, this.blobDir]) {
      for (const name of readdirSync(dir)) if (name.includes('.tmp-')) unlinkSync(join(dir, name));
    }
  }
}
