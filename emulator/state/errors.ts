/** Errors of the state folder. */
export class StateError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StateError';
  }
}

export class CorruptStateError extends StateError {
  constructor(file: string, cause: unknown) {
    super(`State file ${file} does not parse; delete it or start the emulator with --reset.`, { cause });
    this.name = 'CorruptStateError';
  }
}

/** The folder is not one the emulator created, so it will not delete or adopt it. */
export class NotAStateFolderError extends StateError {
  constructor(dir: string, action: 'reset' | 'use') {
    super(
      action === 'reset'
        ? `Refusing to --reset ${dir}: it is not empty and has no .emulator-state marker, so it is not an emulator state folder. Pick another --state folder, or delete it yourself if you are sure.`
        : `Refusing to use ${dir} as the state folder: it is not empty and holds no emulator state (no .emulator-state marker). Pick an empty or new folder with --state.`,
    );
    this.name = 'NotAStateFolderError';
  }
}

/** Another live emulator holds the folder's lock. */
export class StateFolderLockedError extends StateError {
  constructor(dir: string, pid: number) {
    super(
      `State folder ${dir} is in use by another emulator (pid ${pid}). Stop it first, or give this one its own folder with --state <dir>.`,
    );
    this.name = 'StateFolderLockedError';
  }
}

/** A write to the state folder failed: the change was not stored, so it must not be acknowledged. */
export class StateWriteError extends StateError {
  constructor(what: string, cause: unknown) {
    super(`Could not store ${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StateWriteError';
  }
}
