/** Errors of the edge server itself (not AWS errors, which are data in protocol/errors.ts). */
export class EdgeError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'EdgeError';
  }
}
