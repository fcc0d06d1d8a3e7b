/** Errors of reading where a hydrant deployment lives. */

/** A stack lacks outputs every hydrant stack has: probably not a hydrant stack. */
export class MissingOutputsError extends Error {
  constructor(
    readonly missing: readonly string[],
    message: string,
  ) {
    super(message);
    this.name = 'MissingOutputsError';
  }
}
