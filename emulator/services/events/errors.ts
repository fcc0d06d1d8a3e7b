/** EventBridge errors, named after the AWS error codes. */
import { AwsError } from '../../protocol/errors';

export { ResourceNotFoundException, ValidationException } from '../../protocol/errors';

export class InvalidEventPatternException extends AwsError {
  constructor(reason: string) {
    super('InvalidEventPatternException', `Event pattern is not valid. Reason: ${reason}`);
  }
}

export class ResourceAlreadyExistsException extends AwsError {
  constructor(message: string) {
    super('ResourceAlreadyExistsException', message);
  }
}

export class LimitExceededException extends AwsError {
  constructor(message: string) {
    super('LimitExceededException', message);
  }
}

export class IllegalStatusException extends AwsError {
  constructor(message: string) {
    super('IllegalStatusException', message);
  }
}

/** A target delivery failed; carries the ERROR_CODE the dead-letter message reports. */
export class TargetDeliveryError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
    options?: ErrorOptions,
    /** False for failures AWS does not retry (missing target, no permission). */
    readonly retryable = true,
  ) {
    super(message, options);
    this.name = 'TargetDeliveryError';
  }
}
