/**
 * Crash-safe file writes: write a temp file, fsync it, rename over the target, fsync the folder.
 * A killed process leaves either the old or the new file, never a torn one. Files are 0600: the
 * state folder holds secrets.
 *
 * Each write comes in two forms: synchronous (shutdown) and asynchronous, which runs the fsync on
 * libuv's thread pool so the event loop keeps serving requests while the disk works (the commits
 * that answers wait for).
 */
import { closeSync, fsync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const fsyncAsync = promisify(fsync);

let sequence = 0;

function tempPathOf(path: string): string {
  return `${path}.tmp-${process.pid}-${sequence++}`;
}

function bytesOf(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? Buffer.from(data) : data;
}

/**
 * `syncDir: false` leaves the folder's fsync to the caller, who batches it for several files (the
 * rename is atomic either way; the fsync makes it survive a power loss).
 */
export function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: { syncDir?: boolean } = {},
): void {
  const temp = tempPathOf(path);
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeAll(fd, bytesOf(data));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  if (options.syncDir !== false) fsyncDir(dirname(path));
}

/**
 * `writeFileAtomic` with its fsync on the thread pool: the open, the write (to the page cache) and
 * the rename take microseconds and are done on the spot; only the wait for the disk is off the
 * event loop. The folder's fsync is the caller's (`fsyncDirAsync`).
 */
export async function writeFileAtomicAsync(path: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathOf(path);
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeAll(fd, bytesOf(data));
    await fsyncAsync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

export function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

export function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic there.
  }
}

export async function fsyncDirAsync(dir: string): Promise<void> {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    await fsyncAsync(fd);
  } catch {
    // As fsyncDir.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
