/** Errors of the DLQ operations; the CLI and the console render them. */
export class DlqError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DlqError';
  }
}

/** A redrive stopped: cancelled, or SQS's move task ended other than COMPLETED. */
export class RedriveFailedError extends DlqError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RedriveFailedError';
  }
}

/** Handing one message back failed (the message stays in its DLQ). */
export class HandBackError extends DlqError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HandBackError';
  }
}
