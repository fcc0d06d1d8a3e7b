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
