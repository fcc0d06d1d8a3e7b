/**
 * AWS errors as data. Providers throw `AwsError` subclasses named after the AWS error code; the
 * edge serializes them once per protocol (JSON 1.0/1.1 body + query-compat header, or REST-XML).
 */
export type Fault = 'Sender' | 'Receiver';

export interface AwsErrorOptions {
  statusCode?: number;
  fault?: Fault;
  /** The awsQuery code that query-compatible JSON services (SQS) send in `x-amzn-query-error`. */
  queryCode?: string;
  /** Extra REST-XML fields (for example `Key` or `BucketName`). */
  fields?: Record<string, string>;
  cause?: unknown;
}

export class AwsError extends Error {
  readonly statusCode: number;
  readonly fault: Fault;
  readonly queryCode: string | undefined;
  readonly fields: Record<string, string>;

  constructor(
    readonly code: string,
    message: string,
    options: AwsErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = code;
    this.statusCode = options.statusCode ?? 400;
    this.fault = options.fault ?? (this.statusCode >= 500 ? 'Receiver' : 'Sender');
    this.queryCode = options.queryCode;
    this.fields = options.fields ?? {};
  }
}

export class ValidationException extends AwsError {
  constructor(message: string) {
    super('ValidationException', message);
  }
}

export class ResourceNotFoundException extends AwsError {
  constructor(message: string, options: AwsErrorOptions = {}) {
    super('ResourceNotFoundException', message, options);
  }
}

export class ResourceAlreadyExistsException extends AwsError {
  constructor(message: string) {
    super('ResourceAlreadyExistsException', message);
  }
}

export class InvalidParameterException extends AwsError {
  constructor(message: string) {
    super('InvalidParameterException', message);
  }
}

export class InvalidRequestException extends AwsError {
  constructor(message: string) {
    super('InvalidRequestException', message);
  }
}

export class UnknownOperationException extends AwsError {
  constructor(service: string, operation: string, supported: readonly string[]) {
    super(
      'UnknownOperationException',
      `${service} operation ${operation} is not implemented by the local emulator; ` +
        `it serves ${[...supported].sort().join(', ')}.`,
      { statusCode: 400 },
    );
  }
}

export class InternalFailure extends AwsError {
  constructor(message: string, cause?: unknown) {
    super('InternalFailure', message, { statusCode: 500, cause });
  }
}

/** Turns any thrown value into an `AwsError` so the edge has one branch. */
export function asAwsError(error: unknown): AwsError {
  if (error instanceof AwsError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new InternalFailure(`Emulator failure: ${message}`, error);
}
