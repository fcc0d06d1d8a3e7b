/**
 * Crash-safe file writes: write a temp file, fsync it, rename over the target, fsync the folder.
 * A killed process leaves either the old or the new file, never a torn one. Files are 0600: the
 * state folder holds secrets.
 */
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

let sequence = 0;

/**
 * `syncDir: false` leaves the folder's fsync to the caller, who batches it for several files (the
 * rename is atomic either way; the fsync makes it survive a power loss).
 */
export function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: { syncDir?: boolean } = {},
): void {
  const temp = `${path}.tmp-${process.pid}-${sequence++}`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeAll(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  if (options.syncDir !== false) fsyncDir(dirname(path));
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
