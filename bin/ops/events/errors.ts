/** Errors of the bus operations; the CLI and the console render them. */
export class BusOperationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BusOperationError';
  }
}

/** A replay could not start (no archive, no matching rule, bad window) or did not complete. */
export class ReplayError extends BusOperationError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ReplayError';
  }
}
