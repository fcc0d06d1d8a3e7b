/**
 * CLI errors. Each carries the process exit code it ends with, so the top level is one branch:
 * print the message, exit with `exitCode`.
 */

/** Exit codes, documented in the README ("Operating hydrant"). */
export const ExitCode = {
  ok: 0,
  /** The operation failed: an AWS or HTTP error, a rejected webhook, a failed redrive. */
  failure: 1,
  /** Bad arguments or options, or a destructive command without its confirmation. */
  usage: 2,
  /** No target: no running emulator, no such stack, or the target lacks what the command needs. */
  targetUnavailable: 3,
  /** The named object, queue, order or Stripe endpoint does not exist. */
  notFound: 4,
} as const;

export class CliError extends Error {
  readonly exitCode: number = ExitCode.failure;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CliError';
  }
}

export class UsageError extends CliError {
  override readonly exitCode = ExitCode.usage;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

export class TargetUnavailableError extends CliError {
  override readonly exitCode = ExitCode.targetUnavailable;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TargetUnavailableError';
  }
}

export class NotFoundError extends CliError {
  override readonly exitCode = ExitCode.notFound;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NotFoundError';
  }
}

/** An HTTP endpoint (webhook, mock partner) answered with a non-2xx status. */
export class HttpStatusError extends CliError {
  constructor(
    readonly status: number,
    readonly body: string,
    url: string,
  ) {
    super(`${url} answered HTTP ${status}: ${body.slice(0, 500)}`);
    this.name = 'HttpStatusError';
  }
}

/**
 * The command printed its result (a redrive with per-message outcomes) and still failed: the exit
 * code says so, and with --json no second document follows the result on stdout.
 */
export class ReportedFailure extends CliError {
  constructor(message: string) {
    super(message);
    this.name = 'ReportedFailure';
  }
}

/** Turns a low-level failure into a CliError with an exit code and a message that says what to do. */
export function toCliError(error: unknown, awsEndpoint?: string): CliError {
  if (error instanceof CliError) return error;
  const err = error instanceof Error ? error : new Error(String(error));
  if (isConnectionRefused(err)) {
    const where = awsEndpoint ? ` at ${awsEndpoint}` : '';
    return new TargetUnavailableError(
      `Nothing answers${where}: start the local stack with \`npm start\` (or pass --stack <name> for a deployed one)`,
      { cause: err },
    );
  }
  const name = err.name;
  if (['NoSuchKey', 'NotFound', 'NoSuchBucket', 'ResourceNotFoundException'].includes(name)) {
    return new NotFoundError(`${name}: ${err.message}`, { cause: err });
  }
  if (name === 'QueueDoesNotExist' || name === 'AWS.SimpleQueueService.NonExistentQueue') {
    return new NotFoundError(`The queue does not exist: ${err.message}`, { cause: err });
  }
  return new CliError(name && name !== 'Error' ? `${name}: ${err.message}` : err.message, { cause: err });
}

function isConnectionRefused(err: Error): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: string }).code;
    if (code === 'ECONNREFUSED') return true;
    if (
      e instanceof AggregateError &&
      e.errors.some((x) => (x as { code?: string }).code === 'ECONNREFUSED')
    ) {
      return true;
    }
  }
  return false;
}
