/** Errors of the local Lambda runtime, named after the Lambda API's error codes where one exists. */
export class LambdaError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LambdaError';
  }
}

/** No function with that name or ARN is deployed. */
export class ResourceNotFoundException extends LambdaError {
  constructor(nameOrArn: string) {
    super(`Function not found: ${nameOrArn}; is it in the deployed template?`);
    this.name = 'ResourceNotFoundException';
  }
}

/** Reserved concurrency 0: the function is turned off. */
export class TooManyRequestsException extends LambdaError {
  constructor(functionName: string) {
    super(`Rate Exceeded: ${functionName} has reserved concurrency 0`);
    this.name = 'TooManyRequestsException';
  }
}

/** The handler threw or returned a rejected promise; `errorType`/`errorMessage` as Lambda reports them. */
export class FunctionError extends LambdaError {
  constructor(
    readonly functionName: string,
    readonly errorType: string,
    readonly errorMessage: string,
    readonly handlerStack?: string,
  ) {
    super(`${functionName} failed: ${errorType}: ${errorMessage}`);
    this.name = 'FunctionError';
  }
}

/** The handler ran past the function's timeout; its worker is discarded as Lambda discards the sandbox. */
export class FunctionTimeoutError extends FunctionError {
  constructor(functionName: string, timeoutSeconds: number) {
    super(functionName, 'Sandbox.Timedout', `Task timed out after ${timeoutSeconds.toFixed(2)} seconds`);
    this.name = 'FunctionTimeoutError';
  }
}

/** The bundle could not be loaded or has no such handler export (Lambda's Runtime.ImportModuleError). */
export class FunctionInitError extends FunctionError {
  constructor(functionName: string, errorType: string, errorMessage: string) {
    super(functionName, errorType, errorMessage);
    this.name = 'FunctionInitError';
  }
}

/** A parameter is out of Lambda's limits (InvalidParameterValueException, HTTP 400). */
export class InvalidParameterValueException extends LambdaError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidParameterValueException';
  }
}

/** The request body of an Invoke is not JSON (InvalidRequestContentException, HTTP 400). */
export class InvalidRequestContentException extends LambdaError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRequestContentException';
  }
}
