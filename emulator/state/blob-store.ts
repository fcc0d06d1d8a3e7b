/**
 * Content-addressed blobs (S3 bodies) in `<state>/blobs/`, named by their sha256. A body is
 * readable as soon as it is put; it reaches the disk, fsynced with its folder entry, at the state
 * store's next write, which writes blobs before the documents and journal records that name them.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDir, fsyncDirAsync, writeFileAtomic, writeFileAtomicAsync } from './atomic-file';
import { StateWriteError } from './errors';
import { DIR_MODE } from './state-folder';

export class BlobStore {
  /** Bodies put since the last write: kept in memory (readable) until a write has them on disk. */
  private readonly unwrittenBodies = new Map<string, Uint8Array>();

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    for (const name of readdirSync(dir)) if (name.includes('.tmp-')) unlinkSync(join(dir, name));
  }

  /** True when a body put is not on disk yet. */
  get unwritten(): boolean {
    return this.unwrittenBodies.size > 0;
  }

  /** Stores `bytes` (unless a body with the same content is stored) and returns their id. */
  put(bytes: Uint8Array): string {
    const id = createHash('sha256').update(bytes).digest('hex');
    if (!this.unwrittenBodies.has(id) && !existsSync(join(this.dir, id))) this.unwrittenBodies.set(id, bytes);
    return id;
  }

  get(id: string): Buffer {
    const waiting = this.unwrittenBodies.get(id);
    return waiting ? Buffer.from(waiting) : readFileSync(join(this.dir, id));
  }

  /** Deletes the blobs `referenced` does not name (left by overwrites or a crash between writes). */
  collect(referenced: Set<string>): void {
    for (const name of readdirSync(this.dir)) {
      if (!referenced.has(name)) unlinkSync(join(this.dir, name));
    }
  }

  /**
   * Writes the bodies put so far, each fsynced, then the folder. They are taken when this is
   * called (before its first await); bodies put meanwhile wait for the next write. Rejects with
   * a StateWriteError when one could not be written (it stays for the next write).
   */
  async write(): Promise<void> {
    const bodies = [...this.unwrittenBodies];
    if (bodies.length === 0) return;
    let failure: StateWriteError | undefined;
    await Promise.all(
      bodies.map(([id, bytes]) =>
        writeFileAtomicAsync(join(this.dir, id), bytes).then(
          () => {
            if (this.unwrittenBodies.get(id) === bytes) this.unwrittenBodies.delete(id);
          },
          (error: unknown) => void (failure ??= new StateWriteError('an object body', error)),
        ),
      ),
    );
    await fsyncDirAsync(this.dir);
    if (failure) throw failure;
  }

  /** `write`, synchronously (shutdown). */
  writeSync(): void {
    if (this.unwrittenBodies.size === 0) return;
    let failure: StateWriteError | undefined;
    for (const [id, bytes] of this.unwrittenBodies) {
      try {
        writeFileAtomic(join(this.dir, id), bytes, { syncDir: false });
        this.unwrittenBodies.delete(id);
      } catch (error) {
        failure ??= new StateWriteError('an object body', error);
      }
    }
    fsyncDir(this.dir);
    if (failure) throw failure;
  }
}
