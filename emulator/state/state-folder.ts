/**
 * The state folder itself: a marker file says the emulator made it (so `--reset` never deletes a
 * folder it did not create), a pid lock keeps a second emulator out, and only the owner can read
 * it (0700 folder, 0600 files: it holds secrets).
 */
import { randomUUID } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { NotAStateFolderError, StateFolderLockedError } from './errors';

export const MARKER_FILE = '.emulator-state';
export const LOCK_FILE = 'emulator.pid';
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/** Files an emulator wrote before folders had a marker: such a folder is adopted, not refused. */
const LEGACY_STATE_FILES = ['events.json', 'sqs.json', 's3.json', 'secretsmanager.json', 'endpoints.json'];

export interface StateFolderLock {
  release(): void;
}

export function isStateFolder(dir: string): boolean {
  return existsSync(join(dir, MARKER_FILE));
}

/** Deletes a state folder; refuses a non-empty folder without the marker, or one in use. */
export function resetStateFolder(dir: string): void {
  if (!existsSync(dir)) return;
  if (!isStateFolder(dir) && readdirSync(dir).length > 0) throw new NotAStateFolderError(dir, 'reset');
  const holder = liveHolder(dir);
  if (holder !== undefined) throw new StateFolderLockedError(dir, holder);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Creates or adopts `dir` as a state folder and takes its lock: a pid file created exclusively;
 * a pid file whose process is gone (a crash, SIGKILL) is taken over.
 */
export function lockStateFolder(dir: string): StateFolderLock {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  if (!isStateFolder(dir)) {
    const entries = readdirSync(dir);
    if (entries.length > 0 && !entries.some((name) => LEGACY_STATE_FILES.includes(name)))
      throw new NotAStateFolderError(dir, 'use');
  }
  const token = `${process.pid}\n${randomUUID()}\n`;
  const lockPath = join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', FILE_MODE);
      try {
        writeSync(fd, token);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const holder = liveHolder(dir);
      if (holder !== undefined) throw new StateFolderLockedError(dir, holder);
      rmSync(lockPath, { force: true });
    }
  }
  if (!isStateFolder(dir)) {
    const fd = openSync(join(dir, MARKER_FILE), 'w', FILE_MODE);
    try {
      writeSync(fd, 'This folder holds the state of a local AWS emulator; --reset may delete it.\n');
    } finally {
      closeSync(fd);
    }
  }
  tightenPermissions(dir);
  return {
    release() {
      try {
        if (readFileSync(lockPath, 'utf8') === token) unlinkSync(lockPath);
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
}

/** The pid in the lock file when that process is alive. */
function liveHolder(dir: string): number | undefined {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(join(dir, LOCK_FILE), 'utf8'), 10);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

/** Folders written by older versions (0755 / 0644 under the usual umask) become owner-only. */
function tightenPermissions(dir: string): void {
  chmodSync(dir, DIR_MODE);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) {
      if ((stat.mode & 0o777) !== DIR_MODE) chmodSync(path, DIR_MODE);
    } else if ((stat.mode & 0o777) !== FILE_MODE) chmodSync(path, FILE_MODE);
  }
}
